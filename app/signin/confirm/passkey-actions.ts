"use server";

// Step-up with a passkey (/signin/confirm): a signed-in person re-authenticates with one of their
// own passkeys before a privileged action; the session's authentication becomes "now, hwk"
// (lib/auth/step-up.ts recordReauthentication).
import { defineAction } from "@/lib/actions/action-client";
import { recordReauthentication } from "@/lib/auth/step-up";
import { AMR } from "@/lib/auth/assurance";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";
import { ownPasskeyOptions, passkeyAnswerInput, requireOwnPasskey } from "../passkey-steps";

const start = defineAction({ who: "user" }, async ({ session }) => ({
  ok: true,
  data: { options: await ownPasskeyOptions("step_up", session) },
}));
export async function startPasskeyStepUpAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  return start();
}

const finish = defineAction({ who: "user", ...passkeyAnswerInput }, async ({ session, input }) => {
  const meta = await requireOwnPasskey(input.response, "step_up", session);
  await recordReauthentication(session, [AMR.passkey], meta);
  return { ok: true, data: { next: safeNextPath(input.next, "/account") } };
});
export async function finishPasskeyStepUpAction(input: unknown): Promise<ActionResult<{ next: string }>> {
  return finish(input);
}
