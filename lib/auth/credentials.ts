// Password sign-in: argon2 verification, failure limits kept in PostgreSQL (so they hold across
// app servers), and one generic answer whatever went wrong, so it never tells whether an email
// has an account.
//
// Whose failures may refuse whom. The lockout is per account AND address: ten wrong passwords
// for one account from one address (an IPv4 address or an IPv6 /64) lock that pair for fifteen
// minutes, and at most forty a day go through for it. The right password from anywhere else still
// works. An account-wide lockout (which this replaced) let anyone lock anyone out — forty
// failures from one address kept a known account out for a day, right password or not — and
// the owner cannot be told apart from the attacker by anything but the password, so refusing
// the right password because of failures from elsewhere only helps the attacker. What an
// account-wide count still does: at forty failures a day from everywhere it is noticed once in
// the audit trail (auth.login.many_failures). The price: a guesser with many addresses gets
// forty guesses a day per address. A municipality that prefers the opposite trade sets its
// strict lockout: five failures in fifteen minutes, from anywhere, lock the account until an
// administrator unlocks it (lib/flows/sign-in-lock.ts) — a person is under it when any of their
// memberships' municipalities has it on.
//
// Every verified attempt is an audit event; a refused attempt that was never verified (rate
// limited, locked) is recorded at most once per window, so a flood of them cannot fill the trail
// or queue on its lock. Whether a refused password was right is never recorded.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { firstInWindow, hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { addressForLimits } from "./client-ip";
import { recordLogin } from "./sign-in-record";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import { sha256 } from "@/lib/crypto/tokens";
import { countLockout } from "@/lib/ops/metrics";

/** Failures for one account from one address before that pair is locked, and for how long. */
export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 15;
const PAIR_LOCK = { limit: MAX_FAILED_LOGINS, windowSeconds: LOCKOUT_MINUTES * 60 };
/** Failures from one address (a shared office NAT too), across all accounts. */
export const IP_FAILURE_LIMIT = { limit: 50, windowSeconds: 15 * 60 };
/**
 * Failures for one account from one address per day, known email or not. The pair lockout alone
 * allows ten guesses every fifteen minutes forever; this caps slow guessing from one place, and
 * applies to unknown emails too so the answers for known and unknown addresses stay alike.
 */
export const PAIR_DAILY_LIMIT = { limit: 40, windowSeconds: 24 * 3600 };
/** Failures for one account from everywhere per day at which it is noticed (never refused). */
export const ACCOUNT_NOTICE = { limit: 40, windowSeconds: 24 * 3600 };
/** A municipality's strict lockout: this many failures in this window lock until an unlock. */
export const STRICT_LOCKOUT = { limit: 5, windowSeconds: 15 * 60 };

export type CredentialsResult =
  { ok: true; userId: string } | { ok: false; reason: "invalid" | "locked" | "rate_limited" };

// Verifying against a real hash when the email is unknown keeps the timing alike.
let dummyHash: Promise<string> | undefined;

// Emails are hashed so the bucket table does not become a list of attempted addresses.
const keys = (email: string, address: string) => {
  const e = sha256(email);
  return {
    ip: `login:ip:${address}`,
    pair: `login:pair:${e}:${address}`,
    pairDay: `login:pairday:${e}:${address}`,
    account: `login:acct:${e}`,
  };
};
export const strictKey = (userId: string) => `login:strict:${userId}`;

const audit = (input: AuditInput) => db.$transaction((tx) => recordAudit(tx, input));

/** Records a refusal that was not verified, once per window of the limit that refused it. */
async function auditOnce(key: string, windowSeconds: number, input: AuditInput): Promise<void> {
  if (await firstInWindow(`login:refusal:${key}`, windowSeconds)) await audit(input);
}

export async function verifyCredentials(
  emailInput: string,
  password: string,
  ipInput: string | null,
): Promise<CredentialsResult> {
  const email = emailInput.trim().toLowerCase();
  const ip = ipInput ?? "unknown";
  const k = keys(email, addressForLimits(ip));

  const [byIp, byPairDay] = await Promise.all([
    peekRateLimit(k.ip, IP_FAILURE_LIMIT.limit, IP_FAILURE_LIMIT.windowSeconds),
    peekRateLimit(k.pairDay, PAIR_DAILY_LIMIT.limit, PAIR_DAILY_LIMIT.windowSeconds),
  ]);
  if (!byIp.allowed || !byPairDay.allowed) {
    const [key, limit, w] = !byIp.allowed
      ? ([k.ip, "ip", IP_FAILURE_LIMIT.windowSeconds] as const)
      : ([k.pairDay, "account_and_address", PAIR_DAILY_LIMIT.windowSeconds] as const);
    await auditOnce(key, w, { action: "auth.login.rate_limited", actorType: "anonymous", ip, data: { email, limit } });
    return { ok: false, reason: "rate_limited" };
  }
  // Counted before the password is checked, so parallel guesses cannot all slip in under the
  // limit; a success clears it again (only failures in a row lock).
  const pair = await hitRateLimit(k.pair, PAIR_LOCK.limit, PAIR_LOCK.windowSeconds);
  if (!pair.allowed) {
    await auditOnce(k.pair, PAIR_LOCK.windowSeconds, {
      action: "auth.login.locked",
      actorType: "anonymous",
      ip,
      subjectUserId: await userIdOf(email),
      data: { email, scope: "account_and_address", retryAfterSeconds: pair.retryAfterSeconds },
    });
    return { ok: false, reason: "locked" };
  }
  const countFailure = async () => {
    const [, , account] = await Promise.all([
      hitRateLimit(k.ip, IP_FAILURE_LIMIT.limit, IP_FAILURE_LIMIT.windowSeconds),
      hitRateLimit(k.pairDay, PAIR_DAILY_LIMIT.limit, PAIR_DAILY_LIMIT.windowSeconds),
      hitRateLimit(k.account, ACCOUNT_NOTICE.limit, ACCOUNT_NOTICE.windowSeconds),
    ]);
    return { accountFailures: account.count };
  };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, isActive: true, signInLockedAt: true },
  });
  if (!user || !user.passwordHash) {
    await verifyPassword(await (dummyHash ??= hashPassword("not-a-real-password")), password);
    const { accountFailures } = await countFailure();
    await audit({
      action: "auth.login.failed",
      actorType: "anonymous",
      ip,
      subjectUserId: user?.id ?? null,
      data: { email, why: user ? "no password set" : "unknown email" },
    });
    if (accountFailures === ACCOUNT_NOTICE.limit)
      await audit({
        action: "auth.login.many_failures",
        actorType: "system",
        ip,
        subjectUserId: user?.id ?? null,
        data: { email, failures: accountFailures, hours: ACCOUNT_NOTICE.windowSeconds / 3600 },
      });
    return { ok: false, reason: "invalid" };
  }
  // Always verify, even when locked: the time taken must not tell a locked account apart.
  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (user.signInLockedAt) {
    // Strict lockout: the right password fails too until an administrator unlocks the account.
    // Every attempt counts as a failure here, right or wrong, so the limits cannot tell them apart.
    await countFailure();
    await auditOnce(strictKey(user.id), STRICT_LOCKOUT.windowSeconds, {
      action: "auth.login.locked",
      actorType: "anonymous",
      subjectUserId: user.id,
      ip,
      data: { email, scope: "account", mode: "until_unlocked", since: user.signInLockedAt.toISOString() },
    });
    return { ok: false, reason: "locked" };
  }
  if (!passwordOk) {
    const { accountFailures } = await countFailure();
    const strict =
      (await db.membership.count({ where: { userId: user.id, municipality: { lockoutUntilUnlocked: true } } })) > 0;
    const strictCount = strict
      ? (await hitRateLimit(strictKey(user.id), STRICT_LOCKOUT.limit, STRICT_LOCKOUT.windowSeconds)).count
      : 0;
    const lockedStrict = await db.$transaction(async (tx) => {
      await recordAudit(tx, {
        action: "auth.login.failed",
        actorType: "anonymous",
        subjectUserId: user.id,
        ip,
        data: { email, why: "wrong password", failedInARow: pair.count },
      });
      if (pair.count === PAIR_LOCK.limit) {
        await recordAudit(tx, {
          action: "auth.lockout",
          actorType: "system",
          subjectUserId: user.id,
          ip,
          data: { email, scope: "account_and_address", minutes: LOCKOUT_MINUTES, after: MAX_FAILED_LOGINS },
        });
      }
      let locked = { count: 0 };
      if (strict && strictCount >= STRICT_LOCKOUT.limit) {
        // Only the first to get here locks (and is audited): parallel failures lock once.
        locked = await tx.user.updateMany({
          where: { id: user.id, signInLockedAt: null },
          data: { signInLockedAt: new Date() },
        });
        if (locked.count === 1)
          await recordAudit(tx, {
            action: "auth.lockout",
            actorType: "system",
            subjectUserId: user.id,
            ip,
            data: {
              email,
              scope: "account",
              mode: "until_unlocked",
              after: STRICT_LOCKOUT.limit,
              minutes: STRICT_LOCKOUT.windowSeconds / 60,
            },
          });
      }
      if (accountFailures === ACCOUNT_NOTICE.limit) {
        await recordAudit(tx, {
          action: "auth.login.many_failures",
          actorType: "system",
          subjectUserId: user.id,
          ip,
          data: { email, failures: accountFailures, hours: ACCOUNT_NOTICE.windowSeconds / 3600 },
        });
      }
      return locked.count === 1;
    });
    // Counted once committed (/metrics).
    if (pair.count === PAIR_LOCK.limit) countLockout("account_and_address");
    if (lockedStrict) countLockout("account");
    return { ok: false, reason: "invalid" };
  }
  if (!user.isActive) {
    await audit({
      action: "auth.login.refused",
      actorType: "anonymous",
      subjectUserId: user.id,
      ip,
      data: { email, why: "account deactivated" },
    });
    return { ok: false, reason: "invalid" };
  }
  await db.$transaction(async (tx) => {
    // The pair's failures in a row end with a success.
    await tx.rateLimitBucket.deleteMany({ where: { key: k.pair } });
    await recordLogin(tx, user.id, ip, { method: "password" });
  });
  return { ok: true, userId: user.id };
}

async function userIdOf(email: string): Promise<string | null> {
  return (await db.user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null;
}
