"use server";

// A passkey as the second factor after a password (stage SECOND_FACTOR): options for the person's
// own passkeys (a challenge bound to this partial session), then the answer, which finishes the
// sign-in (lib/auth/assurance.ts finishSignIn). Only a partial session gets here.
import { defineAction } from "@/lib/actions/action-client";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";
import { finishSignInWithPasskey, ownPasskeyOptions, passkeyAnswerInput, requireOwnPasskey } from "../passkey-steps";

const start = defineAction({ who: "secondFactor" }, async ({ partial }) => ({
  ok: true,
  data: { options: await ownPasskeyOptions("second_factor", partial) },
}));
export async function startPasskeySecondFactorAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  return start();
}

const finish = defineAction({ who: "secondFactor", ...passkeyAnswerInput }, async ({ partial, input, next }) => {
  const meta = await requireOwnPasskey(input.response, "second_factor", partial);
  return finishSignInWithPasskey(partial, "SECOND_FACTOR", meta, next);
});
export async function finishPasskeySecondFactorAction(input: unknown): Promise<ActionResult<{ next: string }>> {
  return finish(input);
}
