// The audit log page reads audit data through the AuditEvent permission: the account-level events
// it adds (municipalityId null: sign-ins, deactivations, erasure) are for those who may read this
// municipality's audit log, not for everyone who may see its staff list. Its filters are chosen
// from lists and checked on the server; its sentences name people and records only as far as the
// viewer may see them; the export is exactly what the filters match; one event's page shows the
// event and its place in the chain, and an event outside reach is "not found".
import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { auditReaders, recordSystemEvent } from "@/test/fixtures/audit";
import { testPrisma } from "@/test/fixtures/db";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOf, viewerOfUser } from "@/test/fixtures/viewers";
import { auditCsv } from "@/lib/export/audit-csv";
import { auditPage, getAuditEvent, getPlatformAuditEvent, listAuditEvents, listPlatformAuditEvents } from "./audit-log";
import { sentenceText } from "@/lib/audit/describe";
import { recordsOf } from "./record-store";
import { recordAudit } from "@/lib/audit/record";

const text = (r: { sentence: Parameters<typeof sentenceText>[0] }) => sentenceText(r.sentence);

describe("the audit log", () => {
  it("is for viewers who may read the municipality's audit events, account-level events included; never another municipality's", async () => {
    const { town, other, admin, manager, otherAdmin } = await auditReaders();
    // Admin elsewhere, manager here: may read audit events, but not this municipality's.
    const dualRow = await freshPerson(other.id, ["municipality_admin"]);
    await addMembership(dualRow.id, town.id, ["manager"]);
    const dual = await viewerOf(dualRow.email);
    const person = await freshPerson(town.id, ["operator"]);
    const record = (action: string, municipalityId: string | null) =>
      recordSystemEvent({ action, municipalityId, subjectUserId: person.id, data: { reason: "on record" } });
    await record("test.log.town", town.id);
    await record("test.log.account", null);
    await record("test.log.other", other.id);

    const actions = async (viewer: typeof admin, municipalityId: string) =>
      (await listAuditEvents(viewer, municipalityId, { person: person.id })).rows.map((r) => r.action).sort();
    expect(await actions(admin, town.id)).toEqual(["test.log.account", "test.log.town"]);
    // The manager may read the staff (Membership), not the audit log (AuditEvent).
    await expect(listAuditEvents(manager, town.id, { person: person.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAuditEvents(dual, town.id, { person: person.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAuditEvents(otherAdmin, town.id, {})).rejects.toBeInstanceOf(NotFoundError);
    // Their own log shows their own municipality's event; the town's person is not on their list.
    await expect(listAuditEvents(otherAdmin, other.id, { person: person.id })).rejects.toBeInstanceOf(ValidationError);
    const theirs = await listAuditEvents(otherAdmin, other.id, {});
    expect(theirs.rows.map((r) => r.action)).toContain("test.log.other");
    expect(theirs.rows.map((r) => r.action)).not.toContain("test.log.account");
  });

  it("names people and records as the viewer may see them, with links, in the municipality's time zone", async () => {
    const { town, admin } = await auditReaders();
    await testPrisma().municipality.update({ where: { id: town.id }, data: { timeZone: "Europe/Amsterdam" } });
    const olga = await freshPerson(town.id, ["operator"], { name: "Olga Operator" });
    const outsider = await freshUser({ name: "Pat Platform", platformGroups: ["platform_admin"] });
    const requests = recordsOf("ServiceRequest");
    const pothole = { title: "Pothole on Main St", description: "A deep one.", area: "Centre", category: "ROADS" };
    const r = await requests.create(admin, { ...pothole, municipalityId: town.id });
    await requests.update(admin, r.id, { status: "IN_PROGRESS" });
    await testPrisma().$transaction((tx) =>
      recordAudit(tx, {
        action: "membership.approve",
        actorType: "user",
        municipalityId: town.id,
        actorId: outsider.id,
        targetType: "Membership",
        targetId: olga.memberships[0]!.id,
        subjectUserId: olga.id,
      }),
    );

    const log = await listAuditEvents(admin, town.id, { target: "ServiceRequest", action: "ServiceRequest.update" });
    expect(log.rows).toHaveLength(1);
    const row = log.rows[0]!;
    const reference = (await testPrisma().serviceRequest.findUniqueOrThrow({ where: { id: r.id } })).reference;
    expect(text(row)).toMatch(
      new RegExp(`changed the status of ${reference} “Pothole on Main St” from Submitted to In progress$`),
    );
    expect(row.sentence).toContainEqual({
      ref: { label: `${reference} “Pothole on Main St”`, href: `/w/${town.slug}/requests/${r.id}` },
    });
    expect(row.timeZone).toBe("Europe/Amsterdam");
    expect(row.actionLabel).toBe("Service request changed");

    // The approval by someone outside the town's staff: a neutral word for them, never an id.
    const approved = (await listAuditEvents(admin, town.id, { action: "membership" })).rows.find(
      (x) => x.action === "membership.approve",
    )!;
    expect(text(approved)).toBe("Someone approved Olga Operator's membership");
    expect(JSON.stringify(approved.sentence)).not.toContain(outsider.id);
    expect(approved.sentence).toContainEqual({
      ref: { label: "Olga Operator", href: `/admin/${town.slug}/people/${olga.memberships[0]!.id}` },
    });
    // The platform log names Pat: a platform admin may read every account.
    const pa = await viewerOfUser(outsider.id);
    const plat = await listPlatformAuditEvents(pa, { municipality: town.slug, action: "membership.approve" });
    expect(text(plat.rows[0]!)).toBe("Pat Platform approved Olga Operator's membership");
    expect(plat.rows[0]!.municipality).toBe(town.name);
  });

  it("refuses filters that are not on offer with a message naming them, and reads dates as the municipality's days", async () => {
    const { town, admin } = await auditReaders();
    await testPrisma().municipality.update({ where: { id: town.id }, data: { timeZone: "Pacific/Auckland" } });
    const bad = async (q: Record<string, string>, field: string, message: RegExp) => {
      const e = await listAuditEvents(admin, town.id, q).catch((x: unknown) => x);
      expect(e, JSON.stringify(q)).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fieldErrors[field]?.[0], JSON.stringify(q)).toMatch(message);
      expect((e as ValidationError).message).toMatch(message);
    };
    await bad({ action: "invitation." }, "action", /Action: choose one from the list/);
    await bad({ action: "<script>" }, "action", /Action/);
    await bad({ actor: "no-such-person" }, "actor", /Done by: choose a person/);
    await bad({ target: "Password" }, "target", /About: choose one/);
    await bad({ from: "2026-13-01" }, "from", /From: a date like/);
    await bad({ from: "2026-12-02", to: "2026-12-01" }, "to", /To: on or after From/);
    await bad({ page: "0" }, "page", /Page/);
    await expect(listAuditEvents(admin, town.id, { evil: "1" } as never)).rejects.toBeInstanceOf(ValidationError);
    // The page keeps the lists on offer beside the errors.
    const page = await auditPage(admin, town.id, { actor: "nobody" });
    expect(page.ok).toBe(false);
    if (!page.ok) {
      expect(page.errors.actor?.[0]).toMatch(/Done by/);
      expect(page.choices.actions.length).toBeGreaterThan(3);
    }

    // An event just before and just after Auckland's local midnight of a day.
    const person = await freshPerson(town.id, ["viewer"]);
    await recordSystemEvent({ action: "test.day", municipalityId: town.id, subjectUserId: person.id });
    const [e] = await testPrisma().auditEvent.findMany({ where: { action: "test.day", subjectUserId: person.id } });
    const localDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Auckland" }).format(e!.at);
    const utcDay = e!.at.toISOString().slice(0, 10);
    const on = await listAuditEvents(admin, town.id, { person: person.id, from: localDay, to: localDay });
    expect(on.rows.map((x) => x.action)).toEqual(["test.day"]);
    if (utcDay !== localDay) {
      const off = await listAuditEvents(admin, town.id, { person: person.id, from: utcDay, to: utcDay });
      expect(off.rows).toEqual([]);
    }
  });

  it("exports exactly the filtered events, and shows one event with its place in the chain; outside reach is not found", async () => {
    const { town, other, admin, otherAdmin } = await auditReaders();
    const person = await freshPerson(town.id, ["operator"], { name: "Nina Newcomer" });
    for (const a of ["membership.approve", "membership.suspend", "membership.reactivate"])
      await recordSystemEvent({
        action: a,
        municipalityId: town.id,
        subjectUserId: person.id,
        data: { reason: "why" },
      });
    const q = { person: person.id, action: "membership" };
    const all = [];
    for (let page = 1; ; page++) {
      const p = await listAuditEvents(admin, town.id, { ...q, page: String(page) } as never, 2);
      all.push(...p.rows);
      if (page >= p.pageCount) break;
    }
    expect(all).toHaveLength(3);
    const csv = await auditCsv(admin, town.id, q);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("Event,When,When (UTC),Action,What happened,Action code");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(all.map((r) => r.seq));
    expect(csv).toContain("Gatehouse (a scheduled job) reactivated Nina Newcomer's membership");
    await expect(auditCsv(admin, town.id, { action: "nope" })).rejects.toBeInstanceOf(ValidationError);

    const seq = all[0]!.seq;
    const detail = await getAuditEvent(admin, town.id, seq);
    expect(detail.chain.seq).toBe(seq);
    expect(detail.chain.linked).toBe(true);
    expect(detail.chain.hashMatches).toBe(true);
    expect(detail.chain.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(detail.raw)).toMatchObject({ seq, subjectUserId: person.id });
    expect(detail.fields).toContainEqual({ label: "Done by", value: "Gatehouse (a scheduled job)" });
    expect(detail.details).toContainEqual({ label: "Reason", value: "why" });
    await expect(getAuditEvent(otherAdmin, other.id, seq)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAuditEvent(admin, town.id, "not-a-number")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAuditEvent(admin, town.id, "99999999999999")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPlatformAuditEvent(admin, seq)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the platform-wide audit log", () => {
  it("shows a platform admin every municipality's events and account-level ones, filtered by municipality; a municipality admin gets not found", async () => {
    const { town, other, admin } = await auditReaders();
    const person = await freshPerson(town.id, ["operator"]);
    const record = (action: string, municipalityId: string | null) =>
      recordSystemEvent({ action, municipalityId, subjectUserId: person.id });
    await record("test.platform.town", town.id);
    await record("test.platform.other", other.id);
    await record("test.platform.account", null);
    const pa = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);

    const all = await listPlatformAuditEvents(pa, { person: person.id });
    expect(all.rows.map((r) => [r.action, r.municipality]).sort()).toEqual([
      ["test.platform.account", null],
      ["test.platform.other", other.name],
      ["test.platform.town", town.name],
    ]);
    const one = await listPlatformAuditEvents(pa, { person: person.id, municipality: other.slug });
    expect(one.rows.map((r) => r.action)).toEqual(["test.platform.other"]);
    await expect(listPlatformAuditEvents(pa, { municipality: "no-such-town" })).rejects.toThrow(
      /Municipality: choose one from the list/,
    );
    await expect(listPlatformAuditEvents(admin, {})).rejects.toBeInstanceOf(NotFoundError);
    const csv = await auditCsv(pa, null, { person: person.id });
    expect(csv.split("\r\n")[0]).toContain("Municipality");
    expect(csv.trim().split("\r\n")).toHaveLength(4);
  });
});
