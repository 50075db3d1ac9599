"use server";

// A passkey as the second factor after a password (stage SECOND_FACTOR): options for the person's
// own passkeys (a challenge bound to this partial session), then the answer, which finishes the
// sign-in (lib/auth/assurance.ts finishSignIn). Only a partial session gets here.
import { defineAction } from "@/lib/actions/action-client";
import type { PasskeyAnswered, PasskeyOptionsResult } from "../passkey-steps";
import { finishSignInWithPasskey, ownPasskeyStart, passkeyAnswerInput, requireOwnPasskey } from "../passkey-steps";

export async function startPasskeySecondFactorAction(): Promise<PasskeyOptionsResult> {
  return ownPasskeyStart.secondFactor();
}

const finish = defineAction({ who: "secondFactor", ...passkeyAnswerInput }, async ({ partial, input, next }) => {
  const meta = await requireOwnPasskey(input.response, "second_factor", partial);
  return finishSignInWithPasskey(partial, "SECOND_FACTOR", meta, next);
});
export async function finishPasskeySecondFactorAction(input: unknown): Promise<PasskeyAnswered> {
  return finish(input);
}
