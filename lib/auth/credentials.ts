// Password sign-in: argon2 verification, failure limits per IP address and per account kept in
// PostgreSQL (so they hold across app servers), a temporary lockout after ten wrong passwords in
// a row, and one generic answer whatever went wrong, so it never tells whether an email has an
// account. Every outcome is an audit event.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { hashPassword, verifyPassword } from "./password";
import { sha256 } from "./tokens";

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 15;
/** Failures from one address (a shared office NAT too), across all accounts. */
export const IP_FAILURE_LIMIT = { limit: 50, windowSeconds: 15 * 60 };
/**
 * Failures for one email per day, known or not. The lockout alone allows ten guesses every
 * fifteen minutes forever; this caps slow guessing, and applies to unknown emails too so the
 * answers for known and unknown addresses stay alike.
 */
export const ACCOUNT_FAILURE_LIMIT = { limit: 40, windowSeconds: 24 * 3600 };

export type CredentialsResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited" };

// Verifying against a real hash when the email is unknown keeps the timing alike.
let dummyHash: Promise<string> | undefined;

const ipKey = (ip: string) => `login:ip:${ip}`;
// Hashed so the bucket table does not become a list of attempted email addresses.
const accountKey = (email: string) => `login:acct:${sha256(email)}`;

export async function verifyCredentials(emailInput: string, password: string, ip: string | null): Promise<CredentialsResult> {
  const email = emailInput.trim().toLowerCase();
  const [byIp, byAccount] = await Promise.all([
    ip ? peekRateLimit(ipKey(ip), IP_FAILURE_LIMIT.limit, IP_FAILURE_LIMIT.windowSeconds) : Promise.resolve({ allowed: true }),
    peekRateLimit(accountKey(email), ACCOUNT_FAILURE_LIMIT.limit, ACCOUNT_FAILURE_LIMIT.windowSeconds),
  ]);
  if (!byIp.allowed || !byAccount.allowed) {
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.login.rate_limited", actorType: "anonymous", ip, data: { email, limit: !byIp.allowed ? "ip" : "account" } }));
    return { ok: false, reason: "rate_limited" };
  }
  const countFailure = () => Promise.all([
    ip ? hitRateLimit(ipKey(ip), IP_FAILURE_LIMIT.limit, IP_FAILURE_LIMIT.windowSeconds) : null,
    hitRateLimit(accountKey(email), ACCOUNT_FAILURE_LIMIT.limit, ACCOUNT_FAILURE_LIMIT.windowSeconds),
  ]);

  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, isActive: true, lockedUntil: true, failedLoginCount: true } });
  if (!user || !user.passwordHash) {
    await verifyPassword(await (dummyHash ??= hashPassword("not-a-real-password")), password);
    await countFailure();
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.login.failed", actorType: "anonymous", ip, subjectUserId: user?.id ?? null, data: { email, why: user ? "no password set" : "unknown email" } }));
    return { ok: false, reason: "invalid" };
  }
  // Always verify, even when locked: the time taken must not tell a locked account apart.
  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    // The right password during a lockout still fails: otherwise the lockout only slows guessing
    // down instead of stopping it.
    await countFailure();
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.login.locked", actorType: "anonymous", subjectUserId: user.id, ip, data: { email, until: user.lockedUntil!.toISOString(), passwordCorrect: passwordOk } }));
    return { ok: false, reason: "locked" };
  }
  if (!passwordOk) {
    await countFailure();
    await db.$transaction(async (tx) => {
      // Atomic increment: parallel guesses cannot slip past the limit.
      const updated = await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true } });
      await recordAudit(tx, { action: "auth.login.failed", actorType: "anonymous", subjectUserId: user.id, ip, data: { email, why: "wrong password", failedInARow: updated.failedLoginCount } });
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
