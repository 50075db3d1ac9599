// What a reviewer is shown about one person in an access review (issue 20), built when the
// campaign starts and stored with the item, so the decision is about what was true then: their
// groups (labels, privileged and deprecated marks), direct service grants, the services they can
// use and why (lib/services/access.ts), their last sign-in, and what changed about the membership
// since the last closed review of it (or since it was created), in plain words.
//
// Infrastructure reads (db directly): the starting flow has already checked that its actor may
// start the campaign — or the schedule runs as the system — and the snapshot answers about the
// person, not for the person asking, like lib/services/access.ts.
import "server-only";
import { db } from "@/lib/db";
import { actionLabel } from "@/lib/audit/describe";
import { reviewGroup, type ReviewSnapshot } from "@/lib/data/access-reviews";
import { accessToServices } from "@/lib/services/access";
import type { Tx } from "./tx";

const MAX_CHANGES = 50;

export type SnapshotSubject = {
  id: string;
  userId: string;
  municipalityId: string;
  groups: string[];
  createdAt: Date;
  department: { name: string } | null;
  user: { name: string | null; email: string; lastLoginAt: Date | null };
};

const groupList = (v: unknown) =>
  Array.isArray(v) && v.length
    ? v
        .filter((g): g is string => typeof g === "string")
        .map((g) => reviewGroup(g).label)
        .join(", ")
    : null;

/** One audit event about the membership as words ("Groups or access changed: added Operator; removed Viewer"). */
export function changeWords(e: { action: string; actorType: string; data: unknown }): string {
  const d = (e.data && typeof e.data === "object" ? e.data : {}) as Record<string, unknown>;
  const details: string[] = [];
  const added = groupList(d.added);
  const removed = groupList(d.removed);
  if (added) details.push(`added ${added}`);
  if (removed) details.push(`removed ${removed}`);
  if (typeof d.reason === "string" && d.reason.trim() && d.reason !== "inactive") details.push(`reason: “${d.reason}”`);
  if (d.reason === "inactive") details.push("not signed in for a long time");
  if (d.review && typeof d.review === "object" && typeof (d.review as { name?: unknown }).name === "string")
    details.push(`in the access review “${(d.review as { name: string }).name}”`);
  const who = e.actorType === "system" ? " (automatically)" : e.actorType === "directory" ? " (directory sync)" : "";
  return `${actionLabel(e.action)}${who}${details.length ? `: ${details.join("; ")}` : ""}`;
}

/** Since when the "changes" list runs: the last closed review's decision for this membership, or its creation. */
async function changesSince(m: SnapshotSubject): Promise<Date> {
  const last = await db.accessReviewItem.findFirst({
    where: { membershipId: m.id, review: { status: "CLOSED" } },
    orderBy: { createdAt: "desc" },
    select: { appliedAt: true, decidedAt: true, createdAt: true, review: { select: { closedAt: true } } },
  });
  if (!last) return m.createdAt;
  return last.appliedAt ?? last.decidedAt ?? last.review.closedAt ?? last.createdAt;
}

export async function reviewSnapshot(m: SnapshotSubject, now = new Date()): Promise<ReviewSnapshot> {
  const since = await changesSince(m);
  const [events, grants, services] = await Promise.all([
    db.auditEvent.findMany({
      where: {
        at: { gt: since },
        OR: [
          { targetType: "Membership", targetId: m.id },
          { subjectUserId: m.userId, municipalityId: m.municipalityId },
        ],
      },
      orderBy: { seq: "desc" },
      take: MAX_CHANGES + 1,
      select: { at: true, action: true, actorType: true, data: true },
    }),
    db.serviceGrant.findMany({
      where: {
        userId: m.userId,
        endedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        AND: [{ OR: [{ municipalityId: m.municipalityId }, { municipalityId: null }] }],
      },
      include: { service: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.service.findMany({
      where: { disabledAt: null, OR: [{ municipalityId: m.municipalityId }, { municipalityId: null }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const granters = await db.user.findMany({
    where: { id: { in: [...new Set(grants.map((g) => g.grantedById))] } },
    select: { id: true, name: true, email: true },
  });
  const granter = new Map(granters.map((u) => [u.id, u.name ?? u.email]));
  const access = await accessToServices(
    m.userId,
    services.map((s) => s.id),
    { now },
  );
  return {
    person: { name: m.user.name, email: m.user.email },
    department: m.department?.name ?? null,
    groups: [...m.groups].sort().map(reviewGroup),
    directGrants: grants.map((g) => ({
      service: g.service.name,
      reason: g.reason,
      grantedBy: granter.get(g.grantedById) ?? "an administrator",
      since: g.createdAt.toISOString(),
      expiresAt: g.expiresAt?.toISOString() ?? null,
    })),
    services: services
      .map((s) => ({ name: s.name, sources: (access.get(s.id)?.sources ?? []).map((src) => src.words) }))
      .filter((s) => s.sources.length > 0),
    lastSignInAt: m.user.lastLoginAt?.toISOString() ?? null,
    changesSince: since.toISOString(),
    changes: events.slice(0, MAX_CHANGES).map((e) => ({ at: e.at.toISOString(), words: changeWords(e) })),
    moreChanges: events.length > MAX_CHANGES,
  };
}

/**
 * Erasure (./erasure.ts): the person's snapshots in every campaign keep the decision but no longer
 * their name or address (the same anonymous address the account gets). Closed campaigns' stored
 * digests keep what was signed; their rebuilt report then says it no longer matches.
 */
export async function anonymiseReviewSnapshots(tx: Tx, userId: string, anonymousEmail: string): Promise<void> {
  await tx.$executeRaw`
    update "AccessReviewItem"
    set snapshot = jsonb_set(snapshot, '{person}', jsonb_build_object('name', null, 'email', ${anonymousEmail}::text))
    where "userId" = ${userId}`;
}
