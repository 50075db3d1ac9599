// People the security suites need beyond the seeded test accounts.
import type { APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "../../support/auth";
import { sql } from "../../support/db";
import { signedInContext } from "./crawl";

export const deactivatedEmail = (tag: string) => `deactivated-mid-session-${tag}@riverton.test`;

/** A viewer who signs in, then is deactivated while the session cookie is still in the browser. */
export async function deactivatedMidSession(baseURL: string, municipalityId: string, tag: string): Promise<APIRequestContext> {
  const email = deactivatedEmail(tag);
  const [{ passwordHash }] = (await sql<{ passwordHash: string }>(`SELECT "passwordHash" FROM "User" WHERE email = 'viewer@riverton.test'`)) as [{ passwordHash: string }];
  await sql(`INSERT INTO "User" (id, email, name, "passwordHash", "emailVerified", "updatedAt") VALUES ($1, $2, 'Probe Deactivated', $3, now(), now())`, [`probe-user-${tag}`, email, passwordHash]);
  await sql(`INSERT INTO "Membership" (id, "userId", "municipalityId", status, groups, source, "updatedAt") VALUES ($1, $2, $3, 'ACTIVE', '{viewer}', 'seed', now())`, [`probe-ms-${tag}`, `probe-user-${tag}`, municipalityId]);
  const ctx = await signedInContext(baseURL, email, DEMO_PASSWORD);
  // As lib/flows/deactivation leaves it, minus the UI: the row changes, the cookie stays.
  await sql(`UPDATE "User" SET "isActive" = false, "deactivatedAt" = now(), "deactivationReason" = 'security probe', "accessVersion" = "accessVersion" + 1 WHERE email = $1`, [email]);
  return ctx;
}

/**
 * Other specs lock accounts on purpose (the lockout test uses suspended@riverton.test) and count
 * failed sign-ins per address; the matrices need every test account signed in, so they start
 * from unlocked accounts and fresh sign-in counters.
 */
export async function clearSignInLocks(): Promise<void> {
  await sql(`UPDATE "User" SET "failedLoginCount" = 0, "lockedUntil" = NULL WHERE "lockedUntil" IS NOT NULL OR "failedLoginCount" > 0`);
  await sql(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'login:%'`);
}
