"use server";

// Step-up with a passkey (/signin/confirm): a signed-in person re-authenticates with one of their
// own passkeys before a privileged action; the session's authentication becomes "now, hwk"
// (lib/auth/step-up.ts recordReauthentication).
import { defineAction } from "@/lib/actions/action-client";
import { recordReauthentication } from "@/lib/auth/step-up";
import { AMR } from "@/lib/auth/assurance";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import type { PasskeyAnswered, PasskeyOptionsResult } from "../passkey-steps";
import { ownPasskeyStart, passkeyAnswerInput, requireOwnPasskey } from "../passkey-steps";

export async function startPasskeyStepUpAction(): Promise<PasskeyOptionsResult> {
  return ownPasskeyStart.stepUp();
}

const finish = defineAction({ who: "user", ...passkeyAnswerInput }, async ({ session, input }) => {
  const meta = await requireOwnPasskey(input.response, "step_up", session);
  await recordReauthentication(session, [AMR.passkey], meta);
  return { ok: true, data: { next: safeNextPath(input.next, "/account") } };
});
export async function finishPasskeyStepUpAction(input: unknown): Promise<PasskeyAnswered> {
  return finish(input);
}
