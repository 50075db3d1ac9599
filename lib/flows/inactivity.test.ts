// The inactive-accounts job on the real database, with a controlled clock: `now` is passed in and
// people are made as if they joined and last signed in that many days before it. Each test runs
// the job on its own municipalities only (the job's `municipalityIds`), since test files share one
// database and run in parallel.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser, setLastSignIn, type FreshPerson } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { KEPT_LAST_ADMIN, suspendInactiveMemberships } from "./inactivity";
import { reactivateMembership, reactivateUser } from "./deactivation";
import { inactivityDaysSchema } from "@/lib/schemas/inactivity";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

const DAY = 86_400_000;
const now = new Date();
const daysBefore = (days: number, from = now) => new Date(from.getTime() - days * DAY);
/** Joined a year before `now` (so the membership's own dates do not start the clock), last signed in `days` ago. */
async function personAt(municipalityId: string, groups: string[], days: number | null, opts = {}) {
  const p = await freshPerson(municipalityId, groups, { since: daysBefore(365), ...opts });
  await setLastSignIn(p.id, days === null ? null : daysBefore(days));
  return p;
}
const mid = (p: FreshPerson) => p.memberships[0]!.id;
const statusOf = async (p: FreshPerson) =>
  (await raw.membership.findUniqueOrThrow({ where: { id: mid(p) }, select: { status: true } })).status;
const mailsIn = (municipalityId: string) =>
  raw.outboxMessage.findMany({
    where: { municipalityId },
    select: { to: true, template: true, subject: true, text: true },
    orderBy: { createdAt: "asc" },
  });
const eventsIn = (municipalityId: string) =>
  raw.auditEvent.findMany({
    where: { municipalityId, action: { in: ["membership.suspend", KEPT_LAST_ADMIN] } },
    select: { action: true, actorType: true, actorId: true, targetId: true, subjectUserId: true, data: true },
    orderBy: { seq: "asc" },
  });

describe("inactive accounts", () => {
  it("suspends a person last seen 91 days ago, leaves one at 89 days alone, mails them and the admins, audits it; a second run does nothing", async () => {
    const muni = await freshMunicipality(); // the default: 90 days
    const admin = await personAt(muni.id, ["municipality_admin"], 1);
    const stale = await personAt(muni.id, ["operator"], 91);
    const recent = await personAt(muni.id, ["viewer"], 89);
    const versionBefore = (await raw.user.findUniqueOrThrow({ where: { id: stale.id } })).accessVersion;

    const first = await suspendInactiveMemberships({ now, municipalityIds: [muni.id] });
    expect(first).toEqual({ suspended: [mid(stale)], keptLastAdmin: [] });

    const m = await raw.membership.findUniqueOrThrow({ where: { id: mid(stale) } });
    expect(m).toMatchObject({ status: "SUSPENDED", suspendedAt: now, suspendedById: null });
    expect(m.suspensionReason).toMatch(/Not signed in for 90 days or more/);
    expect((await raw.user.findUniqueOrThrow({ where: { id: stale.id } })).accessVersion).toBe(versionBefore + 1);
    expect(await statusOf(recent)).toBe("ACTIVE");
    expect(await statusOf(admin)).toBe("ACTIVE");

    expect(await eventsIn(muni.id)).toEqual([
      {
        action: "membership.suspend",
        actorType: "system",
        actorId: null,
        targetId: mid(stale),
        subjectUserId: stale.id,
        data: expect.objectContaining({ reason: "inactive", from: "ACTIVE", days: 90 }),
      },
    ]);
    const mails = await mailsIn(muni.id);
    expect(mails.map((x) => [x.to, x.template])).toEqual(
      expect.arrayContaining([
        [stale.email, "inactive-suspended"],
        [admin.email, "inactive-suspended-admin"],
      ]),
    );
    expect(mails).toHaveLength(2);
    expect(mails.find((x) => x.to === stale.email)!.text).toMatch(/not signed in to Gatehouse for 90 days/);
    expect(mails.find((x) => x.to === admin.email)!.text).toContain(stale.email);
    expect(mails.some((x) => x.to === recent.email)).toBe(false);

    // Idempotent: nothing more to do, nothing written.
    expect(await suspendInactiveMemberships({ now, municipalityIds: [muni.id] })).toEqual({
      suspended: [],
      keptLastAdmin: [],
    });
    expect(await mailsIn(muni.id)).toHaveLength(2);
    expect(await eventsIn(muni.id)).toHaveLength(1);
    expect((await raw.user.findUniqueOrThrow({ where: { id: stale.id } })).accessVersion).toBe(versionBefore + 1);
  });

  it("follows each municipality's own limit, and does nothing where it is off", async () => {
    const strict = await freshMunicipality({ inactivityDays: 30 });
    const usual = await freshMunicipality();
    const off = await freshMunicipality({ inactivityDays: null });
    const inStrict = await personAt(strict.id, ["viewer"], 45);
    const inUsual = await personAt(usual.id, ["viewer"], 45);
    const inOff = await personAt(off.id, ["viewer"], 400);
    const r = await suspendInactiveMemberships({ now, municipalityIds: [strict.id, usual.id, off.id] });
    expect(r.suspended).toEqual([mid(inStrict)]);
    expect(await statusOf(inStrict)).toBe("SUSPENDED");
    expect(await statusOf(inUsual)).toBe("ACTIVE");
    expect(await statusOf(inOff)).toBe("ACTIVE");
    expect((await mailsIn(strict.id)).find((x) => x.to === inStrict.email)!.text).toMatch(/for 30 days/);
  });

  it("takes a stored limit outside 30–365 days (only a database edit can store one) as the nearest bound", async () => {
    const tooShort = await freshMunicipality({ inactivityDays: 5 });
    const tooLong = await freshMunicipality({ inactivityDays: 100_000 });
    const ten = await personAt(tooShort.id, ["viewer"], 10);
    const month = await personAt(tooShort.id, ["viewer"], 31);
    const yearAndDay = await personAt(tooLong.id, ["viewer"], 366);
    const r = await suspendInactiveMemberships({ now, municipalityIds: [tooShort.id, tooLong.id] });
    expect(r.suspended.sort()).toEqual([mid(month), mid(yearAndDay)].sort());
    expect(await statusOf(ten)).toBe("ACTIVE");
    expect(inactivityDaysSchema.safeParse(29).success).toBe(false);
    expect(inactivityDaysSchema.safeParse(366).success).toBe(false);
    expect(inactivityDaysSchema.safeParse(null).success).toBe(true);
    expect(inactivityDaysSchema.safeParse(90).success).toBe(true);
  });

  it("counts people who never signed in from when their membership became active", async () => {
    const muni = await freshMunicipality();
    const longAgo = await freshPerson(muni.id, ["viewer"], { since: daysBefore(91) });
    const lately = await freshPerson(muni.id, ["viewer"], { since: daysBefore(89) });
    // Invited a year ago, never accepted: not an account in use.
    const invited = await freshPerson(muni.id, ["viewer"], { since: daysBefore(365), status: "INVITED" });
    // Joined a year ago, approved only 10 days ago: the clock starts at the approval.
    const approvedLately = await freshPerson(muni.id, ["viewer"], { since: daysBefore(365) });
    await raw.membership.update({ where: { id: mid(approvedLately) }, data: { approvedAt: daysBefore(10) } });
    const r = await suspendInactiveMemberships({ now, municipalityIds: [muni.id] });
    expect(r.suspended).toEqual([mid(longAgo)]);
    expect(await statusOf(lately)).toBe("ACTIVE");
    expect(await statusOf(invited)).toBe("INVITED");
    expect(await statusOf(approvedLately)).toBe("ACTIVE");
    const event = (await eventsIn(muni.id))[0]!;
    expect(event.data).toMatchObject({ lastSignIn: null, reason: "inactive" });
  });

  it("skips service accounts and deactivated people", async () => {
    const muni = await freshMunicipality();
    const service = await personAt(muni.id, ["viewer"], null, { isServiceAccount: true });
    const gone = await personAt(muni.id, ["viewer"], 400, { isActive: false });
    expect(await suspendInactiveMemberships({ now, municipalityIds: [muni.id] })).toEqual({
      suspended: [],
      keptLastAdmin: [],
    });
    expect(await statusOf(service)).toBe("ACTIVE");
    expect(await statusOf(gone)).toBe("ACTIVE");
    expect(await mailsIn(muni.id)).toEqual([]);
  });

  it("a membership an admin reactivates is not suspended again for the same old sign-in", async () => {
    const muni = await freshMunicipality();
    const admin = await personAt(muni.id, ["municipality_admin"], 1);
    const p = await personAt(muni.id, ["operator"], 120);
    expect((await suspendInactiveMemberships({ now, municipalityIds: [muni.id] })).suspended).toEqual([mid(p)]);
    await reactivateMembership(await viewerOf(admin.email), mid(p));
    const later = new Date();
    expect((await suspendInactiveMemberships({ now: later, municipalityIds: [muni.id] })).suspended).toEqual([]);
    expect(await statusOf(p)).toBe("ACTIVE");
    // Still no sign-in 91 days after the reactivation: suspended again.
    const r = await suspendInactiveMemberships({
      now: new Date(later.getTime() + 91 * DAY),
      municipalityIds: [muni.id],
    });
    expect(r.suspended).toEqual([mid(p)]);

    // An account reactivated after a deactivation starts its clock again too.
    const back = await personAt(muni.id, ["operator"], 200, { isActive: false });
    await reactivateUser(await viewerOf(admin.email), back.id);
    expect((await suspendInactiveMemberships({ now: new Date(), municipalityIds: [muni.id] })).suspended).toEqual([]);
    expect(await statusOf(back)).toBe("ACTIVE");
  });

  it("never suspends the last active admin: keeps them, audits it and tells them and the platform, once", async () => {
    const muni = await freshMunicipality();
    const platform = await freshUser({ platformGroups: ["platform_admin"] });
    const admin = await personAt(muni.id, ["municipality_admin"], 120);
    const operator = await personAt(muni.id, ["operator"], 120);
    const r = await suspendInactiveMemberships({ now, municipalityIds: [muni.id] });
    expect(r).toEqual({ suspended: [mid(operator)], keptLastAdmin: [mid(admin)] });
    expect(await statusOf(admin)).toBe("ACTIVE");
    expect(await statusOf(operator)).toBe("SUSPENDED");
    const kept = (await eventsIn(muni.id)).filter((e) => e.action === KEPT_LAST_ADMIN);
    expect(kept).toEqual([
      expect.objectContaining({
        actorType: "system",
        targetId: mid(admin),
        data: expect.objectContaining({ reason: "last_admin" }),
      }),
    ]);
    const mails = await mailsIn(muni.id);
    expect(
      mails
        .filter((x) => x.to === admin.email)
        .map((x) => x.template)
        .sort(),
    ).toEqual(["inactive-last-admin", "inactive-suspended-admin"]);
    expect(mails.filter((x) => x.to === platform.email).map((x) => x.template)).toEqual([
      "inactive-last-admin-platform",
    ]);
    expect(mails.find((x) => x.to === platform.email)!.text).toContain(admin.email);

    // The next hour: nothing new — no second warning for the same stretch of inactivity.
    expect(await suspendInactiveMemberships({ now, municipalityIds: [muni.id] })).toEqual({
      suspended: [],
      keptLastAdmin: [],
    });
    expect(await mailsIn(muni.id)).toHaveLength(mails.length);
  });

  it("of two inactive admins with nobody else, suspends one and keeps the other", async () => {
    const muni = await freshMunicipality();
    const a = await personAt(muni.id, ["municipality_admin"], 100);
    const b = await personAt(muni.id, ["municipality_admin"], 100);
    const r = await suspendInactiveMemberships({ now, municipalityIds: [muni.id] });
    expect(r.suspended).toHaveLength(1);
    expect(r.keptLastAdmin).toHaveLength(1);
    expect([...r.suspended, ...r.keptLastAdmin].sort()).toEqual([mid(a), mid(b)].sort());
    const active = await raw.membership.count({
      where: { municipalityId: muni.id, status: "ACTIVE", groups: { has: "municipality_admin" } },
    });
    expect(active).toBe(1);
  });

  it("two runs at once (two app servers) suspend, mail and audit each person exactly once", async () => {
    const muni = await freshMunicipality();
    const admin = await personAt(muni.id, ["municipality_admin"], 2);
    const people = await Promise.all(Array.from({ length: 6 }, () => personAt(muni.id, ["viewer"], 95)));
    const [x, y] = await Promise.all([
      suspendInactiveMemberships({ now, municipalityIds: [muni.id] }),
      suspendInactiveMemberships({ now, municipalityIds: [muni.id] }),
    ]);
    const all = [...x.suspended, ...y.suspended].sort();
    expect(all).toEqual(people.map(mid).sort());
    const mails = await mailsIn(muni.id);
    for (const p of people) expect(mails.filter((m) => m.to === p.email)).toHaveLength(1);
    const events = await eventsIn(muni.id);
    expect(events).toHaveLength(people.length);
    expect(new Set(events.map((e) => e.targetId)).size).toBe(people.length);
    // The admins' summary names every suspended person exactly once across the runs' mails.
    const summaries = mails
      .filter((m) => m.to === admin.email)
      .map((m) => m.text)
      .join("\n");
    for (const p of people) expect(summaries.split(`<${p.email}>`).length - 1).toBe(1);
  });
});
