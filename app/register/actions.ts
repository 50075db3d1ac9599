"use server";

import { defineAction } from "@/lib/actions/action-client";
import { requestRegistration } from "@/lib/flows/registration";
import { registrationInput } from "@/lib/schemas/people";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

const register = defineAction({ who: "anonymous", input: registrationInput }, async ({ input }) => {
  await requestRegistration(input, await clientIp());
  // The same answer whether or not a mail went out (existing members, deactivated accounts).
  return {
    ok: true,
    message: `If ${input.email} can join, a confirmation link is on its way. Open it within 7 days to complete your request.`,
  };
});

/** Anonymous by design; rate-limited per IP and per address inside the flow. */
export async function requestRegistrationAction(values: unknown): Promise<ActionResult> {
  return register(values);
}
