// WebAuthn challenges, kept on the server (NIST SP 800-63B §5.1.8 verifier-impersonation and
// replay resistance). A passkey ceremony signs the challenge the server handed out; a challenge
// that could be answered twice, or long after, would let a captured answer sign someone in again.
// So each challenge is random (256 bits), stored only as its SHA-256 (a database reader cannot
// answer one), lives CHALLENGE_MINUTES, is bound to what it is for (purpose) and to the person and
// session that asked where those are known, and is consumed atomically — one `updateMany … where
// usedAt is null` — before the answer is verified: of two requests with the same answer, one wins
// and the other is refused, whatever the answer's signature says.
import "server-only";
import { db } from "@/lib/db";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { firstInWindow } from "@/lib/rate-limit";

import { CHALLENGE_MINUTES } from "./passkey-messages";

export { CHALLENGE_MINUTES };

/** What a challenge is for: one ceremony of one kind; an answer for another purpose is refused. */
export type ChallengePurpose = "register" | "enroll" | "signin" | "second_factor" | "step_up";

/** Who asked (known for everything but the sign-in with a passkey alone). */
export type ChallengeBinding = { userId?: string | null; sessionId?: string | null };

/** Why a challenge was not accepted; each has its own message (./passkey-messages.ts). */
export type ChallengeFailure = "unknown" | "expired" | "used";

/** A fresh challenge (base64url, as WebAuthn options carry it), stored under its hash. */
export async function issueChallenge(
  purpose: ChallengePurpose,
  bind: ChallengeBinding = {},
  now = new Date(),
): Promise<string> {
  const challenge = newSecret(32);
  await db.authChallenge.create({
    data: {
      challengeHash: sha256(challenge),
      purpose,
      userId: bind.userId ?? null,
      sessionId: bind.sessionId ?? null,
      expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    },
  });
  // Spent and expired rows are worthless; they are cleared at most every ten minutes per server.
  if (await firstInWindow("passkey:challenge-prune", 600)) await pruneChallenges(now);
  return challenge;
}

/**
 * Marks the challenge used if it is this purpose's and this binding's, unused and unexpired — in
 * one statement, so exactly one of any number of concurrent answers gets `ok: true`.
 */
export async function consumeChallenge(
  challenge: string,
  purpose: ChallengePurpose,
  bind: ChallengeBinding = {},
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: ChallengeFailure }> {
  if (typeof challenge !== "string" || challenge.length === 0 || challenge.length > 200)
    return { ok: false, reason: "unknown" };
  const mine = {
    challengeHash: sha256(challenge),
    purpose,
    userId: bind.userId ?? null,
    sessionId: bind.sessionId ?? null,
  };
  const taken = await db.authChallenge.updateMany({
    where: { ...mine, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (taken.count === 1) return { ok: true };
  // Someone else's, another purpose's or a made-up challenge all read "unknown": nothing leaks.
  const row = await db.authChallenge.findFirst({ where: mine, select: { usedAt: true } });
  if (!row) return { ok: false, reason: "unknown" };
  return { ok: false, reason: row.usedAt ? "used" : "expired" };
}

/** Removes challenges that expired more than an hour ago (used or not). */
export async function pruneChallenges(now = new Date()): Promise<number> {
  const r = await db.authChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3_600_000) } } });
  return r.count;
}
