// Password sign-in: argon2 verification, per-IP rate limit, per-account lockout after ten wrong
// passwords in a row, and one generic message whatever went wrong, so the answer never tells
// whether an email has an account. Every outcome is an audit event.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { hitRateLimit } from "@/lib/rate-limit";
import { hashPassword, verifyPassword } from "./password";

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 15;
const IP_LIMIT = { attempts: 30, windowSeconds: 15 * 60 };

export type CredentialsResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited" };

// Verifying against a real hash when the email is unknown keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export async function verifyCredentials(emailInput: string, password: string, ip: string | null): Promise<CredentialsResult> {
  const email = emailInput.trim().toLowerCase();
  if (ip) {
    const rl = await hitRateLimit(`login:ip:${ip}`, IP_LIMIT.attempts, IP_LIMIT.windowSeconds);
    if (!rl.allowed) {
      await db.$transaction((tx) => recordAudit(tx, { action: "auth.login.rate_limited", actorType: "anonymous", ip, data: { email } }));
      return { ok: false, reason: "rate_limited" };
    }
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, isActive: true, lockedUntil: true, failedLoginCount: true } });
  if (!user || !user.passwordHash) {
    await verifyPassword(await (dummyHash ??= hashPassword("not-a-real-password")), password);
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.login.failed", actorType: "anonymous", ip, data: { email, why: "unknown email or no password" } }));
    return { ok: false, reason: "invalid" };
  }
  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.login.locked", actorType: "anonymous", subjectUserId: user.id, ip, data: { email, until: user.lockedUntil!.toISOString() } }));
    return { ok: false, reason: "locked" };
  }
  if (!passwordOk) {
    await db.$transaction(async (tx) => {
      // Atomic increment: parallel guesses cannot slip past the limit.
      const updated = await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true } });
      await recordAudit(tx, { action: "auth.login.failed", actorType: "anonymous", subjectUserId: user.id, ip, data: { email, failedInARow: updated.failedLoginCount } });
      if (updated.failedLoginCount >= MAX_FAILED_LOGINS) {
        const until = new Date(Date.now() + LOCKOUT_MINUTES * 60_000);
        await tx.user.update({ where: { id: user.id }, data: { lockedUntil: until, failedLoginCount: 0 } });
        await recordAudit(tx, { action: "auth.lockout", actorType: "system", subjectUserId: user.id, ip, data: { email, until: until.toISOString(), after: MAX_FAILED_LOGINS } });
      }
    });
    return { ok: false, reason: "invalid" };
  }
  if (!user.isActive) {
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.login.refused", actorType: "anonymous", subjectUserId: user.id, ip, data: { email, why: "account deactivated" } }));
    return { ok: false, reason: "invalid" };
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() } });
    await recordAudit(tx, { action: "auth.login", actorId: user.id, actorType: "user", subjectUserId: user.id, ip, data: { method: "password" } });
  });
  return { ok: true, userId: user.id };
}
