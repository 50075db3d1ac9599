// "Follow this report": the one address a follower gives, parsed the same in the form and the action.
import { z } from "zod";

export const followInput = z
  .object({ email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(200) })
  .strict();
export type FollowInput = z.input<typeof followInput>;

/** The same words whatever happened: nobody learns whether an address already follows a report. */
export const FOLLOW_ANSWER =
  "Thank you. If the address can receive mail, a link to follow this report is on its way. It may take a few minutes.";
