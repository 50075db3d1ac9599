// Access review campaigns, their items and schedules (issue 20), read through the viewer's ability
// like every governed record: the tenant and the reviewer are in the query (a manager sees only the
// items assigned to them, a campaign with the fields their rule lists), rows are cut to permitted
// fields, and a campaign or item outside reach is "not found". Pages get DTOs with plain words for
// every enum value and group labels, never rows. The writes live in lib/flows/access-reviews.ts.
//
// Two reads are deliberately unscoped and named so: `unsafeReviewReportRows` (the closing job signs
// the report of every item as the system; lib/governance/review-report.ts calls it only after the
// viewer was shown to read the whole campaign) and the snapshot's shape, which is data, not a read.
import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { loadPolicies } from "@/lib/policy/load";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import {
  DECISION_LABELS,
  OUTCOME_LABELS,
  SCOPE_LABELS,
  STATUS_LABELS,
  UNDECIDED_RULE_LABELS,
  type ReviewDecision,
  type ReviewItemsQuery,
  type ReviewListQuery,
  type ReviewOutcome,
  type ReviewScope,
  type ReviewStatus,
  type ReviewUndecidedRule,
} from "@/lib/schemas/access-reviews";
import { project } from "./project";
import type { DataTx } from "./tx";
import type { Page } from "./scoped-records";

const REVIEW_FIELDS = MODEL_FIELDS.AccessReview as readonly string[];
const SCHEDULE_FIELDS = MODEL_FIELDS.AccessReviewSchedule as readonly string[];

// ─── Shapes ───────────────────────────────────────────────────────────────────────────────────

/** A group as a reviewer sees it: its label and whether it is privileged or deprecated (and why). */
export type ReviewGroup = { name: string; label: string; privileged: boolean; deprecated: string | null };

/**
 * What the reviewer is shown about one person, as it was when the campaign started (stored as the
 * item's snapshot). Dates are ISO strings (JSON).
 */
export type ReviewSnapshot = {
  person: { name: string | null; email: string };
  department: string | null;
  /** Every group the person held at the start (the reviewed ones are the item's `groups`). */
  groups: ReviewGroup[];
  /** Direct service grants in force at the start. */
  directGrants: { service: string; reason: string; grantedBy: string; since: string; expiresAt: string | null }[];
  /** The services they could use at the start, each with why ("Operator group", "Granted directly by …"). */
  services: { name: string; sources: string[] }[];
  lastSignInAt: string | null;
  /** Since when `changes` runs: the previous closed campaign's decision for this membership, or its creation. */
  changesSince: string;
  /** What changed about this membership since then, in plain words, newest first (at most 50). */
  changes: { at: string; words: string }[];
  /** More changes than listed. */
  moreChanges: boolean;
};

export type PersonRef = { id: string; name: string | null; email: string };

/** What a campaign and a schedule share: who is reviewed and what happens to the undecided, with words. */
export type CampaignTerms = {
  id: string;
  municipalityId: string;
  name: string;
  scope: ReviewScope;
  scopeLabel: string;
  group: string | null;
  groupLabel: string | null;
  undecidedRule: ReviewUndecidedRule;
  undecidedRuleLabel: string;
};

export type ReviewSummary = CampaignTerms & {
  dueAt: Date;
  status: ReviewStatus;
  statusLabel: string;
  createdAt: Date;
  closedAt: Date | null;
  /** Who started it; null when a schedule did (then `scheduleName`) or when the viewer may not see it. */
  startedBy: PersonRef | null;
  scheduleName: string | null;
  /** Items the viewer can read, and how many of them are decided (or settled at the close). */
  total: number;
  decided: number;
};

export type ReviewerProgress = { reviewer: PersonRef; total: number; decided: number };

export type ReviewDetail = ReviewSummary & {
  reportDigest: string | null;
  reportSignature: string | null;
  progress: {
    total: number;
    decided: number;
    undecided: number;
    byReviewer: ReviewerProgress[];
    byOutcome: { outcome: ReviewOutcome; label: string; count: number }[];
  };
  /** The viewer may close it early, reassign its items and see its report. */
  canManage: boolean;
};

export type ReviewItemRow = {
  id: string;
  reviewId: string;
  reviewName: string;
  reviewStatus: ReviewStatus;
  dueAt: Date;
  membershipId: string;
  person: PersonRef;
  reviewer: PersonRef;
  /** The groups under review. */
  groups: ReviewGroup[];
  decision: ReviewDecision | null;
  decisionLabel: string | null;
  keptGroups: ReviewGroup[];
  note: string | null;
  decidedBy: PersonRef | null;
  decidedAt: Date | null;
  outcome: ReviewOutcome | null;
  outcomeLabel: string | null;
  appliedAt: Date | null;
  /** The viewer is this item's reviewer, it is undecided and its campaign open (never one's own). */
  canDecide: boolean;
};

export type ReviewItemDetail = ReviewItemRow & { snapshot: ReviewSnapshot };

export type ReviewScheduleView = CampaignTerms & {
  everyMonths: number;
  dueDays: number;
  nextRunAt: Date;
  lastRunAt: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  canManage: boolean;
};

export type ReviewerChoice = { id: string; name: string | null; email: string; label: string };

// ─── Labels ───────────────────────────────────────────────────────────────────────────────────

/** A group with its label and marks, from the loaded policies (an unknown name reads as itself). */
export function reviewGroup(name: string): ReviewGroup {
  const g = loadPolicies().groups.get(name);
  return {
    name,
    label: g?.label ?? name,
    privileged: g?.privileged ?? false,
    deprecated: g?.deprecated?.reason ?? null,
  };
}

const personRef = (u: { id: string; name: string | null; email: string } | undefined, id: string): PersonRef =>
  u ?? { id, name: null, email: "(unknown person)" };

async function peopleById(ids: (string | null | undefined)[], reader: DataTx | typeof db = db) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  const rows = unique.length
    ? await reader.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } })
    : [];
  return new Map(rows.map((u) => [u.id, u]));
}

function campaignTerms(r: {
  id: string;
  municipalityId: string;
  name: string;
  scope: ReviewScope;
  group: string | null;
  undecidedRule: ReviewUndecidedRule;
}): CampaignTerms {
  return {
    id: r.id,
    municipalityId: r.municipalityId,
    name: r.name,
    scope: r.scope,
    scopeLabel: SCOPE_LABELS[r.scope],
    group: r.group,
    groupLabel: r.group ? reviewGroup(r.group).label : null,
    undecidedRule: r.undecidedRule,
    undecidedRuleLabel: UNDECIDED_RULE_LABELS[r.undecidedRule],
  };
}

// ─── Campaigns ────────────────────────────────────────────────────────────────────────────────

const reviewColumns = {
  id: true,
  municipalityId: true,
  name: true,
  scope: true,
  group: true,
  dueAt: true,
  undecidedRule: true,
  status: true,
  createdById: true,
  scheduleId: true,
  closedAt: true,
  reportDigest: true,
  reportSignature: true,
  createdAt: true,
  updatedAt: true,
  schedule: { select: { name: true } },
} satisfies Prisma.AccessReviewSelect;
type ReviewRow = Prisma.AccessReviewGetPayload<{ select: typeof reviewColumns }>;

const readableReviews = (viewer: Viewer) => accessibleBy(viewer.ability, "read").ofType("AccessReview");
const readableItems = (viewer: Viewer) => accessibleBy(viewer.ability, "read").ofType("AccessReviewItem");

/** Item counts per campaign over the items the viewer may read. */
async function itemCounts(viewer: Viewer, reviewIds: string[]) {
  const counts = new Map<string, { total: number; decided: number }>();
  if (!reviewIds.length) return counts;
  const groups = await db.accessReviewItem.groupBy({
    by: ["reviewId", "outcome"],
    where: { AND: [readableItems(viewer), { reviewId: { in: reviewIds } }] },
    _count: { _all: true },
  });
  for (const g of groups) {
    const c = counts.get(g.reviewId) ?? { total: 0, decided: 0 };
    c.total += g._count._all;
    if (g.outcome) c.decided += g._count._all;
    counts.set(g.reviewId, c);
  }
  return counts;
}

function summaryOf(
  viewer: Viewer,
  row: ReviewRow,
  counts: { total: number; decided: number } | undefined,
  people: Map<string, PersonRef>,
): ReviewSummary {
  const p = project(viewer.ability, "read", "AccessReview", row, REVIEW_FIELDS);
  const startedById = p.createdById ?? null;
  return {
    ...campaignTerms(row),
    dueAt: row.dueAt,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    startedBy: startedById ? personRef(people.get(startedById), startedById) : null,
    scheduleName: p.scheduleId !== undefined && row.schedule ? row.schedule.name : null,
    total: counts?.total ?? 0,
    decided: counts?.decided ?? 0,
  };
}

/** The municipality's campaigns the viewer may read, newest first unless sorted otherwise. */
export async function listReviews(
  viewer: Viewer,
  municipalityId: string,
  query: Partial<ReviewListQuery> = {},
): Promise<Page<ReviewSummary>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const where: Prisma.AccessReviewWhereInput = {
    AND: [
      readableReviews(viewer),
      { municipalityId },
      query.status === "open" ? { status: "OPEN" } : query.status === "closed" ? { status: "CLOSED" } : {},
      query.q ? { name: { contains: query.q, mode: "insensitive" } } : {},
    ],
  };
  const dir = query.dir ?? (query.sort === "name" ? "asc" : "desc");
  const [total, rows] = await Promise.all([
    db.accessReview.count({ where }),
    db.accessReview.findMany({
      where,
      select: reviewColumns,
      orderBy: [{ [query.sort ?? "createdAt"]: dir }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  const counts = await itemCounts(
    viewer,
    rows.map((r) => r.id),
  );
  const people = await peopleById(rows.map((r) => r.createdById));
  return {
    rows: rows.map((r) => summaryOf(viewer, r, counts.get(r.id), people)),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** May the viewer manage (close, reassign, report) this campaign? */
export function mayManageReview(viewer: Viewer, review: { municipalityId: string }): boolean {
  return viewer.ability.can("update", subjectOf("AccessReview", { ...review }));
}

/** One campaign with its progress (total, decided, per reviewer, per outcome), or "not found". */
export async function reviewFor(viewer: Viewer, id: string): Promise<ReviewDetail> {
  const row = await db.accessReview.findFirst({
    where: { AND: [readableReviews(viewer), { id: id.slice(0, 64) }] },
    select: reviewColumns,
  });
  if (!row) throw new NotFoundError();
  const [byReviewer, byOutcome] = await Promise.all([
    db.accessReviewItem.groupBy({
      by: ["reviewerId", "outcome"],
      where: { AND: [readableItems(viewer), { reviewId: row.id }] },
      _count: { _all: true },
    }),
    db.accessReviewItem.groupBy({
      by: ["outcome"],
      where: { AND: [readableItems(viewer), { reviewId: row.id }] },
      _count: { _all: true },
    }),
  ]);
  const people = await peopleById([row.createdById, ...byReviewer.map((g) => g.reviewerId)]);
  const perReviewer = new Map<string, ReviewerProgress>();
  for (const g of byReviewer) {
    const r = perReviewer.get(g.reviewerId) ?? {
      reviewer: personRef(people.get(g.reviewerId), g.reviewerId),
      total: 0,
      decided: 0,
    };
    r.total += g._count._all;
    if (g.outcome) r.decided += g._count._all;
    perReviewer.set(g.reviewerId, r);
  }
  const total = byOutcome.reduce((n, g) => n + g._count._all, 0);
  const decided = byOutcome.filter((g) => g.outcome).reduce((n, g) => n + g._count._all, 0);
  const canManage = mayManageReview(viewer, row);
  return {
    ...summaryOf(viewer, row, { total, decided }, people),
    reportDigest: canManage ? row.reportDigest : null,
    reportSignature: canManage ? row.reportSignature : null,
    progress: {
      total,
      decided,
      undecided: total - decided,
      byReviewer: [...perReviewer.values()].sort((a, b) =>
        (a.reviewer.name ?? a.reviewer.email).localeCompare(b.reviewer.name ?? b.reviewer.email),
      ),
      byOutcome: byOutcome
        .filter((g): g is typeof g & { outcome: ReviewOutcome } => g.outcome !== null)
        .map((g) => ({ outcome: g.outcome, label: OUTCOME_LABELS[g.outcome], count: g._count._all }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    },
    canManage,
  };
}

// ─── Items ────────────────────────────────────────────────────────────────────────────────────

const itemColumns = {
  id: true,
  reviewId: true,
  municipalityId: true,
  membershipId: true,
  userId: true,
  reviewerId: true,
  groups: true,
  decision: true,
  keptGroups: true,
  note: true,
  decidedById: true,
  decidedAt: true,
  outcome: true,
  appliedAt: true,
  snapshot: true,
  review: { select: { name: true, status: true, dueAt: true } },
} satisfies Prisma.AccessReviewItemSelect;
type ItemRow = Prisma.AccessReviewItemGetPayload<{ select: typeof itemColumns }>;

/** Whether the viewer may decide this item now: theirs to review, not their own, undecided, campaign open. */
export function mayDecideItem(
  viewer: Viewer,
  item: { municipalityId: string; reviewerId: string; userId: string; outcome: string | null },
  reviewStatus: string,
): boolean {
  if (viewer.principal.kind !== "user") return false;
  const me = viewer.principal.userId;
  return (
    item.reviewerId === me &&
    item.userId !== me &&
    item.outcome === null &&
    reviewStatus === "OPEN" &&
    viewer.ability.can("update", subjectOf("AccessReviewItem", { ...item }))
  );
}

const snapshotOf = (s: Prisma.JsonValue): ReviewSnapshot => s as unknown as ReviewSnapshot;

function itemRowOf(viewer: Viewer, row: ItemRow, people: Map<string, PersonRef>): ReviewItemRow {
  const snap = snapshotOf(row.snapshot);
  const known = people.get(row.userId);
  return {
    id: row.id,
    reviewId: row.reviewId,
    reviewName: row.review.name,
    reviewStatus: row.review.status,
    dueAt: row.review.dueAt,
    membershipId: row.membershipId,
    // The name as it is now when the person is still there; as it was at the start otherwise.
    person: known ?? { id: row.userId, name: snap.person?.name ?? null, email: snap.person?.email ?? "" },
    reviewer: personRef(people.get(row.reviewerId), row.reviewerId),
    groups: row.groups.map(reviewGroup),
    decision: row.decision,
    decisionLabel: row.decision ? DECISION_LABELS[row.decision] : null,
    keptGroups: row.keptGroups.map(reviewGroup),
    note: row.note,
    decidedBy: row.decidedById ? personRef(people.get(row.decidedById), row.decidedById) : null,
    decidedAt: row.decidedAt,
    outcome: row.outcome,
    outcomeLabel: row.outcome ? OUTCOME_LABELS[row.outcome] : null,
    appliedAt: row.appliedAt,
    canDecide: mayDecideItem(viewer, row, row.review.status),
  };
}

type ItemFilter = Prisma.AccessReviewItemWhereInput;

/**
 * Items matching `base` that the viewer may read, filtered, sorted and paged. Sorting by name or
 * reviewer needs the people's names, which live on User (no relation from the item): the
 * candidate ids and names are read first, sorted here, and only the page's rows are loaded whole.
 */
async function pageOfItems(viewer: Viewer, base: ItemFilter, query: Partial<ReviewItemsQuery>) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const state = query.state ?? "all";
  const where: ItemFilter = {
    AND: [
      readableItems(viewer),
      base,
      state === "undecided" ? { outcome: null } : state === "decided" ? { outcome: { not: null } } : {},
    ],
  };
  const light = await db.accessReviewItem.findMany({
    where,
    // Not the snapshots (large): people are never deleted, so their names come from User.
    select: { id: true, userId: true, reviewerId: true, decidedAt: true },
  });
  const people = await peopleById(light.flatMap((i) => [i.userId, i.reviewerId]));
  const nameOf = (userId: string) => {
    const p = people.get(userId);
    return { name: p?.name ?? "", email: p?.email ?? "" };
  };
  const q = query.q?.toLowerCase();
  const matching = light
    .map((i) => ({ ...i, who: nameOf(i.userId), by: nameOf(i.reviewerId) }))
    .filter((i) => !q || i.who.name.toLowerCase().includes(q) || i.who.email.toLowerCase().includes(q));
  const sort = query.sort ?? "name";
  const sign = query.dir === "desc" ? -1 : 1;
  const key = (i: (typeof matching)[number]) =>
    sort === "decidedAt"
      ? (i.decidedAt?.toISOString() ?? "")
      : sort === "reviewer"
        ? `${i.by.name || i.by.email}\u0000${i.who.name || i.who.email}`
        : `${i.who.name || i.who.email}\u0000${i.who.email}`;
  matching.sort((a, b) => sign * key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
  const ids = matching.slice((page - 1) * pageSize, page * pageSize).map((i) => i.id);
  const rows = await db.accessReviewItem.findMany({ where: { id: { in: ids } }, select: itemColumns });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const deciders = await peopleById(rows.map((r) => r.decidedById));
  for (const [id, p] of deciders) people.set(id, p);
  return {
    rows: ids.map((id) => itemRowOf(viewer, byId.get(id)!, people)),
    total: matching.length,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(matching.length / pageSize)),
  };
}

/** The people of one campaign the viewer may read (an admin: all; a manager: theirs), or "not found". */
export async function listReviewItems(
  viewer: Viewer,
  reviewId: string,
  query: Partial<ReviewItemsQuery> = {},
): Promise<Page<ReviewItemRow>> {
  const review = await db.accessReview.findFirst({
    where: { AND: [readableReviews(viewer), { id: reviewId.slice(0, 64) }] },
    select: { id: true },
  });
  if (!review) throw new NotFoundError();
  return pageOfItems(viewer, { reviewId: review.id }, query);
}

/**
 * The items assigned to the viewer to review in this municipality (all campaigns, or one when
 * `reviewId` is given), undecided first by default. Never their own access.
 */
export async function myReviewItems(
  viewer: Viewer,
  municipalityId: string,
  query: Partial<ReviewItemsQuery> = {},
  reviewId?: string,
): Promise<Page<ReviewItemRow>> {
  if (viewer.principal.kind !== "user") return { rows: [], total: 0, page: 1, pageSize: 25, pageCount: 1 };
  const me = viewer.principal.userId;
  return pageOfItems(
    viewer,
    { municipalityId, reviewerId: me, userId: { not: me }, ...(reviewId ? { reviewId: reviewId.slice(0, 64) } : {}) },
    { state: "undecided", ...query },
  );
}

/** One item with its snapshot (what the reviewer is shown), or "not found". */
export async function reviewItemFor(viewer: Viewer, itemId: string): Promise<ReviewItemDetail> {
  const row = await db.accessReviewItem.findFirst({
    where: { AND: [readableItems(viewer), { id: itemId.slice(0, 64) }] },
    select: itemColumns,
  });
  if (!row) throw new NotFoundError();
  const people = await peopleById([row.userId, row.reviewerId, row.decidedById]);
  return { ...itemRowOf(viewer, row, people), snapshot: snapshotOf(row.snapshot) };
}

// ─── Schedules ────────────────────────────────────────────────────────────────────────────────

/** The municipality's review schedules the viewer may read (disabled ones last). */
export async function listReviewSchedules(viewer: Viewer, municipalityId: string): Promise<ReviewScheduleView[]> {
  const rows = await db.accessReviewSchedule.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("AccessReviewSchedule"), { municipalityId }] },
    orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { nextRunAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => {
    const p = project(viewer.ability, "read", "AccessReviewSchedule", r, SCHEDULE_FIELDS);
    return {
      ...campaignTerms(r),
      everyMonths: r.everyMonths,
      dueDays: r.dueDays,
      nextRunAt: r.nextRunAt,
      lastRunAt: p.lastRunAt ?? null,
      disabledAt: r.disabledAt,
      createdAt: r.createdAt,
      canManage: viewer.ability.can("update", subjectOf("AccessReviewSchedule", { ...r })),
    };
  });
}

// ─── Reviewers ────────────────────────────────────────────────────────────────────────────────

export const REVIEWER_GROUPS = ["municipality_admin", "manager"] as const;

/**
 * Who may be given people to review in this municipality (for reassigning): active accounts with
 * an ACTIVE membership there holding municipality_admin or manager. Empty unless the viewer may
 * manage the municipality's campaigns.
 */
export async function reviewerChoices(viewer: Viewer, municipalityId: string): Promise<ReviewerChoice[]> {
  if (!viewer.ability.can("update", subjectOf("AccessReview", { municipalityId }))) return [];
  const rows = await db.membership.findMany({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("Membership"),
        {
          municipalityId,
          status: "ACTIVE",
          groups: { hasSome: [...REVIEWER_GROUPS] },
          user: { isActive: true, isServiceAccount: false },
        },
      ],
    },
    select: { groups: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows
    .map((m) => {
      const role = m.groups.includes("municipality_admin") ? "municipality_admin" : "manager";
      return {
        ...m.user,
        label: `${m.user.name ?? m.user.email} (${reviewGroup(role).label})`,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

// ─── The report's rows ────────────────────────────────────────────────────────────────────────

/** One line of a campaign's report (lib/governance/review-report.ts). */
export type ReviewReportRow = {
  person: string;
  email: string;
  groups: string[];
  reviewer: string;
  decision: ReviewDecision | null;
  keptGroups: string[];
  note: string | null;
  decidedAt: Date | null;
  outcome: ReviewOutcome | null;
  appliedAt: Date | null;
};

export type ReviewReportFacts = {
  id: string;
  name: string;
  municipality: string;
  scope: ReviewScope;
  group: string | null;
  dueAt: Date;
  undecidedRule: ReviewUndecidedRule;
  status: ReviewStatus;
  createdAt: Date;
  closedAt: Date | null;
  startedBy: string;
  reportDigest: string | null;
  reportSignature: string | null;
};

/**
 * Every item of a campaign as report rows, in a stable order (person as named at the start, then
 * the item's id), read with `reader` (the closing transaction) and without any viewer: the
 * closing job signs the whole campaign as the system. Callers that act for a viewer check first
 * that the viewer may read the whole campaign (lib/governance/review-report.ts).
 */
export async function unsafeReviewReportRows(
  reviewId: string,
  reader: DataTx | typeof db = db,
): Promise<{ facts: ReviewReportFacts; rows: ReviewReportRow[] }> {
  const review = await reader.accessReview.findUniqueOrThrow({
    where: { id: reviewId },
    include: { municipality: { select: { name: true } }, schedule: { select: { name: true } } },
  });
  const items = await reader.accessReviewItem.findMany({ where: { reviewId }, orderBy: { id: "asc" } });
  const people = await peopleById([review.createdById, ...items.map((i) => i.reviewerId)], reader);
  const label = (id: string) => {
    const p = people.get(id);
    return p ? (p.name ? `${p.name} <${p.email}>` : p.email) : "(unknown person)";
  };
  const rows = items.map((i) => {
    const snap = snapshotOf(i.snapshot);
    return {
      person: snap.person?.name ?? "",
      email: snap.person?.email ?? "",
      groups: i.groups.map((g) => reviewGroup(g).label),
      reviewer: label(i.reviewerId),
      decision: i.decision,
      keptGroups: i.keptGroups.map((g) => reviewGroup(g).label),
      note: i.note,
      decidedAt: i.decidedAt,
      outcome: i.outcome,
      appliedAt: i.appliedAt,
      id: i.id,
    };
  });
  rows.sort((a, b) => (a.person || a.email).localeCompare(b.person || b.email) || a.id.localeCompare(b.id));
  return {
    facts: {
      id: review.id,
      name: review.name,
      municipality: review.municipality.name,
      scope: review.scope,
      group: review.group,
      dueAt: review.dueAt,
      undecidedRule: review.undecidedRule,
      status: review.status,
      createdAt: review.createdAt,
      closedAt: review.closedAt,
      startedBy: review.createdById
        ? label(review.createdById)
        : `the schedule “${review.schedule?.name ?? "(schedule)"}”`,
      reportDigest: review.reportDigest,
      reportSignature: review.reportSignature,
    },
    rows: rows.map(({ id: _id, ...r }) => r),
  };
}

/** Whether the viewer may read every item of the campaign (the report is the whole campaign's). */
export async function mayReadWholeReview(viewer: Viewer, reviewId: string): Promise<boolean> {
  const review = await db.accessReview.findFirst({
    where: { AND: [readableReviews(viewer), { id: reviewId.slice(0, 64) }] },
    select: { id: true, municipalityId: true },
  });
  if (!review) throw new NotFoundError();
  if (!mayManageReview(viewer, review)) return false;
  const [all, readable] = await Promise.all([
    db.accessReviewItem.count({ where: { reviewId: review.id } }),
    db.accessReviewItem.count({ where: { AND: [readableItems(viewer), { reviewId: review.id }] } }),
  ]);
  return all === readable;
}
