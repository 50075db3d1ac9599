import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality, type FreshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, setLastSignIn, type FreshPerson } from "@/test/fixtures/people";
import { viewerOf, type Viewer } from "@/test/fixtures/viewers";
import {
  closeDueReviews,
  closeReview,
  decideReviewItem,
  disableReviewSchedule,
  reassignIneligibleReviewers,
  reassignReviewItem,
  remindReviewers,
  runReviewSchedules,
  saveReviewSchedule,
  startReview,
  addMonths,
} from "./access-reviews";
import { changeMembershipAccess } from "./group-change";
import { deactivateUser } from "./deactivation";
import { eraseUser, erasedEmail } from "./erasure";
import {
  listReviews,
  listReviewItems,
  listReviewSchedules,
  myReviewItems,
  reviewerChoices,
  reviewFor,
  reviewItemFor,
} from "@/lib/data/access-reviews";
import { reportDigest, reviewReport, verifyReport } from "@/lib/governance/review-report";
import { runReviewJobs } from "@/test/fixtures/review-jobs";
import { freshService } from "@/test/fixtures/services";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();
const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

type Town = {
  town: FreshMunicipality;
  works: string;
  admin: FreshPerson;
  admin2: FreshPerson;
  manager: FreshPerson;
  operator: FreshPerson;
  viewer: FreshPerson;
  monitor: FreshPerson;
  suspended: FreshPerson;
  as: (p: FreshPerson) => Promise<Viewer>;
};

/** A town with two admins, a manager and an operator in Works, a viewer, a deprecated-group holder and a suspended person. */
async function townWithPeople(): Promise<Town> {
  const town = await freshMunicipality();
  const works = town.departments.find((d) => d.slug === "works")!.id;
  const [admin, admin2, manager, operator, viewer, monitor, suspended] = await Promise.all([
    freshPerson(town.id, ["municipality_admin"], { name: "Ada Admin" }),
    freshPerson(town.id, ["municipality_admin"], { name: "Abe Admin" }),
    freshPerson(town.id, ["manager"], { name: "Mia Manager", departmentId: works }),
    freshPerson(town.id, ["operator", "viewer"], { name: "Olga Operator", departmentId: works }),
    freshPerson(town.id, ["viewer"], { name: '=HYPERLINK("x") Viewer' }),
    freshPerson(town.id, ["performance_monitors"], { name: "Pat Monitor" }),
    freshPerson(town.id, ["operator"], { name: "Sue Suspended", status: "SUSPENDED" }),
  ]);
  return {
    town,
    works,
    admin,
    admin2,
    manager,
    operator,
    viewer,
    monitor,
    suspended,
    as: (p) => viewerOf(p.email),
  };
}

const itemsOf = (reviewId: string) => raw.accessReviewItem.findMany({ where: { reviewId } });
const itemFor = async (reviewId: string, p: FreshPerson) =>
  raw.accessReviewItem.findUniqueOrThrow({
    where: { reviewId_membershipId: { reviewId, membershipId: p.memberships[0]!.id } },
  });
const groupsOf = async (p: FreshPerson) =>
  (await raw.membership.findUniqueOrThrow({ where: { id: p.memberships[0]!.id } })).groups;

const start = (t: Town, input: Partial<Parameters<typeof startReview>[2]> = {}, by = t.admin) =>
  t.as(by).then((v) =>
    startReview(v, t.town.id, {
      name: "Quarterly privileged review",
      scope: "PRIVILEGED",
      dueAt: ymd(new Date(Date.now() + 14 * DAY)),
      undecidedRule: "KEEP",
      ...input,
    }),
  );

describe("access reviews: who is in a campaign and who reviews them", () => {
  it("privileged scope: the admins and the deprecated group's holder, each with the groups under review", async () => {
    const t = await townWithPeople();
    const r = await start(t);
    const items = await itemsOf(r.id);
    expect(r.items).toBe(3);
    const byUser = new Map(items.map((i) => [i.userId, i]));
    expect(byUser.get(t.admin.id)!.groups).toEqual(["municipality_admin"]);
    expect(byUser.get(t.admin2.id)!.groups).toEqual(["municipality_admin"]);
    expect(byUser.get(t.monitor.id)!.groups).toEqual(["performance_monitors"]);
    // Never their own reviewer: each admin reviews the other.
    expect(byUser.get(t.admin.id)!.reviewerId).toBe(t.admin2.id);
    expect(byUser.get(t.admin2.id)!.reviewerId).toBe(t.admin.id);
    for (const i of items) expect(i.reviewerId).not.toBe(i.userId);
    const started = await raw.auditEvent.findFirstOrThrow({ where: { action: "access.review.start", targetId: r.id } });
    expect(started).toMatchObject({ actorId: t.admin.id, municipalityId: t.town.id });
    expect(started.data).toMatchObject({ items: 3, scope: "PRIVILEGED" });
  });

  it("all scope: every active membership (not the suspended one); the department's manager reviews its staff, admins the rest", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL", name: "Yearly review" });
    const items = await itemsOf(r.id);
    expect(items.map((i) => i.userId).sort()).toEqual(
      [t.admin, t.admin2, t.manager, t.operator, t.viewer, t.monitor].map((p) => p.id).sort(),
    );
    const op = await itemFor(r.id, t.operator);
    expect(op.groups).toEqual(["operator", "viewer"]);
    expect(op.reviewerId).toBe(t.manager.id);
    // The manager is the only manager of Works: an admin reviews them, never themself.
    expect([t.admin.id, t.admin2.id]).toContain((await itemFor(r.id, t.manager)).reviewerId);
    expect([t.admin.id, t.admin2.id]).toContain((await itemFor(r.id, t.viewer)).reviewerId);
  });

  it("group scope: that group's holders plus deprecated holders; an unknown group or nobody in scope is refused by field", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "GROUP", group: "operator", name: "Operators" });
    expect((await itemsOf(r.id)).map((i) => i.userId).sort()).toEqual([t.operator.id, t.monitor.id].sort());
    expect((await itemFor(r.id, t.operator)).groups).toEqual(["operator"]);

    await expect(start(t, { scope: "GROUP", group: "no_such_group" })).rejects.toMatchObject({
      fieldErrors: { group: [expect.any(String)] },
    });
    await expect(start(t, { scope: "GROUP" })).rejects.toBeInstanceOf(ValidationError);
    const empty = await freshMunicipality();
    const lone = await freshPerson(empty.id, ["municipality_admin"]);
    await freshPerson(empty.id, ["viewer"]);
    const err = await startReview(await viewerOf(lone.email), empty.id, {
      name: "Editors",
      scope: "GROUP",
      group: "document_editor",
      dueAt: ymd(new Date(Date.now() + 7 * DAY)),
      undecidedRule: "KEEP",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toMatch(/nobody to review/);
    expect((err as ValidationError).fieldErrors.group).toBeDefined();
    await expect(start(t, { dueAt: "2020-01-01" })).rejects.toMatchObject({
      fieldErrors: { dueAt: [expect.any(String)] },
    });
    await expect(start(t, { dueAt: "2026-02-30" })).rejects.toMatchObject({
      fieldErrors: { dueAt: [expect.any(String)] },
    });
  });

  it("only admins start campaigns, and only in their municipality", async () => {
    const t = await townWithPeople();
    await expect(start(t, {}, t.operator)).rejects.toBeInstanceOf(NotFoundError);
    await expect(start(t, {}, t.manager)).rejects.toBeInstanceOf(ForbiddenError);
    const other = await townWithPeople();
    await expect(
      startReview(await other.as(other.admin), t.town.id, {
        name: "Not mine",
        scope: "ALL",
        dueAt: ymd(new Date(Date.now() + 7 * DAY)),
        undecidedRule: "KEEP",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the snapshot shows groups with labels, services, last sign-in and what changed since the membership began", async () => {
    const t = await townWithPeople();
    await setLastSignIn(t.operator.id, new Date("2026-11-30T08:00:00Z"));
    await changeMembershipAccess(await t.as(t.admin), t.operator.memberships[0]!.id, {
      groups: ["operator", "viewer", "performance_monitors"].filter((g) => g !== "performance_monitors"),
      departmentId: t.works,
      allowedCategories: ["ROADS"],
    });
    // A name of its own: platform-wide services other tests create are in every snapshot too.
    const permitsName = `Building permits ${uniq()}`;
    const svc = await freshService({ municipalityId: t.town.id, name: permitsName, accessStates: ["ACTIVE"] });
    await raw.serviceGrant.create({
      data: {
        serviceId: svc.id,
        municipalityId: t.town.id,
        userId: t.operator.id,
        reason: "Covers the permits desk",
        grantedById: t.admin.id,
      },
    });
    const r = await start(t, { scope: "ALL" });
    const item = await reviewItemFor(await t.as(t.manager), (await itemFor(r.id, t.operator)).id);
    expect(item.snapshot.directGrants).toEqual([
      expect.objectContaining({
        service: permitsName,
        reason: "Covers the permits desk",
        grantedBy: "Ada Admin",
      }),
    ]);
    const permits = item.snapshot.services.find((x) => x.name === permitsName)!;
    expect(permits.sources.join("\n")).toMatch(/Granted directly by Ada Admin/);
    expect(permits.sources.length).toBeGreaterThanOrEqual(2);
    expect(item.snapshot.groups.map((g) => g.label)).toEqual(["Operator", "Viewer"]);
    expect(item.snapshot.lastSignInAt).toBe("2026-11-30T08:00:00.000Z");
    expect(item.snapshot.person.email).toBe(t.operator.email);
    expect(item.snapshot.department).toBe("Works");
    expect(item.snapshot.changes.map((c) => c.words).join("\n")).toMatch(/Groups or access changed/);
    expect(item.canDecide).toBe(true);
    const monitor = await reviewItemFor(await t.as(t.admin), (await itemFor(r.id, t.monitor)).id);
    expect(monitor.groups[0]).toMatchObject({ name: "performance_monitors", deprecated: expect.any(String) });
  });
});

describe("access reviews: decisions", () => {
  it("revoke removes the reviewed groups at once, through the group change (audited with the campaign)", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL" });
    const item = await itemFor(r.id, t.operator);
    const before = await raw.user.findUniqueOrThrow({ where: { id: t.operator.id } });
    expect(await decideReviewItem(await t.as(t.manager), item.id, { decision: "REVOKE", note: "Left Works" })).toEqual({
      outcome: "REVOKED",
    });
    expect(await groupsOf(t.operator)).toEqual([]);
    const after = await raw.user.findUniqueOrThrow({ where: { id: t.operator.id } });
    expect(after.accessVersion).toBeGreaterThan(before.accessVersion);
    const change = await raw.auditEvent.findFirstOrThrow({
      where: { action: "membership.access_change", targetId: t.operator.memberships[0]!.id, actorId: t.manager.id },
    });
    expect(change.data).toMatchObject({ removed: ["operator", "viewer"], review: { id: r.id } });
    const decided = await raw.auditEvent.findFirstOrThrow({
      where: { action: "access.review.decide", targetId: item.id },
    });
    expect(decided).toMatchObject({ actorId: t.manager.id, subjectUserId: t.operator.id });
    expect(decided.data).toMatchObject({ decision: "REVOKE", outcome: "REVOKED", note: "Left Works" });
    const row = await raw.accessReviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row).toMatchObject({
      decision: "REVOKE",
      outcome: "REVOKED",
      decidedById: t.manager.id,
      note: "Left Works",
    });
    expect(row.appliedAt).not.toBeNull();
    // Final: a second decision is refused.
    await expect(decideReviewItem(await t.as(t.manager), item.id, { decision: "CONFIRM" })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("change keeps a strict subset of the reviewed groups and never adds; confirm changes nothing", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL" });
    const item = await itemFor(r.id, t.operator);
    const mgr = await t.as(t.manager);
    await expect(
      decideReviewItem(mgr, item.id, { decision: "CHANGE", keptGroups: ["operator", "document_editor"] }),
    ).rejects.toMatchObject({ fieldErrors: { keptGroups: [expect.stringMatching(/document_editor/)] } });
    await expect(
      decideReviewItem(mgr, item.id, { decision: "CHANGE", keptGroups: ["operator", "viewer"] }),
    ).rejects.toMatchObject({ fieldErrors: { keptGroups: [expect.any(String)] } });
    await expect(decideReviewItem(mgr, item.id, { decision: "MAYBE" as never })).rejects.toMatchObject({
      fieldErrors: { decision: [expect.any(String)] },
    });
    expect(await groupsOf(t.operator)).toEqual(["operator", "viewer"]);
    expect(await decideReviewItem(mgr, item.id, { decision: "CHANGE", keptGroups: ["viewer"] })).toEqual({
      outcome: "CHANGED",
    });
    expect(await groupsOf(t.operator)).toEqual(["viewer"]);
    expect((await raw.accessReviewItem.findUniqueOrThrow({ where: { id: item.id } })).keptGroups).toEqual(["viewer"]);

    const viewerItem = await itemFor(r.id, t.viewer);
    const its = await t.as(viewerItem.reviewerId === t.admin.id ? t.admin : t.admin2);
    expect(await decideReviewItem(its, viewerItem.id, { decision: "CONFIRM" })).toEqual({ outcome: "CONFIRMED" });
    expect(await groupsOf(t.viewer)).toEqual(["viewer"]);
  });

  it("only the assigned reviewer decides, never on their own access; outside the town it does not exist", async () => {
    const t = await townWithPeople();
    const r = await start(t);
    const own = await itemFor(r.id, t.admin);
    // Ada's item is Abe's to review: Ada can read it but not decide it.
    await expect(decideReviewItem(await t.as(t.admin), own.id, { decision: "CONFIRM" })).rejects.toThrow(
      /your own access/,
    );
    const abes = await itemFor(r.id, t.admin2);
    await expect(decideReviewItem(await t.as(t.admin2), abes.id, { decision: "CONFIRM" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    // A manager cannot read items that are not theirs at all.
    await expect(decideReviewItem(await t.as(t.manager), abes.id, { decision: "REVOKE" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const other = await townWithPeople();
    await expect(decideReviewItem(await other.as(other.admin), abes.id, { decision: "REVOKE" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await groupsOf(t.admin2)).toEqual(["municipality_admin"]);
  });

  it("a membership no longer active is moot: nothing changes", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL" });
    const item = await itemFor(r.id, t.operator);
    await raw.membership.update({ where: { id: t.operator.memberships[0]!.id }, data: { status: "SUSPENDED" } });
    expect(await decideReviewItem(await t.as(t.manager), item.id, { decision: "REVOKE" })).toEqual({ outcome: "MOOT" });
    expect(await groupsOf(t.operator)).toEqual(["operator", "viewer"]);
  });

  it("the last active admin's group cannot be revoked by a review: refused, nothing recorded", async () => {
    const town = await freshMunicipality();
    const admin = await freshPerson(town.id, ["municipality_admin"]);
    const platform = await freshPerson(town.id, ["viewer"], { platformGroups: ["platform_admin"] });
    const r = await startReview(await viewerOf(platform.email), town.id, {
      name: "Admins",
      scope: "PRIVILEGED",
      dueAt: ymd(new Date(Date.now() + 7 * DAY)),
      undecidedRule: "KEEP",
    });
    const item = (await itemsOf(r.id))[0]!;
    expect(item.reviewerId).toBe(platform.id);
    await expect(decideReviewItem(await viewerOf(platform.email), item.id, { decision: "REVOKE" })).rejects.toThrow(
      /last active municipality admin/,
    );
    expect((await raw.accessReviewItem.findUniqueOrThrow({ where: { id: item.id } })).outcome).toBeNull();
    expect((await raw.membership.findUniqueOrThrow({ where: { id: admin.memberships[0]!.id } })).groups).toEqual([
      "municipality_admin",
    ]);
  });
});

describe("access reviews: due dates, closing and the report", () => {
  it("KEEP: at the due date undecided items are kept, the campaign closes with a signed report in the audit trail", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL", undecidedRule: "KEEP" });
    const review = await raw.accessReview.findUniqueOrThrow({ where: { id: r.id } });
    await decideReviewItem(await t.as(t.manager), (await itemFor(r.id, t.operator)).id, { decision: "CONFIRM" });
    expect(
      await closeDueReviews({ now: new Date(review.dueAt.getTime() - 1000), municipalityIds: [t.town.id] }),
    ).toEqual({
      closed: [],
    });
    const now = new Date(review.dueAt.getTime() + 1000);
    const [a, b] = await Promise.all([
      closeDueReviews({ now, municipalityIds: [t.town.id] }),
      closeDueReviews({ now, municipalityIds: [t.town.id] }),
    ]);
    expect([...a.closed, ...b.closed]).toEqual([r.id]);
    const closed = await raw.accessReview.findUniqueOrThrow({ where: { id: r.id } });
    expect(closed).toMatchObject({ status: "CLOSED" });
    expect(closed.reportDigest).toMatch(/^[0-9a-f]{64}$/);
    const items = await itemsOf(r.id);
    expect(items.filter((i) => i.outcome === "KEPT_UNDECIDED")).toHaveLength(5);
    expect(items.filter((i) => i.outcome === "CONFIRMED")).toHaveLength(1);
    expect(await groupsOf(t.viewer)).toEqual(["viewer"]);
    const event = await raw.auditEvent.findFirstOrThrow({ where: { action: "access.review.close", targetId: r.id } });
    expect(event).toMatchObject({ actorType: "system" });
    expect(event.data).toMatchObject({ digest: closed.reportDigest, signature: closed.reportSignature, items: 6 });
    expect(await raw.auditEvent.count({ where: { action: "access.review.close", targetId: r.id } })).toBe(1);

    const report = await reviewReport(await t.as(t.admin), r.id);
    expect(report.digest).toBe(closed.reportDigest);
    expect(reportDigest(report.csv)).toBe(report.digest);
    expect(report.signature).toBe(closed.reportSignature);
    expect(report.verified).toBe(true);
    expect(verifyReport(r.id, report.digest, report.signature)).toBe(true);
    // Another first digit, whatever the digest starts with (a fixed "0" was no change 1 time in 16).
    const altered = (report.digest[0] === "0" ? "1" : "0") + report.digest.slice(1);
    expect(verifyReport(r.id, altered, report.signature)).toBe(false);
    const lines = report.csv.trim().split("\r\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe(
      "Person,Email,Groups reviewed,Reviewer,Decision,Groups kept,Note,Decided at (UTC),Outcome,Applied at (UTC)",
    );
    // CSV injection: a name starting with = is prefixed.
    expect(report.csv).toContain(`"'=HYPERLINK(""x"") Viewer"`);
    expect(report.csv).toMatch(/Olga Operator,.*Confirm access/);
    expect(report.csv).toContain("Not decided: access kept");
    expect(report.html).toContain(closed.reportSignature!);
    expect(report.html).toContain("@media print");
    expect(report.html).not.toContain("<script");
    expect(report.html).toContain("=HYPERLINK(&quot;x&quot;) Viewer");
    // Nothing left to decide after the close.
    const late = await itemFor(r.id, t.viewer);
    const its = await t.as(late.reviewerId === t.admin.id ? t.admin : t.admin2);
    await expect(decideReviewItem(its, late.id, { decision: "CONFIRM" })).rejects.toBeInstanceOf(ConflictError);
    // A manager is not shown the whole campaign's report.
    await expect(reviewReport(await t.as(t.manager), r.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("SUSPEND: undecided people are suspended through the suspension write, with a reason naming the campaign", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "GROUP", group: "operator", undecidedRule: "SUSPEND", name: "Operators Q4" });
    const review = await raw.accessReview.findUniqueOrThrow({ where: { id: r.id } });
    expect(
      await closeDueReviews({ now: new Date(review.dueAt.getTime() + DAY), municipalityIds: [t.town.id] }),
    ).toEqual({
      closed: [r.id],
    });
    const m = await raw.membership.findUniqueOrThrow({ where: { id: t.operator.memberships[0]!.id } });
    expect(m.status).toBe("SUSPENDED");
    expect(m.suspensionReason).toContain("Operators Q4");
    expect(m.groups).toEqual(["operator", "viewer"]);
    expect((await itemFor(r.id, t.operator)).outcome).toBe("SUSPENDED_UNDECIDED");
    const ev = await raw.auditEvent.findFirstOrThrow({
      where: { action: "membership.suspend", targetId: t.operator.memberships[0]!.id },
    });
    expect(ev).toMatchObject({ actorType: "system", actorId: null });
    expect(ev.data).toMatchObject({ review: { id: r.id, name: "Operators Q4" } });
    // Again: nothing more happens.
    expect(
      await closeDueReviews({ now: new Date(review.dueAt.getTime() + 2 * DAY), municipalityIds: [t.town.id] }),
    ).toEqual({
      closed: [],
    });
    expect(
      await raw.auditEvent.count({ where: { action: "membership.suspend", targetId: t.operator.memberships[0]!.id } }),
    ).toBe(1);
  });

  it("an admin closes early; the undecided rule applies and the report is signed", async () => {
    const t = await townWithPeople();
    const r = await start(t);
    await expect(closeReview(await t.as(t.manager), r.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await closeReview(await t.as(t.admin), r.id)).toEqual({ closed: true });
    expect(await closeReview(await t.as(t.admin), r.id)).toEqual({ closed: false });
    const ev = await raw.auditEvent.findFirstOrThrow({ where: { action: "access.review.close", targetId: r.id } });
    expect(ev).toMatchObject({ actorId: t.admin.id });
    expect(ev.data).toMatchObject({ early: true });
  });

  it("a second campaign shows only what changed since the first one closed", async () => {
    const t = await townWithPeople();
    const first = await start(t, { scope: "ALL" });
    await closeReview(await t.as(t.admin), first.id);
    await changeMembershipAccess(await t.as(t.admin), t.viewer.memberships[0]!.id, {
      groups: ["viewer", "document_editor"],
      departmentId: null,
      allowedCategories: [],
    });
    const second = await start(t, { scope: "ALL" });
    const item = await itemFor(second.id, t.viewer);
    const snap = item.snapshot as { changes: { words: string }[]; changesSince: string };
    expect(snap.changes.map((c) => c.words)).toEqual([expect.stringMatching(/added Document editor/)]);
    const op = (await itemFor(second.id, t.operator)).snapshot as { changes: unknown[] };
    expect(op.changes).toEqual([]);
  });
});

describe("access reviews: reviewers leaving, reminders and schedules", () => {
  it("a deactivated reviewer's undecided people go to the admins at once; one who lost manager at the next job run", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL" });
    expect((await itemFor(r.id, t.operator)).reviewerId).toBe(t.manager.id);
    await deactivateUser(await t.as(t.admin), t.manager.id, "Left the municipality");
    expect([t.admin.id, t.admin2.id]).toContain((await itemFor(r.id, t.operator)).reviewerId);
    const ev = await raw.auditEvent.findFirstOrThrow({ where: { action: "access.review.reassign", targetId: r.id } });
    expect(ev.data).toMatchObject({ from: t.manager.id, count: 1 });

    const t2 = await townWithPeople();
    const r2 = await start(t2, { scope: "ALL" });
    await changeMembershipAccess(await t2.as(t2.admin), t2.manager.memberships[0]!.id, {
      groups: ["viewer"],
      departmentId: t2.works,
      allowedCategories: [],
    });
    expect((await itemFor(r2.id, t2.operator)).reviewerId).toBe(t2.manager.id);
    expect(
      await raw.$transaction((tx) => reassignIneligibleReviewers(tx as never, { municipalityIds: [t2.town.id] })),
    ).toBe(1);
    expect([t2.admin.id, t2.admin2.id]).toContain((await itemFor(r2.id, t2.operator)).reviewerId);
  });

  it("an admin reassigns an item to another admin or manager, never to the person themself", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL" });
    const item = await itemFor(r.id, t.viewer);
    const admin = await t.as(t.admin);
    await expect(reassignReviewItem(admin, item.id, t.viewer.id)).rejects.toBeInstanceOf(ValidationError);
    await expect(reassignReviewItem(admin, item.id, t.operator.id)).rejects.toMatchObject({
      fieldErrors: { reviewerId: [expect.any(String)] },
    });
    await reassignReviewItem(admin, item.id, t.manager.id);
    expect((await itemFor(r.id, t.viewer)).reviewerId).toBe(t.manager.id);
    expect((await reviewerChoices(admin, t.town.id)).map((c) => c.id).sort()).toEqual(
      [t.admin.id, t.admin2.id, t.manager.id].sort(),
    );
    expect(await reviewerChoices(await t.as(t.manager), t.town.id)).toEqual([]);
  });

  it("reminders: one mail per reviewer, not again the same day, a last reminder shortly before the due date", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL" });
    const review = await raw.accessReview.findUniqueOrThrow({ where: { id: r.id } });
    const now = new Date(review.createdAt.getTime() + 60_000);
    const first = await remindReviewers({ now, municipalityIds: [t.town.id] });
    const reviewers = new Set((await itemsOf(r.id)).map((i) => i.reviewerId));
    expect(first.reminded.sort()).toEqual([...reviewers].sort());
    const mails = () =>
      raw.outboxMessage.findMany({ where: { municipalityId: t.town.id, template: "review-reminder" } });
    expect((await mails()).length).toBe(reviewers.size);
    const managerMail = (await mails()).find((m) => m.to === t.manager.email)!;
    expect(managerMail.text).toContain(`/w/${t.town.slug}/reviews`);
    expect(managerMail.subject).toMatch(/1 person waiting/);
    const [again1, again2] = await Promise.all([
      remindReviewers({ now: new Date(now.getTime() + 3600_000), municipalityIds: [t.town.id] }),
      remindReviewers({ now: new Date(now.getTime() + 25 * 3600_000), municipalityIds: [t.town.id] }),
    ]);
    expect([...again1.reminded, ...again2.reminded]).toEqual([]);
    const lastCall = await remindReviewers({
      now: new Date(review.dueAt.getTime() - 24 * 3600_000),
      municipalityIds: [t.town.id],
    });
    expect(lastCall.reminded.length).toBe(reviewers.size);
    expect((await mails()).filter((m) => m.subject.startsWith("Last reminder"))).toHaveLength(reviewers.size);
    // After the due date nobody is reminded.
    expect(
      (await remindReviewers({ now: new Date(review.dueAt.getTime() + DAY), municipalityIds: [t.town.id] })).reminded,
    ).toEqual([]);
  });

  it("schedules start campaigns as the system when due, once, and move on by their period", async () => {
    const t = await townWithPeople();
    const admin = await t.as(t.admin);
    const { id } = await saveReviewSchedule(admin, t.town.id, {
      name: "Privileged quarterly",
      scope: "PRIVILEGED",
      everyMonths: 3,
      dueDays: 14,
      undecidedRule: "SUSPEND",
      firstRunAt: "2027-01-31",
    });
    await expect(
      saveReviewSchedule(admin, t.town.id, {
        name: "x",
        scope: "ALL",
        everyMonths: 0,
        dueDays: 14,
        undecidedRule: "KEEP",
        firstRunAt: "2027-01-01",
      }),
    ).rejects.toMatchObject({ fieldErrors: { name: [expect.any(String)], everyMonths: [expect.any(String)] } });
    await expect(
      saveReviewSchedule(await t.as(t.manager), t.town.id, {
        name: "Mine",
        scope: "ALL",
        everyMonths: 12,
        dueDays: 14,
        undecidedRule: "KEEP",
        firstRunAt: "2027-01-01",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const before = await runReviewSchedules({ now: new Date("2027-01-30T00:00:00Z"), municipalityIds: [t.town.id] });
    expect(before.started).toEqual([]);
    const now = new Date("2027-01-31T06:00:00Z");
    const [a, b] = await Promise.all([
      runReviewSchedules({ now, municipalityIds: [t.town.id] }),
      runReviewSchedules({ now, municipalityIds: [t.town.id] }),
    ]);
    const started = [...a.started, ...b.started];
    expect(started).toHaveLength(1);
    const review = await raw.accessReview.findUniqueOrThrow({ where: { id: started[0]! } });
    expect(review).toMatchObject({ createdById: null, scheduleId: id, scope: "PRIVILEGED", undecidedRule: "SUSPEND" });
    expect(review.dueAt.toISOString()).toBe("2027-02-14T23:59:59.000Z");
    expect(await raw.accessReviewItem.count({ where: { reviewId: review.id } })).toBe(3);
    const s = await raw.accessReviewSchedule.findUniqueOrThrow({ where: { id } });
    expect(s.nextRunAt.toISOString()).toBe("2027-04-30T00:00:00.000Z");
    expect(s.lastRunAt?.toISOString()).toBe(now.toISOString());
    const schedules = await listReviewSchedules(admin, t.town.id);
    expect(schedules[0]).toMatchObject({ id, scopeLabel: "Holders of privileged groups", canManage: true });
    await disableReviewSchedule(admin, id);
    await disableReviewSchedule(admin, id);
    expect(
      (await runReviewSchedules({ now: new Date("2027-05-01T00:00:00Z"), municipalityIds: [t.town.id] })).started,
    ).toEqual([]);
    expect(addMonths(new Date("2027-01-31T00:00:00Z"), 1).toISOString()).toBe("2027-02-28T00:00:00.000Z");
  });
});

describe("access reviews: reading campaigns and items", () => {
  it("admins see campaigns with progress; a manager sees only the people assigned to them", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL", name: "Yearly 2026" });
    const admin = await t.as(t.admin);
    const manager = await t.as(t.manager);
    await decideReviewItem(manager, (await itemFor(r.id, t.operator)).id, { decision: "CONFIRM" });
    const list = await listReviews(admin, t.town.id, { q: "yearly" });
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({
      id: r.id,
      total: 6,
      decided: 1,
      statusLabel: "Open",
      scopeLabel: "Everyone in the municipality",
    });
    expect(list.rows[0]!.startedBy).toMatchObject({ id: t.admin.id });
    const detail = await reviewFor(admin, r.id);
    expect(detail.progress).toMatchObject({ total: 6, decided: 1, undecided: 5 });
    expect(detail.progress.byReviewer.find((p) => p.reviewer.id === t.manager.id)).toMatchObject({
      total: 1,
      decided: 1,
    });
    expect(detail.canManage).toBe(true);
    const asManager = await reviewFor(manager, r.id);
    expect(asManager.progress.total).toBe(1);
    expect(asManager.canManage).toBe(false);
    expect((await listReviewItems(admin, r.id, { state: "undecided" })).total).toBe(5);
    expect((await listReviewItems(admin, r.id, { q: "olga" })).rows.map((i) => i.person.id)).toEqual([t.operator.id]);
    expect((await listReviewItems(manager, r.id)).rows.map((i) => i.person.id)).toEqual([t.operator.id]);
    const mine = await myReviewItems(await t.as(t.admin2), t.town.id);
    expect(mine.rows.every((i) => i.reviewer.id === t.admin2.id && i.person.id !== t.admin2.id && i.canDecide)).toBe(
      true,
    );
    expect((await myReviewItems(manager, t.town.id)).total).toBe(0);
    expect((await myReviewItems(manager, t.town.id, { state: "decided" })).rows[0]).toMatchObject({
      outcomeLabel: "Confirmed",
      decisionLabel: "Confirm access",
      canDecide: false,
    });
    const other = await townWithPeople();
    await expect(reviewFor(await other.as(other.admin), r.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listReviewItems(await t.as(t.operator), r.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("access reviews: erasure", () => {
  it("an erased person's snapshots keep the decision, not their name or address; the signed report then no longer matches", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "ALL" });
    await closeReview(await t.as(t.admin), r.id);
    await eraseUser(await t.as(t.admin), t.viewer.id, {
      reason: "Asked to be forgotten",
      confirmEmail: t.viewer.email,
    });
    const snap = (await itemFor(r.id, t.viewer)).snapshot as { person: { name: string | null; email: string } };
    expect(snap.person).toEqual({ name: null, email: erasedEmail(t.viewer.id) });
    const report = await reviewReport(await t.as(t.admin), r.id);
    expect(report.csv).not.toContain(t.viewer.email);
    expect(report.csv).not.toContain("HYPERLINK");
    expect(report.verified).toBe(false);
    expect(report.html).toContain("no longer matches");
  });
});

describe("access reviews: the e2e hook for the controlled clock", () => {
  it("runs the job at a chosen time for one municipality (e2e/support/run-review-jobs.main.ts)", async () => {
    const t = await townWithPeople();
    const r = await start(t, { scope: "GROUP", group: "operator", undecidedRule: "SUSPEND" });
    const review = await raw.accessReview.findUniqueOrThrow({ where: { id: r.id } });
    const out = runReviewJobs({ now: new Date(review.dueAt.getTime() + 1000), municipality: t.town.slug });
    expect(out.close).toEqual({ closed: [r.id] });
    expect((await raw.membership.findUniqueOrThrow({ where: { id: t.operator.memberships[0]!.id } })).status).toBe(
      "SUSPENDED",
    );
  }, 120_000);
});
