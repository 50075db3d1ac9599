// Who reviews whom in an access review (issue 20), and what happens when a reviewer can no longer
// review: deactivated, suspended, or no longer an admin or manager there. Their undecided items go
// to the municipality's active admins (spread evenly, never to the person under review; a platform
// admin when no admin is left) — at once when the account is deactivated (./deactivation.ts calls
// this in its transaction) and at every run of the access-review job for every other cause.
//
// Infrastructure reads and writes (the transaction given, no viewer): the deactivation flow or
// the scheduled job has already decided; this only keeps the campaign answerable.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { REVIEWER_GROUPS } from "@/lib/data/access-reviews";
import type { db } from "@/lib/db";
import { MUNICIPALITY_ADMIN } from "./grants";
import type { Tx } from "./tx";

const PLATFORM_REVIEWERS = ["platform_admin", "superuser"];

export type ReviewerPool = {
  /** Active managers per department id. */
  managers: Map<string, string[]>;
  /** Active municipality admins. */
  admins: string[];
  /** Active platform admins (the last resort). */
  platform: string[];
  /** Everyone who may review here (admins, managers, platform admins). */
  eligible: Set<string>;
};

/** The people who may review in this municipality now: user ids, in id order. */
export async function reviewerPool(reader: Tx | typeof db, municipalityId: string): Promise<ReviewerPool> {
  const person = { isActive: true, isServiceAccount: false, erasedAt: null };
  const [rows, platform] = await Promise.all([
    reader.membership.findMany({
      where: { municipalityId, status: "ACTIVE", groups: { hasSome: [...REVIEWER_GROUPS] }, user: person },
      select: { userId: true, departmentId: true, groups: true },
      orderBy: { userId: "asc" },
    }),
    reader.user.findMany({
      where: { ...person, platformGroups: { hasSome: PLATFORM_REVIEWERS } },
      select: { id: true },
      orderBy: { id: "asc" },
    }),
  ]);
  const managers = new Map<string, string[]>();
  const admins: string[] = [];
  for (const r of rows) {
    if (r.groups.includes(MUNICIPALITY_ADMIN)) admins.push(r.userId);
    if (r.groups.includes("manager") && r.departmentId)
      managers.set(r.departmentId, [...(managers.get(r.departmentId) ?? []), r.userId]);
  }
  const ids = platform.map((p) => p.id);
  return { managers, admins, platform: ids, eligible: new Set([...rows.map((r) => r.userId), ...ids]) };
}

/** The least loaded of `candidates` other than `not` (ties: the first in id order). */
function leastLoaded(candidates: string[], not: string, load: Map<string, number>): string | null {
  let best: string | null = null;
  for (const c of candidates) {
    if (c === not) continue;
    if (best === null || (load.get(c) ?? 0) < (load.get(best) ?? 0)) best = c;
  }
  return best;
}

/**
 * A person's reviewer: a manager of their department, else an admin, else `fallback` (who started
 * the campaign), else a platform admin — never the person. null: nobody can review them.
 */
export function chooseReviewer(
  pool: ReviewerPool,
  person: { userId: string; departmentId: string | null },
  load: Map<string, number>,
  fallback: string | null,
): string | null {
  return (
    (person.departmentId ? leastLoaded(pool.managers.get(person.departmentId) ?? [], person.userId, load) : null) ??
    leastLoaded(pool.admins, person.userId, load) ??
    (fallback && fallback !== person.userId ? fallback : null) ??
    leastLoaded(pool.platform, person.userId, load)
  );
}

/**
 * Undecided items of open campaigns whose reviewer may no longer review there go to the admins
 * (one `access.review.reassign` event per campaign and former reviewer, as the system). Only
 * `userId`'s items when given (their deactivation). Returns how many items moved.
 */
export async function reassignIneligibleReviewers(
  tx: Tx,
  opts: { userId?: string; municipalityIds?: string[] } = {},
): Promise<number> {
  const items = await tx.accessReviewItem.findMany({
    where: {
      outcome: null,
      review: { status: "OPEN" },
      ...(opts.userId ? { reviewerId: opts.userId } : {}),
      ...(opts.municipalityIds ? { municipalityId: { in: opts.municipalityIds } } : {}),
    },
    select: { id: true, reviewId: true, municipalityId: true, reviewerId: true, userId: true },
    orderBy: { id: "asc" },
  });
  let moved = 0;
  const byMunicipality = new Map<string, typeof items>();
  for (const i of items) byMunicipality.set(i.municipalityId, [...(byMunicipality.get(i.municipalityId) ?? []), i]);
  for (const [municipalityId, list] of byMunicipality) {
    const pool = await reviewerPool(tx, municipalityId);
    const orphans = list.filter((i) => !pool.eligible.has(i.reviewerId));
    if (!orphans.length) continue;
    const load = new Map<string, number>();
    for (const i of list)
      if (pool.eligible.has(i.reviewerId)) load.set(i.reviewerId, (load.get(i.reviewerId) ?? 0) + 1);
    const events = new Map<string, { reviewId: string; from: string; to: Set<string>; count: number }>();
    for (const i of orphans) {
      const to = leastLoaded(pool.admins, i.userId, load) ?? leastLoaded(pool.platform, i.userId, load);
      if (!to) continue;
      const r = await tx.accessReviewItem.updateMany({
        where: { id: i.id, outcome: null, reviewerId: i.reviewerId },
        data: { reviewerId: to, lastRemindedAt: null },
      });
      if (r.count !== 1) continue;
      load.set(to, (load.get(to) ?? 0) + 1);
      moved++;
      const k = `${i.reviewId}\u0000${i.reviewerId}`;
      const e = events.get(k) ?? { reviewId: i.reviewId, from: i.reviewerId, to: new Set<string>(), count: 0 };
      e.to.add(to);
      e.count++;
      events.set(k, e);
    }
    for (const e of events.values()) {
      const review = await tx.accessReview.findUnique({ where: { id: e.reviewId }, select: { name: true } });
      await recordAudit(tx, {
        action: "access.review.reassign",
        actorType: "system",
        municipalityId,
        targetType: "AccessReview",
        targetId: e.reviewId,
        subjectUserId: e.from,
        data: {
          reviewId: e.reviewId,
          name: review?.name ?? "",
          from: e.from,
          to: [...e.to],
          count: e.count,
          reason:
            "The reviewer can no longer review here (deactivated, suspended, or no longer an administrator or manager).",
        },
      });
    }
  }
  return moved;
}
