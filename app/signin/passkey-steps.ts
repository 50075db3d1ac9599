import "server-only";

// The server half every passkey step of a sign-in shares (second factor on /signin/verify,
// enrollment on /signin/enroll, step-up on /signin/confirm): the answer's shape, options for the
// person's own passkeys bound to their session, checking the answer (each refusal audited, one
// message each), and finishing a partial sign-in with it; the options step itself for the step-up
// and the second factor (ownPasskeyStart). The actions themselves stay thin.
import { z } from "zod";
import { clientIp } from "@/lib/http/client-ip";
import { AMR, finishSignIn } from "@/lib/auth/assurance";
import {
  auditPasskeyRefusal,
  passkeyAuthenticationOptions,
  passkeyError,
  verifyPasskeyAssertion,
  type AssertionPurpose,
} from "@/lib/auth/passkeys";
import { defineAction } from "@/lib/actions/action-client";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";

/** What a passkey step's first action answers: the options for the browser's ceremony. */
export type PasskeyOptionsResult = ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>;
/** What a passkey step's answer gets back: where to go now. */
export type PasskeyAnswered = ActionResult<{ next: string }>;

/** The browser's answer and where to go afterwards, for defineAction's `input` and `incomplete`. */
export const passkeyAnswerInput = {
  input: z.object({ response: z.unknown(), next: z.string().max(500).optional() }),
  incomplete: "That was not a passkey answer. Try again.",
};

type Own = { userId: string; sessionId: string };
type Purpose = Exclude<AssertionPurpose, "signin">;

/**
 * The first action of answering with one's own passkey, per step: options bound to the session of
 * the step-up (a signed-in person, /signin/confirm) or of the second factor (a partial sign-in,
 * /signin/verify).
 */
export const ownPasskeyStart = {
  stepUp: defineAction({ who: "user" }, async ({ session }) => optionsFor("step_up", session)),
  secondFactor: defineAction({ who: "secondFactor" }, async ({ partial }) => optionsFor("second_factor", partial)),
};

/** Options for the person's own passkeys, the challenge bound to this session. */
async function optionsFor(purpose: Purpose, s: Own): Promise<PasskeyOptionsResult> {
  const options = await passkeyAuthenticationOptions(purpose, { userId: s.userId, sessionId: s.sessionId });
  return { ok: true, data: { options } };
}

/** Checks the answer against the challenge bound to this session; a refusal is audited and thrown. */
export async function requireOwnPasskey(response: unknown, purpose: Purpose, s: Own): Promise<{ ip: string }> {
  const ip = await clientIp();
  const r = await verifyPasskeyAssertion(response, purpose, { userId: s.userId, sessionId: s.sessionId }, { ip });
  if (!r.ok) {
    await auditPasskeyRefusal(s.userId, purpose, r.reason, { ip });
    throw passkeyError(r.reason);
  }
  return { ip };
}

/** Finishes the partial sign-in with a passkey ("hwk"): on to `next`, or why not. */
export async function finishSignInWithPasskey(
  s: Own,
  stage: "SECOND_FACTOR" | "ENROLL",
  meta: { ip: string },
  next: string,
): Promise<PasskeyAnswered> {
  if (!(await finishSignIn(s.sessionId, stage, [AMR.passkey], meta)))
    return { ok: false, formError: "This sign-in was already finished or has ended. Sign in again." };
  return { ok: true, data: { next } };
}
