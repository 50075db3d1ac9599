// Signing in with a passkey alone (a discoverable credential, user verification required: the
// passkey is itself multi-factor, NIST SP 800-63B §5.1.8 / SP 800-53 IA-2(1)(2)(8)). The same rules
// as a password sign-in (./credentials.ts) where they apply: failed answers per address are counted
// and, past IP_FAILURE_LIMIT in its window, refused before any verification (audited once per
// window); a deactivated account or one under its municipality's strict lockout (signInLockedAt,
// until an administrator unlocks it) is refused with the same neutral answer as an unknown key or
// a bad signature, and on record; a success clears nothing else, sets lastLoginAt and is audited
// as auth.login { method: "passkey" }. The session it starts is COMPLETE (lib/auth/assurance.ts).
import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { firstInWindow, hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { addressForLimits } from "./client-ip";
import { recordLogin } from "./sign-in-record";
import { IP_FAILURE_LIMIT } from "./credentials";
import { passkeyAuthenticationOptions, verifyPasskeyAssertion } from "./passkeys";
import type { PasskeyRefusal } from "./passkey-messages";

/** Requests for sign-in challenges per address in five minutes (each one is a stored row). */
export const CHALLENGE_REQUEST_LIMIT = { limit: 60, windowSeconds: 300 };

export type PasskeySignInResult = { ok: true; userId: string } | { ok: false; reason: PasskeyRefusal | "rate_limited" };

// "login:" keys, as the password limits: the test fixtures and the unlock clear them alike.
const failuresKey = (ip: string) => `login:passkey:ip:${addressForLimits(ip)}`;

const audit = (input: AuditInput) => db.$transaction((tx) => recordAudit(tx, input));

/** Options for the sign-in ceremony, or null when this address asked for too many. */
export async function passkeySignInOptions(ipInput: string | null) {
  const ip = ipInput ?? "unknown";
  const asked = await hitRateLimit(
    `passkey:challenge:ip:${addressForLimits(ip)}`,
    CHALLENGE_REQUEST_LIMIT.limit,
    CHALLENGE_REQUEST_LIMIT.windowSeconds,
  );
  if (!asked.allowed) return null;
  return passkeyAuthenticationOptions("signin", {});
}

export async function signInWithPasskey(raw: unknown, ipInput: string | null): Promise<PasskeySignInResult> {
  const ip = ipInput ?? "unknown";
  const key = failuresKey(ip);
  const byIp = await peekRateLimit(key, IP_FAILURE_LIMIT.limit, IP_FAILURE_LIMIT.windowSeconds);
  if (!byIp.allowed) {
    if (await firstInWindow(`login:refusal:${key}`, IP_FAILURE_LIMIT.windowSeconds))
      await audit({
        action: "auth.login.rate_limited",
        actorType: "anonymous",
        ip,
        data: { method: "passkey", limit: "ip" },
      });
    return { ok: false, reason: "rate_limited" };
  }
  const result = await verifyPasskeyAssertion(
    raw,
    "signin",
    {},
    { ip },
    (u) => u.isActive && u.signInLockedAt === null,
  );
  if (!result.ok) {
    await hitRateLimit(key, IP_FAILURE_LIMIT.limit, IP_FAILURE_LIMIT.windowSeconds);
    // Junk is counted, not recorded; every real answer that failed is on record.
    if (result.reason !== "malformed")
      await audit({
        action: result.userId && result.reason === "rejected" ? "auth.login.refused" : "auth.login.failed",
        actorType: "anonymous",
        ip,
        subjectUserId: result.userId ?? null,
        data: { method: "passkey", why: result.reason },
      });
    return { ok: false, reason: result.reason };
  }
  await db.$transaction((tx) => recordLogin(tx, result.userId, ip, { method: "passkey", passkeyId: result.passkeyId }));
  return { ok: true, userId: result.userId };
}
