"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { resetPassword } from "@/lib/flows/password-reset";
import { resetPasswordInput } from "@/lib/schemas/account";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

// The mailed token is the only credential: anyone may call this, with a token.
const reset = defineAction(
  {
    who: "anonymous",
    scope: z.string().max(100),
    incomplete: "This password reset link is not valid. Ask for a new one on the sign-in page.",
    input: resetPasswordInput,
  },
  async ({ scope, input }) => {
    await resetPassword(scope, input, await clientIp());
    return {
      ok: true,
      message:
        "Your password was changed and every session was signed out. Sign in with your new password (and your second factor, if you use one).",
    };
  },
);

/** Sets a new password through a reset link (lib/flows/password-reset.ts): every session ends. */
export async function resetPasswordAction(tokenInput: unknown, values: unknown): Promise<ActionResult> {
  return reset(tokenInput, values);
}
