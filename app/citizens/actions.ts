"use server";

// Citizen sign-up (lib/flows/citizen-signup.ts), both steps anonymous by design: asking for the
// link (rate-limited per client and per address inside the flow; the same answer whatever the
// address) and choosing the password through it (the mailed token is the only credential).
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import {
  completeCitizenSignup,
  requestCitizenSignup,
  signupAnswer,
  SIGNUP_LINK_MESSAGES,
} from "@/lib/flows/citizen-signup";
import { citizenPasswordInput, citizenSignupInput } from "@/lib/schemas/citizen";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

const signUp = defineAction({ who: "anonymous", input: citizenSignupInput }, async ({ input }) => {
  await requestCitizenSignup(input, await clientIp());
  return { ok: true, message: signupAnswer(input.email) };
});

const complete = defineAction(
  {
    who: "anonymous",
    scope: z.string().max(100),
    incomplete: SIGNUP_LINK_MESSAGES.invalid,
    input: citizenPasswordInput,
  },
  async ({ scope, input }) => {
    await completeCitizenSignup(scope, input, await clientIp());
    return { ok: true, message: "Your citizen account is ready. Sign in with your email and the new password." };
  },
);

export async function requestCitizenSignupAction(values: unknown): Promise<ActionResult> {
  return signUp(values);
}

export async function completeCitizenSignupAction(tokenInput: unknown, values: unknown): Promise<ActionResult> {
  return complete(tokenInput, values);
}
