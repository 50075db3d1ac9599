"use server";

import { z } from "zod";
import { requestRegistration } from "@/lib/flows/registration";
import { registrationInput } from "@/lib/schemas/people";
import { clientIp } from "@/lib/http/client-ip";
import { failure, type ActionResult } from "@/lib/action-result";

/** Anonymous by design; rate-limited per IP and per address inside the flow. */
export async function requestRegistrationAction(values: unknown): Promise<ActionResult> {
  const parsed = registrationInput.safeParse(values);
  if (!parsed.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await requestRegistration(parsed.data, await clientIp());
    // The same answer whether or not a mail went out (existing members, deactivated accounts).
    return { ok: true, message: `If ${parsed.data.email} can join, a confirmation link is on its way. Open it within 7 days to complete your request.` };
  } catch (err) {
    return failure(err);
  }
}
