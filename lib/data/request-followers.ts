// Who follows a request by email: the reporter who ticked "Email me updates", and anyone who
// followed a public request from its page. A follower's tracking link is a keyed token made from
// the follower's id (lib/crypto/tokens keyedToken): the database keeps only its sha256 and expiry,
// and the server makes the same link again for every status mail, so the first link keeps working
// until it expires (TRACKING_DAYS) and each mail still carries the follower's own link.
//
// These are system writes of the citizen flows, not records anybody edits: a follower is written
// only for a request the caller just created (in that transaction) or may read (checked here
// through the policy first), and is changed only by whoever holds its token (unsubscribe).
import "server-only";
import type { DataTx } from "./tx";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { keyedToken, sha256 } from "@/lib/crypto/tokens";
import { accessibleBy } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/identity/viewer";
import { recordAudit } from "@/lib/audit/record";

/** How long a tracking link opens its request (following again renews it). */
export const TRACKING_DAYS = 365;
const TOKEN_PURPOSE = "request-tracking";

export function trackingTokenOf(followerId: string): string {
  return keyedToken(env().AUTH_SECRET, TOKEN_PURPOSE, followerId);
}

export const trackingPath = (slug: string, token: string) => `/m/${slug}/track/${token}`;

const expiry = () => new Date(Date.now() + TRACKING_DAYS * 86_400_000);

export type EmailFollower = { followerId: string; token: string; email: string };

/**
 * Follows the request with this address, inside the caller's transaction: a new follower, or the
 * existing one of that address renewed (subscribed again, a year from now). Returns its link token.
 */
export async function followByEmail(
  tx: DataTx,
  request: { id: string; municipalityId: string },
  email: string,
): Promise<EmailFollower> {
  const address = email.trim().toLowerCase();
  const existing = await tx.requestFollower.findFirst({
    where: { requestId: request.id, email: address },
    select: { id: true },
  });
  const follower =
    existing ??
    (await tx.requestFollower.create({
      data: { municipalityId: request.municipalityId, requestId: request.id, email: address },
      select: { id: true },
    }));
  const token = trackingTokenOf(follower.id);
  await tx.requestFollower.update({
    where: { id: follower.id },
    data: { tokenHash: sha256(token), tokenExpiresAt: expiry(), unsubscribedAt: null },
  });
  await recordAudit(tx, {
    action: "ServiceRequest.follow",
    actorType: "anonymous",
    municipalityId: request.municipalityId,
    targetType: "ServiceRequest",
    targetId: request.id,
  });
  return { followerId: follower.id, token, email: address };
}

/**
 * The public request the viewer may read in this municipality, by its reference: the request a
 * "Follow this report" form may follow. Null when it is not readable (not public, unknown).
 */
export async function followableRequest(viewer: Viewer, municipalityId: string, reference: string) {
  return db.serviceRequest.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("ServiceRequest"), { municipalityId, reference }] },
    select: { id: true, municipalityId: true, reference: true, title: true },
  });
}

/** Followers who get mail about the request now: subscribed, with a link that has not expired. */
export async function activeEmailFollowers(tx: DataTx, requestId: string): Promise<EmailFollower[]> {
  const rows = await tx.requestFollower.findMany({
    where: { requestId, email: { not: null }, unsubscribedAt: null, tokenExpiresAt: { gt: new Date() } },
    select: { id: true, email: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ followerId: r.id, email: r.email!, token: trackingTokenOf(r.id) }));
}

/**
 * Citizen accounts that follow the request and may get mail: subscribed, active and not erased.
 * Their mails carry no secret link (they sign in to see the report).
 */
export async function activeAccountFollowers(tx: DataTx, requestId: string): Promise<{ email: string }[]> {
  const rows = await tx.requestFollower.findMany({
    where: { requestId, userId: { not: null }, unsubscribedAt: null },
    select: { userId: true },
    orderBy: { createdAt: "asc" },
  });
  if (rows.length === 0) return [];
  const users = await tx.user.findMany({
    where: { id: { in: rows.map((r) => r.userId!) }, isCitizen: true, isActive: true, erasedAt: null },
    select: { email: true },
  });
  return users;
}

/**
 * The follower a tracking link names in this municipality, if it has not expired. Unsafe by name:
 * the token is the credential, so this is the check, not a read through a policy.
 */
export async function unsafeFollowerByToken(municipalityId: string, token: string) {
  // Tokens are 43 base64url characters: anything else is not worth a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return db.requestFollower.findFirst({
    where: { tokenHash: sha256(token), municipalityId, tokenExpiresAt: { gt: new Date() } },
    select: { id: true, requestId: true, municipalityId: true, unsubscribedAt: true },
  });
}

/** No more mail for the follower whose link this is. Returns whether the link was valid. */
export async function unsubscribeByToken(municipalityId: string, token: string): Promise<{ id: string } | null> {
  const f = await unsafeFollowerByToken(municipalityId, token);
  if (!f) return null;
  await db.$transaction(async (tx) => {
    const r = await tx.requestFollower.updateMany({
      where: { id: f.id, unsubscribedAt: null },
      data: { unsubscribedAt: new Date() },
    });
    if (r.count > 0)
      await recordAudit(tx, {
        action: "ServiceRequest.unfollow",
        actorType: "anonymous",
        municipalityId: f.municipalityId,
        targetType: "ServiceRequest",
        targetId: f.requestId,
      });
  });
  return { id: f.id };
}

/** What a follower's mail names: the municipality and the request (reference and public title). */
export async function followedRequestFacts(tx: DataTx, requestId: string) {
  const r = await tx.serviceRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { reference: true, title: true, municipality: { select: { name: true, slug: true } } },
  });
  return { reference: r.reference, title: r.title, municipality: r.municipality.name, slug: r.municipality.slug };
}

/** The public part of a timeline entry a follower's mail tells about (the new status and its reason, or the comment). */
export async function notifiedEventFacts(tx: DataTx, eventId: string) {
  return tx.requestEvent.findUniqueOrThrow({
    where: { id: eventId },
    select: { kind: true, toStatus: true, body: true },
  });
}
