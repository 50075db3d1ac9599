"use server";

import { defineAction } from "@/lib/actions/action-client";
import { requestCitizenSignup, signupAnswer } from "@/lib/flows/citizen-signup";
import { citizenSignupInput } from "@/lib/schemas/citizen";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

const signUp = defineAction({ who: "anonymous", input: citizenSignupInput }, async ({ input }) => {
  await requestCitizenSignup(input, await clientIp());
  // The same answer whether or not the address has an account (lib/flows/citizen-signup.ts).
  return { ok: true, message: signupAnswer(input.email) };
});

/** Anonymous by design; rate-limited per client address and per email inside the flow. */
export async function requestCitizenSignupAction(values: unknown): Promise<ActionResult> {
  return signUp(values);
}
