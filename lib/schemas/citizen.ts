// The citizen sign-up forms' schemas, shared by the forms (zodResolver) and lib/flows/citizen-signup.ts
// (safeParse): the address to confirm, then a name (optional) and a password by the project's rules.
import { z } from "zod";
import { resetRequestInput } from "./account";
import { confirmMatches, confirmPasswordField, newPasswordField } from "./password-rules";

/** One address to mail the link to: the same form as "forgot password" (app/_components/email-link-form.tsx). */
export const citizenSignupInput = resetRequestInput;
export type CitizenSignupInput = z.input<typeof citizenSignupInput>;

export const citizenPasswordInput = confirmMatches(
  z
    .object({
      name: z.string().trim().max(120, "Use at most 120 characters.").default(""),
      password: newPasswordField,
      confirm: confirmPasswordField,
    })
    .strict(),
);
export type CitizenPasswordInput = z.input<typeof citizenPasswordInput>;
