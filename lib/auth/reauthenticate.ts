// Step-up with a password (NIST SP 800-63B §4.2.3 reauthentication, SP 800-53 IA-11): a signed-in
// person whose strongest factor is their password proves it again before a privileged action
// (./step-up.ts). Verified against the stored argon2 hash, limited like the sign-in (ten failures
// in fifteen minutes for the account, then no more tries until the window ends), every attempt
// audited. A session is already signed in, so the limit is per account: whoever holds a stolen
// session cookie cannot guess the password faster than a sign-in could. An account under a strict
// lockout (lib/flows/sign-in-lock.ts) is refused as the sign-in refuses it.
//
// Only for people whose strongest factor IS the password: someone with a passkey or an
// authenticator app confirms with that (their own sections on /signin/confirm), because a
// password would not satisfy their step-up anyway.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { verifyPassword } from "@/lib/crypto/password";
import { firstInWindow, hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { AMR } from "./assurance";
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from "./credentials";
import type { ActiveSession } from "./session-store";
import { recordReauthentication, strongestFactorOf } from "./step-up";

export const REAUTH_LIMIT = { limit: MAX_FAILED_LOGINS, windowSeconds: LOCKOUT_MINUTES * 60 } as const;

export type ReauthResult = { ok: true } | { ok: false; reason: "invalid" | "locked" | "not_password" };

const keyOf = (userId: string) => `reauth:user:${userId}`;
const audit = (input: AuditInput) => db.$transaction((tx) => recordAudit(tx, input));

export async function reauthenticateWithPassword(
  session: ActiveSession,
  password: string,
  ip: string | null,
): Promise<ReauthResult> {
  const userId = session.userId;
  if ((await strongestFactorOf(userId)) !== "password") return { ok: false, reason: "not_password" };
  const key = keyOf(userId);
  const base = { actorId: userId, actorType: "user" as const, subjectUserId: userId, ip };

  const peek = await peekRateLimit(key, REAUTH_LIMIT.limit, REAUTH_LIMIT.windowSeconds);
  if (!peek.allowed) {
    if (await firstInWindow(`reauth:refusal:${userId}`, REAUTH_LIMIT.windowSeconds))
      await audit({ ...base, action: "auth.step_up.locked", data: { sessionId: session.sessionId } });
    return { ok: false, reason: "locked" };
  }
  // Counted before the check, so parallel guesses cannot all slip under the limit.
  const hit = await hitRateLimit(key, REAUTH_LIMIT.limit, REAUTH_LIMIT.windowSeconds);
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, signInLockedAt: true },
  });
  if (!user?.passwordHash) return { ok: false, reason: "not_password" };
  // Always verified, so the time taken does not tell a locked account apart.
  const right = await verifyPassword(user.passwordHash, password);
  if (user.signInLockedAt) {
    await audit({
      ...base,
      action: "auth.step_up.locked",
      data: { sessionId: session.sessionId, mode: "until_unlocked" },
    });
    return { ok: false, reason: "locked" };
  }
  if (!hit.allowed) return { ok: false, reason: "locked" };
  if (!right) {
    await audit({
      ...base,
      action: "auth.step_up.failed",
      data: { sessionId: session.sessionId, method: "password", failedInARow: hit.count },
    });
    return { ok: false, reason: hit.count >= REAUTH_LIMIT.limit ? "locked" : "invalid" };
  }
  await db.rateLimitBucket.deleteMany({ where: { key } });
  await recordReauthentication(session, [AMR.password], { ip });
  return { ok: true };
}
