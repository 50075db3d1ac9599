import "server-only";

// The server half every passkey step of a sign-in shares (second factor on /signin/verify,
// enrollment on /signin/enroll, step-up on /signin/confirm): the answer's shape, options for the
// person's own passkeys bound to their session, checking the answer (each refusal audited, one
// message each), and finishing a partial sign-in with it. The actions themselves stay thin.
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
import type { ActionResult } from "@/lib/action-result";

/** The browser's answer and where to go afterwards, for defineAction's `input` and `incomplete`. */
export const passkeyAnswerInput = {
  input: z.object({ response: z.unknown(), next: z.string().max(500).optional() }),
  incomplete: "That was not a passkey answer. Try again.",
};

type Own = { userId: string; sessionId: string };
type Purpose = Exclude<AssertionPurpose, "signin">;

/** Options for the person's own passkeys, the challenge bound to this session. */
export function ownPasskeyOptions(purpose: Purpose, s: Own) {
  return passkeyAuthenticationOptions(purpose, { userId: s.userId, sessionId: s.sessionId });
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
): Promise<ActionResult<{ next: string }>> {
  if (!(await finishSignIn(s.sessionId, stage, [AMR.passkey], meta)))
    return { ok: false, formError: "This sign-in was already finished or has ended. Sign in again." };
  return { ok: true, data: { next } };
}
