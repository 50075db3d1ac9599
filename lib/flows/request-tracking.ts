// Following a request by email. The reporter's opt-in ("Email me updates about this report") is
// written in the report's own transaction with its tracking mail, so a report is never without its
// mail and SMTP being down only delays it (the outbox keeps it). "Follow this report" on a public
// request's page does the same for any address, with a neutral answer whatever happened (it never
// tells whether the address already follows or the request exists) and a rate limit.
import "server-only";
import type { Tx } from "./tx";
import { enqueueMail } from "@/lib/mail/outbox";
import { requestTrackingMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { hitRateLimit } from "@/lib/rate-limit";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/crypto/tokens";
import {
  followByEmail,
  followableRequest,
  followedRequestFacts,
  TRACKING_DAYS,
  trackingPath,
  unsubscribeByToken,
} from "@/lib/data/request-followers";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import type { Viewer } from "@/lib/identity/viewer";

/** The follower and its tracking mail, inside the caller's transaction. Returns the link's path. */
export async function followAndMail(
  tx: Tx,
  request: { id: string; municipalityId: string },
  email: string,
): Promise<string> {
  const f = await followByEmail(tx, request, email);
  const facts = await followedRequestFacts(tx, request.id);
  await enqueueMail(tx, {
    to: f.email,
    municipalityId: request.municipalityId,
    ...requestTrackingMail({ ...facts, token: f.token, days: TRACKING_DAYS }),
  });
  return trackingPath(facts.slug, f.token);
}

export const FOLLOWS_PER_IP = { limit: 10, windowSeconds: 60 * 60 };
export const FOLLOWS_PER_ADDRESS = { limit: 3, windowSeconds: 24 * 60 * 60 };

/**
 * "Follow this report": a tracking mail to the address, for a request the viewer may read (the
 * public one of this page). Says nothing about the outcome: an unknown or hidden request, an address
 * that already follows or one that asked too often all end the same way for the caller, except
 * that the caller's own address limit is told (it is theirs, not someone else's secret).
 */
export async function followPublicRequest(
  viewer: Viewer,
  municipalityId: string,
  reference: string,
  email: string,
  ip: string,
): Promise<{ limited: boolean }> {
  const byIp = await hitRateLimit(`follow:ip:${ip}`, FOLLOWS_PER_IP.limit, FOLLOWS_PER_IP.windowSeconds);
  if (!byIp.allowed) return { limited: true };
  const request = await followableRequest(viewer, municipalityId, reference);
  if (!request) return { limited: false };
  const address = email.trim().toLowerCase();
  const byAddress = await hitRateLimit(
    // Hashed: the limit's key names nobody.
    `follow:address:${sha256(`${request.id}:${address}`)}`,
    FOLLOWS_PER_ADDRESS.limit,
    FOLLOWS_PER_ADDRESS.windowSeconds,
  );
  // Quietly: the same answer as a mail sent, so nobody learns who follows what.
  if (!byAddress.allowed) return { limited: false };
  // lib/data's child-record writers take Prisma's plain transaction type (the extension adds nothing they use).
  await db.$transaction((tx) => followAndMail(tx, request, address));
  await kickMailer();
  return { limited: false };
}

/** Unsubscribe by the tracking link (the token is the credential). Returns whether the link was valid. */
export async function stopFollowing(slug: string, token: string): Promise<boolean> {
  const m = await findMunicipalityBySlug(slug);
  if (!m) return false;
  return (await unsubscribeByToken(m.id, token)) !== null;
}
