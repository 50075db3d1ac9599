// The audit log page reads audit data through the AuditEvent permission: the account-level events
// it adds (municipalityId null: sign-ins, deactivations, erasure) are for those who may read this
// municipality's audit log, not for everyone who may see its staff list.
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { auditReaders, recordSystemEvent } from "@/test/fixtures/audit";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOf, viewerOfUser } from "@/test/fixtures/viewers";
import { listAuditEvents, listPlatformAuditEvents } from "./audit-log";

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
      (await listAuditEvents(viewer, municipalityId, { person: person.email })).rows.map((r) => r.action).sort();
    expect(await actions(admin, town.id)).toEqual(["test.log.account", "test.log.town"]);
    // The manager may read the staff (Membership), not the audit log (AuditEvent).
    await expect(listAuditEvents(manager, town.id, { person: person.email })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAuditEvents(dual, town.id, { person: person.email })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAuditEvents(otherAdmin, town.id, { person: person.email })).rejects.toBeInstanceOf(NotFoundError);
    // Their own log shows their own municipality's event, and nothing account-level about someone not on their staff.
    expect(await actions(otherAdmin, other.id)).toEqual(["test.log.other"]);
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

    const all = await listPlatformAuditEvents(pa, { person: person.email });
    expect(all.rows.map((r) => [r.action, r.municipality]).sort()).toEqual([
      ["test.platform.account", null],
      ["test.platform.other", other.name],
      ["test.platform.town", town.name],
    ]);
    const one = await listPlatformAuditEvents(pa, { person: person.email, municipality: other.slug });
    expect(one.rows.map((r) => r.action)).toEqual(["test.platform.other"]);
    const none = await listPlatformAuditEvents(pa, { person: person.email, municipality: "no-such-town" });
    expect(none.rows).toEqual([]);
    await expect(listPlatformAuditEvents(pa, { municipality: "Not A Slug!" })).rejects.toThrow(/not valid/);
    await expect(listPlatformAuditEvents(admin, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
