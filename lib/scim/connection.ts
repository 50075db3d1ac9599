// Who is calling a SCIM endpoint: the bearer token of one municipality's ScimConnection, for that
// municipality's URL only. The token is a 256-bit random secret stored as SHA-256
// (lib/data/scim-connections.ts issues it, shown once); the presented token's hash is compared
// with the connection's in constant time (timingSafeEqual), after the connection was found by the
// URL's slug — so a token of one municipality is simply wrong at another's URL (401), and nothing
// about which tokens exist can be learned from timing. A disabled connection, an archived
// municipality, a missing or malformed header: the same 401.
//
// Rate limits (lib/rate-limit, PostgreSQL, so they hold across app servers): wrong tokens
// presented per address (30 per 15 minutes, then 429 for every token from there; a request with
// no directory token at all is a plain 401 and counts for nothing), and
// requests per connection (1,200 a minute — Entra ID and Okta send a few per second at most).
import "server-only";
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/crypto/tokens";
import { firstInWindow, hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { addressForLimits } from "@/lib/auth/client-ip";
import type { DirectoryActor } from "@/lib/flows/directory-sync";
import { ScimError } from "./response";

export const SCIM_TOKEN_PREFIX = "scim_";
const FAILURES = { limit: 30, windowSeconds: 15 * 60 };
const REQUESTS = { limit: 1200, windowSeconds: 60 };
const LAST_USED_EVERY_S = 60;

const unauthorized = () => new ScimError(401, null, "Send the directory's bearer token (Authorization: Bearer …).");

/** The connection the request's token belongs to, for the municipality `slug`; else a ScimError (401/429). */
export async function authenticate(slug: string, authorization: string | null, ip: string): Promise<DirectoryActor> {
  const presented = authorization ? /^bearer\s+(scim_\S{1,200})\s*$/i.exec(authorization)?.[1] : undefined;
  // No directory token at all (a browser, a crawler): nothing is being guessed, nothing to count.
  if (!presented) throw unauthorized();
  const failKey = `scim-fail:${addressForLimits(ip)}`;
  const failed = await peekRateLimit(failKey, FAILURES.limit, FAILURES.windowSeconds);
  if (!failed.allowed) throw tooMany(failed.retryAfterSeconds);
  const actor = await match(slug, presented, ip);
  if (!actor) {
    await hitRateLimit(failKey, FAILURES.limit, FAILURES.windowSeconds);
    throw unauthorized();
  }
  const load = await hitRateLimit(`scim:${actor.connectionId}`, REQUESTS.limit, REQUESTS.windowSeconds);
  if (!load.allowed) throw tooMany(load.retryAfterSeconds);
  // "Last used" on the directory page: one write a minute, not one per request.
  if (await firstInWindow(`scim-used:${actor.connectionId}`, LAST_USED_EVERY_S))
    await db.scimConnection.update({ where: { id: actor.connectionId }, data: { lastUsedAt: new Date() } });
  return actor;
}

function tooMany(retryAfter: number): ScimError {
  const e = new ScimError(429, null, `Too many requests; try again in ${Math.max(1, retryAfter)} seconds.`);
  return Object.assign(e, { retryAfter: Math.max(1, retryAfter) });
}

async function match(slug: string, token: string, ip: string): Promise<DirectoryActor | null> {
  if (!token.startsWith(SCIM_TOKEN_PREFIX) || !/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  const c = await db.scimConnection.findFirst({
    where: { municipality: { slug, archivedAt: null } },
    select: { id: true, tokenHash: true, enabled: true, municipalityId: true },
  });
  if (!c) return null;
  const hashed = Buffer.from(sha256(token), "hex");
  const stored = Buffer.from(c.tokenHash, "hex");
  const same = hashed.length === stored.length && timingSafeEqual(hashed, stored);
  if (!same || !c.enabled) return null;
  return { connectionId: c.id, municipalityId: c.municipalityId, slug, ip };
}
