// Access review campaigns (issue 20; NIST SP 800-53 AC-2(j): accounts reviewed at least yearly,
// privileged access quarterly). An admin — or a schedule — starts a campaign over a municipality's
// people; each person's access is one item assigned to a reviewer, who confirms it, removes some of
// the reviewed groups, or revokes them; at the due date undecided items follow the campaign's rule
// (keep, or suspend) and the campaign closes with a signed report kept in the audit trail.
//
// Decisions, so a reviewer of this code can check them:
// - Who is in a campaign: ALL = every ACTIVE membership (of an active account) of the
//   municipality; GROUP = those holding the group; PRIVILEGED = those holding a group whose file
//   says `privileged: true`. In every campaign also the holders of deprecated groups (seed 000's
//   performance_monitors), with the deprecated groups among the reviewed ones. An item's `groups`
//   = the groups under review that the person holds. Nobody in scope: starting is refused.
// - Reviewer: an ACTIVE manager of the person's department (the least loaded one in this campaign
//   when there are several), else the municipality's active admins (spread evenly), never the
//   person themself; else the one who started it; else a platform admin. Nobody at all: the
//   person is left out and counted in the start event (`unassigned`).
// - One decision per item, final: a reviewer who chose wrongly asks an administrator, who changes
//   the person's groups as usual. A decision is applied at once through the one group-change write
//   (./group-change.ts writeMembershipAccess: last-admin guard, accessVersion, mail, services cut,
//   `membership.access_change` with the review named) in the transaction that records it with its
//   `access.review.decide` event. CHANGE keeps a strict subset of the reviewed groups; a review
//   never adds access. The reviewer may decide only items assigned to them (the policy's `update
//   where reviewerId`) and never their own. A membership no longer ACTIVE: outcome MOOT, nothing
//   changed.
// - The undecided rule is the campaign's, applied as the system (not as whoever closes early):
//   KEEP → KEPT_UNDECIDED; SUSPEND → the suspension write of ./deactivation.ts with a reason naming
//   the campaign → SUSPENDED_UNDECIDED (the last active admin is kept: KEPT_UNDECIDED, noted).
// - Every job function is idempotent and safe when two runs overlap: each item is claimed with a
//   row lock (outcome still empty), each campaign closed by a conditional write, each schedule run
//   claimed by moving its nextRunAt conditionally, each reminder by moving lastRemindedAt.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { assertAccessCurrent } from "@/lib/data/access-version";
import { REVIEWER_GROUPS, unsafeReviewReportRows } from "@/lib/data/access-reviews";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseFormInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccessReviewOutcome, AccessReviewScope, AccessReviewUndecided } from "@/lib/generated/prisma/enums";
import { signedDigest } from "@/lib/governance/review-report";
import type { Viewer } from "@/lib/identity/viewer";
import { kickMailer } from "@/lib/jobs/mail-worker";
import type { ScheduledJob } from "@/lib/jobs/scheduled";
import { enqueueMail } from "@/lib/mail/outbox";
import { reviewReminderMail, type ReminderCampaign } from "@/lib/mail/review-templates";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { loadPolicies } from "@/lib/policy/load";
import {
  MAX_REVIEW_DAYS,
  endOfDay,
  reviewDecisionInput,
  reviewScheduleInput,
  reviewStartInput,
  type ReviewDecisionForm,
  type ReviewScheduleForm,
  type ReviewStartForm,
} from "@/lib/schemas/access-reviews";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import { writeSuspension } from "./deactivation";
import { writeMembershipAccess } from "./group-change";
import { LAST_ADMIN } from "./last-admin";
import { actingUser } from "./membership-tx";
import { chooseReviewer, reassignIneligibleReviewers, reviewerPool } from "./review-reassign";
import { reviewSnapshot, type SnapshotSubject } from "./review-snapshot";
import type { Tx } from "./tx";
import { log } from "@/lib/ops/log";

export { reassignIneligibleReviewers } from "./review-reassign";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A reviewer hears again when they have undecided people and no reminder for this long… */
export const REMINDER_EVERY_DAYS = 7;
/** …and once more (the last reminder) within this many hours of a campaign's due date… */
export const LAST_CALL_HOURS = 48;
/** …but never twice within this many hours. */
export const REMINDER_GAP_HOURS = 24;
/** Items per transaction when the undecided rule is applied. */
const BATCH = 25;

// ─── Scope ────────────────────────────────────────────────────────────────────────────────────

function municipalityGroupsWhere(pred: (g: { privileged: boolean; deprecated?: unknown }) => boolean): string[] {
  return [...loadPolicies().groups.values()].filter((g) => g.scope === "municipality" && pred(g)).map((g) => g.name);
}
export const privilegedGroups = () => municipalityGroupsWhere((g) => g.privileged);
export const deprecatedGroups = () => municipalityGroupsWhere((g) => !!g.deprecated);

/** The groups of `held` a campaign of this scope reviews (deprecated ones always). */
export function reviewedGroups(scope: AccessReviewScope, group: string | null, held: readonly string[]): string[] {
  const privileged = privilegedGroups();
  const deprecated = deprecatedGroups();
  const inScope = held.filter((g) =>
    scope === "ALL" ? true : scope === "GROUP" ? g === group : privileged.includes(g),
  );
  return [...new Set([...inScope, ...held.filter((g) => deprecated.includes(g))])].sort();
}

function assertKnownGroup(scope: AccessReviewScope, group: string | undefined) {
  if (scope !== "GROUP") return;
  if (!municipalityGroupsWhere(() => true).includes(group ?? ""))
    throw new ValidationError("Choose a group of this municipality to review.", {
      group: ["Group: choose a group of this municipality."],
    });
}

const SCOPE_WORDS: Record<AccessReviewScope, string> = {
  ALL: "Nobody is active in this municipality",
  GROUP: "Nobody active holds this group (or a deprecated one)",
  PRIVILEGED: "Nobody active holds a privileged group (or a deprecated one)",
};

export class NobodyInScopeError extends ValidationError {
  constructor(scope: AccessReviewScope) {
    const msg = `${SCOPE_WORDS[scope]}: there is nobody to review.`;
    super(msg, scope === "GROUP" ? { group: [msg] } : { scope: [msg] });
  }
}

type CampaignSpec = {
  municipalityId: string;
  name: string;
  scope: AccessReviewScope;
  group: string | null;
  dueAt: Date;
  undecidedRule: AccessReviewUndecided;
  createdById: string | null;
  scheduleId: string | null;
  now: Date;
};

type ItemDraft = {
  membershipId: string;
  userId: string;
  reviewerId: string;
  groups: string[];
  snapshot: Prisma.InputJsonValue;
};

/** Every membership in scope with its reviewed groups, reviewer and snapshot (read before the write). */
async function campaignItems(spec: CampaignSpec): Promise<{ items: ItemDraft[]; unassigned: number }> {
  const memberships = await db.membership.findMany({
    where: { municipalityId: spec.municipalityId, status: "ACTIVE", user: { isActive: true, erasedAt: null } },
    select: {
      id: true,
      userId: true,
      municipalityId: true,
      groups: true,
      departmentId: true,
      createdAt: true,
      department: { select: { name: true } },
      user: { select: { name: true, email: true, lastLoginAt: true } },
    },
    orderBy: { id: "asc" },
  });
  const pool = await reviewerPool(db, spec.municipalityId);
  const load = new Map<string, number>();
  const items: ItemDraft[] = [];
  let unassigned = 0;
  for (const m of memberships) {
    const groups = reviewedGroups(spec.scope, spec.group, m.groups);
    if (!groups.length) continue;
    const reviewerId = chooseReviewer(pool, m, load, spec.createdById);
    if (!reviewerId) {
      unassigned++;
      continue;
    }
    load.set(reviewerId, (load.get(reviewerId) ?? 0) + 1);
    const snapshot = await reviewSnapshot(m satisfies SnapshotSubject, spec.now);
    items.push({ membershipId: m.id, userId: m.userId, reviewerId, groups, snapshot });
  }
  return { items, unassigned };
}

function auditReview(
  tx: Tx,
  actorId: string | null,
  action: string,
  review: { id: string; municipalityId: string },
  data: Prisma.InputJsonValue,
  subject?: { type: string; id: string; userId: string },
) {
  return recordAudit(tx, {
    action,
    actorId,
    actorType: actorId ? "user" : "system",
    municipalityId: review.municipalityId,
    targetType: subject?.type ?? "AccessReview",
    targetId: subject?.id ?? review.id,
    subjectUserId: subject?.userId ?? null,
    data,
  });
}

/**
 * Creates the campaign and its items in one transaction with its `access.review.start` event.
 * `claim` (a schedule's run) is checked inside it first: false → nothing is written, null returned.
 */
async function createCampaign(
  spec: CampaignSpec,
  opts: { confirmActor?: (tx: Tx) => Promise<void>; claim?: (tx: Tx) => Promise<boolean> } = {},
): Promise<{ id: string; items: number } | null> {
  const { items, unassigned } = await campaignItems(spec);
  if (!items.length) throw new NobodyInScopeError(spec.scope);
  return db.$transaction(
    async (tx) => {
      if (opts.claim && !(await opts.claim(tx))) return null;
      await opts.confirmActor?.(tx);
      const review = await tx.accessReview.create({
        data: {
          municipalityId: spec.municipalityId,
          name: spec.name,
          scope: spec.scope,
          group: spec.group,
          dueAt: spec.dueAt,
          undecidedRule: spec.undecidedRule,
          createdById: spec.createdById,
          scheduleId: spec.scheduleId,
        },
        select: { id: true, municipalityId: true },
      });
      await tx.accessReviewItem.createMany({
        data: items.map((i) => ({ ...i, reviewId: review.id, municipalityId: spec.municipalityId })),
      });
      await auditReview(tx, spec.createdById, "access.review.start", review, {
        name: spec.name,
        scope: spec.scope,
        group: spec.group,
        dueAt: spec.dueAt.toISOString(),
        undecidedRule: spec.undecidedRule,
        items: items.length,
        reviewers: new Set(items.map((i) => i.reviewerId)).size,
        unassigned,
        ...(spec.scheduleId ? { scheduleId: spec.scheduleId } : {}),
      });
      return { id: review.id, items: items.length };
    },
    { timeout: 120_000 },
  );
}

/** The municipality exists and the viewer may `action` its campaigns (else not found / forbidden). */
function assertMayOnReviews(viewer: Viewer, municipalityId: string, subject: "AccessReview" | "AccessReviewSchedule") {
  const s = subjectOf(subject, { municipalityId });
  if (!viewer.ability.can("read", s)) throw new NotFoundError();
  if (!viewer.ability.can("create", s) && !viewer.ability.can("update", s))
    throw new ForbiddenError("You may not manage access reviews here.");
}

// ─── Starting ─────────────────────────────────────────────────────────────────────────────────

/** An admin starts a campaign now. Refused (naming the field) when nobody is in scope. */
export async function startReview(
  viewer: Viewer,
  municipalityId: string,
  input: ReviewStartForm,
  opts: { now?: Date } = {},
): Promise<{ id: string; items: number }> {
  const me = actingUser(viewer);
  const muni = await db.municipality.findUnique({ where: { id: municipalityId.slice(0, 64) }, select: { id: true } });
  if (!muni) throw new NotFoundError();
  assertMayOnReviews(viewer, muni.id, "AccessReview");
  if (!viewer.ability.can("create", subjectOf("AccessReview", { municipalityId: muni.id })))
    throw new ForbiddenError("You may not start access reviews here.");
  const data = parseFormInput(reviewStartInput, input);
  assertKnownGroup(data.scope, data.group);
  const now = opts.now ?? new Date();
  const dueAt = endOfDay(data.dueAt);
  if (dueAt.getTime() <= now.getTime())
    throw new ValidationError("The due date must be in the future.", { dueAt: ["Due date: in the future."] });
  if (dueAt.getTime() > now.getTime() + MAX_REVIEW_DAYS * DAY_MS)
    throw new ValidationError(`The due date must be within ${MAX_REVIEW_DAYS} days.`, {
      dueAt: [`Due date: within ${MAX_REVIEW_DAYS} days.`],
    });
  const created = await createCampaign(
    {
      municipalityId: muni.id,
      name: data.name,
      scope: data.scope,
      group: data.group ?? null,
      dueAt,
      undecidedRule: data.undecidedRule,
      createdById: me.userId,
      scheduleId: null,
      now,
    },
    { confirmActor: (tx) => assertAccessCurrent(tx, viewer) },
  );
  return created!;
}

// ─── Deciding ─────────────────────────────────────────────────────────────────────────────────

const NOT_YOURS = "This person is assigned to another reviewer.";
const OWN = "You cannot review your own access: another reviewer must.";

/** The reviewer decides one item; applied at once (groups removed, services and sessions cut), audited. */
export async function decideReviewItem(viewer: Viewer, itemId: string, input: ReviewDecisionForm) {
  const me = actingUser(viewer);
  const item = await db.accessReviewItem.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("AccessReviewItem"), { id: itemId.slice(0, 64) }] },
    include: { review: { select: { id: true, name: true, status: true, municipalityId: true } } },
  });
  if (!item) throw new NotFoundError();
  if (item.userId === me.userId) throw new ForbiddenError(OWN);
  const { review: _r, ...row } = item;
  if (item.reviewerId !== me.userId || !viewer.ability.can("update", subjectOf("AccessReviewItem", { ...row })))
    throw new ForbiddenError(NOT_YOURS);
  if (item.review.status !== "OPEN") throw new ConflictError("This campaign is closed: decisions are final.");
  if (item.outcome) throw new ConflictError("This person was already decided on; a decision is final.");
  const data = parseFormInput(reviewDecisionInput, input);
  let kept: string[];
  if (data.decision === "CHANGE") {
    kept = [...new Set(data.keptGroups)].sort();
    const foreign = kept.filter((g) => !item.groups.includes(g));
    if (foreign.length)
      throw new ValidationError("A review only keeps or removes the groups under review; it never adds.", {
        keptGroups: [`Groups to keep: only groups under review (not ${foreign.join(", ")}).`],
      });
    if (kept.length === item.groups.length)
      throw new ValidationError("Remove at least one group, or confirm the access instead.", {
        keptGroups: ["Groups to keep: remove at least one group, or choose “Confirm access”."],
      });
  } else kept = data.decision === "CONFIRM" ? [...item.groups] : [];
  const remove = item.groups.filter((g) => !kept.includes(g));
  const review = { id: item.review.id, name: item.review.name };

  const outcome = await db.$transaction(async (tx) => {
    const now = new Date();
    // The membership as it is now (its write below is conditional on it), then the item claimed:
    // its row lock serializes two decisions on it, and the second finds it decided.
    const m = await tx.membership.findUnique({
      where: { id: item.membershipId },
      include: { user: { select: { email: true, isActive: true } }, municipality: { select: { name: true } } },
    });
    const moot = !m || m.status !== "ACTIVE" || !m.user.isActive;
    const outcome: AccessReviewOutcome = moot
      ? "MOOT"
      : data.decision === "CONFIRM"
        ? "CONFIRMED"
        : data.decision === "CHANGE"
          ? "CHANGED"
          : "REVOKED";
    const claimed = await tx.accessReviewItem.updateMany({
      where: { id: item.id, outcome: null, reviewerId: me.userId, review: { status: "OPEN" } },
      data: {
        decision: data.decision,
        keptGroups: data.decision === "CHANGE" ? kept : [],
        note: data.note ?? null,
        decidedById: me.userId,
        decidedAt: now,
        outcome,
        appliedAt: moot ? null : now,
      },
    });
    if (claimed.count !== 1)
      throw new ConflictError("Someone decided on this person or closed the campaign meanwhile. Reload the page.");
    let removed: string[] = [];
    if (m && !moot && remove.some((g) => m.groups.includes(g))) {
      const next = {
        groups: m.groups.filter((g) => !remove.includes(g)).sort(),
        departmentId: m.departmentId,
        allowedCategories: [...m.allowedCategories].sort(),
      };
      ({ removed } = await writeMembershipAccess(tx, m, next, {
        actorId: me.userId,
        confirmActor: () => assertAccessCurrent(tx, viewer),
        audit: { review, itemId: item.id },
      }));
    } else await assertAccessCurrent(tx, viewer);
    await auditReview(
      tx,
      me.userId,
      "access.review.decide",
      item.review,
      {
        review,
        reviewId: review.id,
        name: review.name,
        decision: data.decision,
        groups: item.groups,
        keptGroups: data.decision === "CHANGE" ? kept : [],
        removed,
        outcome,
        ...(data.note ? { note: data.note } : {}),
      },
      { type: "AccessReviewItem", id: item.id, userId: item.userId },
    );
    return outcome;
  });
  await kickMailer();
  kickServiceDeliveries();
  return { outcome };
}

// ─── Reassigning ──────────────────────────────────────────────────────────────────────────────

/** An admin gives an undecided item to another reviewer (an active admin or manager there, never the person). */
export async function reassignReviewItem(viewer: Viewer, itemId: string, reviewerId: string): Promise<void> {
  const me = actingUser(viewer);
  const item = await db.accessReviewItem.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("AccessReviewItem"), { id: itemId.slice(0, 64) }] },
    include: { review: { select: { id: true, name: true, status: true, municipalityId: true } } },
  });
  if (!item) throw new NotFoundError();
  if (!viewer.ability.can("update", subjectOf("AccessReview", { municipalityId: item.municipalityId })))
    throw new ForbiddenError("Only an administrator may give people to another reviewer.");
  if (item.review.status !== "OPEN" || item.outcome)
    throw new ConflictError("This person is already decided on or the campaign is closed.");
  const to = String(reviewerId ?? "").slice(0, 64);
  if (to === item.userId) throw new ValidationError(OWN, { reviewerId: ["Reviewer: not the person under review."] });
  const pool = await reviewerPool(db, item.municipalityId);
  if (!pool.eligible.has(to))
    throw new ValidationError("Choose an active administrator or manager of this municipality.", {
      reviewerId: ["Reviewer: an active administrator or manager of this municipality."],
    });
  if (to === item.reviewerId) return;
  await db.$transaction(async (tx) => {
    const r = await tx.accessReviewItem.updateMany({
      where: { id: item.id, outcome: null, reviewerId: item.reviewerId },
      data: { reviewerId: to, lastRemindedAt: null },
    });
    if (r.count !== 1) throw new ConflictError("Someone changed this person's review meanwhile. Reload the page.");
    await assertAccessCurrent(tx, viewer);
    await auditReview(
      tx,
      me.userId,
      "access.review.reassign",
      item.review,
      { reviewId: item.review.id, name: item.review.name, from: item.reviewerId, to, count: 1 },
      { type: "AccessReviewItem", id: item.id, userId: item.userId },
    );
  });
}

// ─── Closing ──────────────────────────────────────────────────────────────────────────────────

type OpenReview = { id: string; municipalityId: string; name: string; undecidedRule: AccessReviewUndecided };

/** The campaign's rule for one undecided item, in its own transaction (claimed with a row lock). */
async function settleUndecided(tx: Tx, review: OpenReview, itemId: string, now: Date): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string; membershipId: string }[]>`
    select id, "membershipId" from "AccessReviewItem" where id = ${itemId} and outcome is null for update`;
  const it = locked[0];
  if (!it) return false;
  const m = await tx.membership.findUnique({
    where: { id: it.membershipId },
    include: { user: { select: { isActive: true } } },
  });
  let outcome: AccessReviewOutcome;
  let keptLastAdmin = false;
  if (!m || m.status !== "ACTIVE" || !m.user.isActive) outcome = "MOOT";
  else if (review.undecidedRule === "KEEP") outcome = "KEPT_UNDECIDED";
  else {
    try {
      await writeSuspension(
        tx,
        m,
        `Not decided in the access review “${review.name}” by its due date (suspended automatically).`,
        {
          actorId: null,
          confirmActor: async () => undefined,
          audit: { review: { id: review.id, name: review.name }, itemId },
        },
      );
      outcome = "SUSPENDED_UNDECIDED";
    } catch (e) {
      // The last active admin is never suspended by a rule (./last-admin.ts): kept, and noted.
      if (!(e instanceof ConflictError) || e.message !== LAST_ADMIN) throw e;
      outcome = "KEPT_UNDECIDED";
      keptLastAdmin = true;
    }
  }
  await tx.accessReviewItem.update({
    where: { id: itemId },
    data: {
      outcome,
      appliedAt: outcome === "SUSPENDED_UNDECIDED" ? now : null,
      ...(keptLastAdmin ? { note: "Kept: the last active administrator is never suspended automatically." } : {}),
    },
  });
  return true;
}

/**
 * Applies the rule to every undecided item, then closes the campaign with the report's digest and
 * signature (stored and in the `access.review.close` event). Returns false when another run (or
 * person) closed it first.
 */
async function closeOne(reviewId: string, now: Date, closer: { actorId: string | null; viewer?: Viewer }) {
  const review = await db.accessReview.findUnique({
    where: { id: reviewId },
    select: { id: true, municipalityId: true, name: true, undecidedRule: true, status: true, dueAt: true },
  });
  if (!review || review.status !== "OPEN") return false;
  let suspended = false;
  for (;;) {
    const batch = await db.accessReviewItem.findMany({
      where: { reviewId, outcome: null },
      select: { id: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (!batch.length) break;
    await db.$transaction(
      async (tx) => {
        for (const i of batch) {
          await settleUndecided(tx, review, i.id, now);
          if (review.undecidedRule === "SUSPEND") suspended = true;
        }
      },
      { timeout: 60_000 },
    );
  }
  const closed = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      select id from "AccessReview" where id = ${reviewId} and status = 'OPEN' for update`;
    if (!locked.length) return false;
    if ((await tx.accessReviewItem.count({ where: { reviewId, outcome: null } })) > 0)
      throw new ConflictError("Some people were being decided while the campaign closed; try again.");
    if (closer.viewer) await assertAccessCurrent(tx, closer.viewer);
    const { rows } = await unsafeReviewReportRows(reviewId, tx);
    const { digest, signature } = signedDigest(reviewId, rows);
    await tx.accessReview.update({
      where: { id: reviewId },
      data: { status: "CLOSED", closedAt: now, reportDigest: digest, reportSignature: signature },
    });
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.outcome ?? "OPEN"] = (counts[r.outcome ?? "OPEN"] ?? 0) + 1;
    await auditReview(tx, closer.actorId, "access.review.close", review, {
      name: review.name,
      early: now.getTime() < review.dueAt.getTime(),
      items: rows.length,
      counts,
      digest,
      signature,
    });
    return true;
  });
  if (suspended) kickServiceDeliveries();
  return closed;
}

/** An admin closes a campaign before its due date: undecided items follow its rule now. */
export async function closeReview(viewer: Viewer, reviewId: string): Promise<{ closed: boolean }> {
  const me = actingUser(viewer);
  const review = await db.accessReview.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("AccessReview"), { id: reviewId.slice(0, 64) }] },
    select: { id: true, municipalityId: true, status: true },
  });
  if (!review) throw new NotFoundError();
  if (!viewer.ability.can("update", subjectOf("AccessReview", { ...review })))
    throw new ForbiddenError("Only an administrator may close this campaign.");
  if (review.status !== "OPEN") return { closed: false };
  return { closed: await closeOne(review.id, new Date(), { actorId: me.userId, viewer }) };
}

type JobScope = { now?: Date; municipalityIds?: string[] };
const inMunicipalities = (ids?: string[]) => (ids ? { municipalityId: { in: ids } } : {});

/** Closes every open campaign whose due date has passed (the scheduled job; tests pass `now`). */
export async function closeDueReviews(opts: JobScope = {}): Promise<{ closed: string[]; failed?: string[] }> {
  const now = opts.now ?? new Date();
  const due = await db.accessReview.findMany({
    where: { status: "OPEN", dueAt: { lte: now }, ...inMunicipalities(opts.municipalityIds) },
    select: { id: true },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });
  const closed: string[] = [];
  const failed: string[] = [];
  for (const r of due) {
    try {
      if (await closeOne(r.id, now, { actorId: null })) closed.push(r.id);
    } catch (e) {
      // One campaign that cannot close now (a membership changed under it) must not hold up the
      // others; what it did so far stays done, and the next run picks up where it stopped.
      log.error({ err: e, campaignId: r.id }, "[access-reviews] a campaign could not close yet");
      failed.push(r.id);
    }
  }
  return failed.length ? { closed, failed } : { closed };
}

// ─── Reminders ────────────────────────────────────────────────────────────────────────────────

/**
 * One mail per reviewer and municipality with undecided people in open campaigns: when they have
 * not been reminded for REMINDER_EVERY_DAYS (or never), or a campaign is due within
 * LAST_CALL_HOURS and its last reminder came before that window — never twice within
 * REMINDER_GAP_HOURS. Through the outbox: SMTP down, the mail waits.
 */
export async function remindReviewers(opts: JobScope = {}): Promise<{ reminded: string[] }> {
  const now = opts.now ?? new Date();
  const t = now.getTime();
  const items = await db.accessReviewItem.findMany({
    where: {
      outcome: null,
      review: { status: "OPEN", dueAt: { gt: now } },
      ...inMunicipalities(opts.municipalityIds),
    },
    select: {
      id: true,
      reviewerId: true,
      municipalityId: true,
      lastRemindedAt: true,
      review: { select: { id: true, name: true, dueAt: true } },
    },
    orderBy: { id: "asc" },
  });
  const groups = new Map<string, typeof items>();
  for (const i of items) {
    const k = `${i.municipalityId}\u0000${i.reviewerId}`;
    groups.set(k, [...(groups.get(k) ?? []), i]);
  }
  const gapCutoff = new Date(t - REMINDER_GAP_HOURS * HOUR_MS);
  const reminded: string[] = [];
  for (const group of groups.values()) {
    const latest = Math.max(...group.map((i) => i.lastRemindedAt?.getTime() ?? 0));
    if (latest > gapCutoff.getTime()) continue;
    const lastCall = (i: (typeof group)[number]) =>
      i.review.dueAt.getTime() - t <= LAST_CALL_HOURS * HOUR_MS &&
      (i.lastRemindedAt?.getTime() ?? 0) < i.review.dueAt.getTime() - LAST_CALL_HOURS * HOUR_MS;
    const due = group.some(
      (i) => !i.lastRemindedAt || i.lastRemindedAt.getTime() <= t - REMINDER_EVERY_DAYS * DAY_MS || lastCall(i),
    );
    if (!due) continue;
    const { municipalityId, reviewerId } = group[0]!;
    const [reviewer, muni] = await Promise.all([
      db.user.findUnique({ where: { id: reviewerId }, select: { email: true, isActive: true } }),
      db.municipality.findUnique({ where: { id: municipalityId }, select: { name: true, slug: true } }),
    ]);
    if (!reviewer?.isActive || !muni) continue;
    const campaigns = new Map<string, ReminderCampaign>();
    for (const i of group) {
      const c = campaigns.get(i.review.id) ?? {
        name: i.review.name,
        undecided: 0,
        dueAt: i.review.dueAt,
        lastCall: false,
      };
      c.undecided++;
      c.lastCall ||= lastCall(i);
      campaigns.set(i.review.id, c);
    }
    const sent = await db.$transaction(async (tx) => {
      // Claimed by moving lastRemindedAt: an overlapping run finds nothing left to claim.
      const r = await tx.accessReviewItem.updateMany({
        where: {
          id: { in: group.map((i) => i.id) },
          outcome: null,
          OR: [{ lastRemindedAt: null }, { lastRemindedAt: { lte: gapCutoff } }],
        },
        data: { lastRemindedAt: now },
      });
      if (r.count === 0) return false;
      await enqueueMail(tx, {
        to: reviewer.email,
        userId: reviewerId,
        municipalityId,
        ...reviewReminderMail({
          municipality: muni.name,
          slug: muni.slug,
          campaigns: [...campaigns.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()),
        }),
      });
      return true;
    });
    if (sent) reminded.push(reviewerId);
  }
  if (reminded.length) await kickMailer();
  return { reminded };
}

// ─── Schedules ────────────────────────────────────────────────────────────────────────────────

/** `d` plus `months` calendar months (UTC), the day clamped to the month's end (31 Jan + 1 → 28/29 Feb). */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
  );
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Starts a campaign for every enabled schedule whose nextRunAt has come (as the system, with
 * scheduleId), and moves nextRunAt on by everyMonths (past `now`: a server that was down for a
 * while starts one campaign, not one per missed period). Nobody in scope: no campaign, the run is
 * still counted (audited as skipped).
 */
export async function runReviewSchedules(opts: JobScope = {}): Promise<{ started: string[]; skipped: string[] }> {
  const now = opts.now ?? new Date();
  const due = await db.accessReviewSchedule.findMany({
    where: {
      disabledAt: null,
      nextRunAt: { lte: now },
      municipality: { archivedAt: null },
      ...inMunicipalities(opts.municipalityIds),
    },
    orderBy: [{ nextRunAt: "asc" }, { id: "asc" }],
  });
  const started: string[] = [];
  const skipped: string[] = [];
  for (const s of due) {
    let next = s.nextRunAt;
    while (next.getTime() <= now.getTime()) next = addMonths(next, s.everyMonths);
    const claim = async (tx: Tx) =>
      (
        await tx.accessReviewSchedule.updateMany({
          where: { id: s.id, nextRunAt: s.nextRunAt, disabledAt: null },
          data: { nextRunAt: next, lastRunAt: now },
        })
      ).count === 1;
    const spec: CampaignSpec = {
      municipalityId: s.municipalityId,
      name: `${s.name} (${ymd(now)})`,
      scope: s.scope,
      group: s.group,
      dueAt: endOfDay(ymd(new Date(now.getTime() + s.dueDays * DAY_MS))),
      undecidedRule: s.undecidedRule,
      createdById: null,
      scheduleId: s.id,
      now,
    };
    try {
      const created = await createCampaign(spec, { claim });
      if (created) started.push(created.id);
    } catch (e) {
      if (!(e instanceof NobodyInScopeError)) throw e;
      const ran = await db.$transaction(async (tx) => {
        if (!(await claim(tx))) return false;
        await recordAudit(tx, {
          action: "access.review_schedule.skipped",
          actorType: "system",
          municipalityId: s.municipalityId,
          targetType: "AccessReviewSchedule",
          targetId: s.id,
          data: { name: s.name, reason: e.message, nextRunAt: next.toISOString() },
        });
        return true;
      });
      if (ran) skipped.push(s.id);
    }
  }
  return { started, skipped };
}

/** Creates (no id) or changes a schedule. The first run is at the start of `firstRunAt` (UTC). */
export async function saveReviewSchedule(
  viewer: Viewer,
  municipalityId: string,
  input: ReviewScheduleForm,
  id?: string,
): Promise<{ id: string }> {
  const me = actingUser(viewer);
  const muni = await db.municipality.findUnique({ where: { id: municipalityId.slice(0, 64) }, select: { id: true } });
  if (!muni) throw new NotFoundError();
  assertMayOnReviews(viewer, muni.id, "AccessReviewSchedule");
  const data = parseFormInput(reviewScheduleInput, input);
  assertKnownGroup(data.scope, data.group);
  const nextRunAt = new Date(`${data.firstRunAt}T00:00:00Z`);
  const fields = {
    name: data.name,
    scope: data.scope,
    group: data.group ?? null,
    everyMonths: data.everyMonths,
    dueDays: data.dueDays,
    undecidedRule: data.undecidedRule,
    nextRunAt,
  };
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    let saved: { id: string; municipalityId: string };
    if (id) {
      const r = await tx.accessReviewSchedule.updateMany({
        where: {
          AND: [
            accessibleBy(viewer.ability, "update").ofType("AccessReviewSchedule"),
            { id: id.slice(0, 64), municipalityId: muni.id, disabledAt: null },
          ],
        },
        data: fields,
      });
      if (r.count !== 1) throw new NotFoundError();
      saved = { id: id.slice(0, 64), municipalityId: muni.id };
    } else {
      if (!viewer.ability.can("create", subjectOf("AccessReviewSchedule", { municipalityId: muni.id })))
        throw new ForbiddenError("You may not create review schedules here.");
      saved = await tx.accessReviewSchedule.create({
        data: { ...fields, municipalityId: muni.id, createdById: me.userId },
        select: { id: true, municipalityId: true },
      });
    }
    await recordAudit(tx, {
      action: "access.review_schedule.save",
      actorId: me.userId,
      actorType: "user",
      municipalityId: muni.id,
      targetType: "AccessReviewSchedule",
      targetId: saved.id,
      data: { ...fields, nextRunAt: nextRunAt.toISOString(), created: !id },
    });
    return { id: saved.id };
  });
}

/** Switches a schedule off (never deleted: its campaigns point at it). Idempotent. */
export async function disableReviewSchedule(viewer: Viewer, id: string): Promise<void> {
  const me = actingUser(viewer);
  const s = await db.accessReviewSchedule.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("AccessReviewSchedule"), { id: id.slice(0, 64) }] },
    select: { id: true, municipalityId: true, name: true, disabledAt: true },
  });
  if (!s) throw new NotFoundError();
  if (!viewer.ability.can("update", subjectOf("AccessReviewSchedule", { ...s })))
    throw new ForbiddenError("You may not change this schedule.");
  if (s.disabledAt) return;
  await db.$transaction(async (tx) => {
    const r = await tx.accessReviewSchedule.updateMany({
      where: { id: s.id, disabledAt: null },
      data: { disabledAt: new Date() },
    });
    if (r.count !== 1) return;
    await assertAccessCurrent(tx, viewer);
    await recordAudit(tx, {
      action: "access.review_schedule.disable",
      actorId: me.userId,
      actorType: "user",
      municipalityId: s.municipalityId,
      targetType: "AccessReviewSchedule",
      targetId: s.id,
      data: { name: s.name },
    });
  });
}

// ─── The scheduled job ────────────────────────────────────────────────────────────────────────

/** Everything the clock drives, in order: schedules, reassignment, closing, reminders. */
export async function runReviewJobs(opts: JobScope = {}) {
  const schedules = await runReviewSchedules(opts);
  const reassigned = await db.$transaction((tx) => reassignIneligibleReviewers(tx, opts), { timeout: 60_000 });
  const closed = await closeDueReviews(opts);
  const reminded = await remindReviewers(opts);
  return { ...schedules, reassigned, ...closed, ...reminded };
}

/** Every hour at minute 23: a server that was down at one tick catches up at the next. */
export const ACCESS_REVIEW_JOB: ScheduledJob = {
  name: "access-reviews",
  cron: "23 * * * *",
  async run() {
    const r = await runReviewJobs();
    if (r.started.length || r.closed.length || r.reminded.length || r.reassigned)
      log.info(
        `[access-reviews] started ${r.started.length}, closed ${r.closed.length}, reminded ${r.reminded.length} reviewer(s), reassigned ${r.reassigned} item(s)`,
      );
  },
};

export { REVIEWER_GROUPS };
