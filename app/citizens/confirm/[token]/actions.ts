"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { completeCitizenSignup, SIGNUP_LINK_MESSAGES } from "@/lib/flows/citizen-signup";
import { citizenPasswordInput } from "@/lib/schemas/citizen";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

// The mailed token is the only credential: anyone may call this, with a token.
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

/** Makes the citizen account through a sign-up link (lib/flows/citizen-signup.ts). */
export async function completeCitizenSignupAction(tokenInput: unknown, values: unknown): Promise<ActionResult> {
  return complete(tokenInput, values);
}
