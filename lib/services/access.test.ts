// The sources of "may use this service" (seed 003): group files, membership state, direct grants —
// each named, several at once, access until the last one is gone; and what no source overrides
// (a deactivated person, a citizen account, a disabled service).
import { describe, expect, it } from "vitest";
import { loadPolicies } from "@/lib/policy/load";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { freshService } from "@/test/fixtures/services";
import { hasServiceAccess, serviceAccess, serviceAccessSources } from "./access";

const raw = testPrisma();

/** The origin of the group's `access` rule, as the loader numbers it. */
function accessOrigin(group: string): string {
  const g = loadPolicies().groups.get(group)!;
  return g.rules.find((r) => r.actions.includes("access") && r.subjects.includes("Service"))!.origin;
}

async function grant(serviceId: string, userId: string, grantedById: string, extra: Record<string, unknown> = {}) {
  const s = await raw.service.findUniqueOrThrow({ where: { id: serviceId } });
  return raw.serviceGrant.create({
    data: {
      serviceId,
      municipalityId: s.municipalityId,
      userId,
      grantedById,
      reason: "covers the permits desk",
      ...extra,
    },
  });
}

describe("service access sources", () => {
  it("names the group file rule that grants it, and nothing for a group without one", async () => {
    const town = await freshMunicipality();
    const service = await freshService({ municipalityId: town.id });
    const operator = await freshPerson(town.id, ["operator"]);
    const viewer = await freshPerson(town.id, ["viewer"]);
    const sources = await serviceAccessSources(operator.id, service);
    expect(sources).toHaveLength(1);
    const [s] = sources;
    expect(s).toMatchObject({ kind: "group", group: "operator", origin: accessOrigin("operator") });
    expect(s!.words).toMatch(/^Operator group — rule \d+ of operator\.yaml$/);
    expect(await hasServiceAccess(viewer.id, service)).toBe(false);
    // An operator elsewhere does not use this municipality's service.
    const elsewhere = await freshPerson((await freshMunicipality()).id, ["operator"]);
    expect(await hasServiceAccess(elsewhere.id, service)).toBe(false);
  });

  it("counts platform groups (superuser's manage all)", async () => {
    const town = await freshMunicipality();
    const service = await freshService({ municipalityId: town.id });
    const su = await freshUser({ platformGroups: ["superuser"] });
    const sources = await serviceAccessSources(su.id, service);
    expect(sources.map((s) => s.kind === "group" && s.group)).toEqual(["superuser"]);
    expect(sources[0]!.words).toMatch(/Superuser group \(platform group\) — rule 1 of superuser\.yaml/);
  });

  it("membership state counts only ACTIVE and PENDING_APPROVAL, and only in the service's municipality", async () => {
    const town = await freshMunicipality();
    const service = await freshService({
      municipalityId: town.id,
      accessStates: ["ACTIVE", "PENDING_APPROVAL", "SUSPENDED", "INVITED"],
    });
    const active = await freshPerson(town.id, ["viewer"]);
    const pending = await freshPerson(town.id, [], { status: "PENDING_APPROVAL" });
    const suspended = await freshPerson(town.id, ["viewer"], { status: "SUSPENDED" });
    const invited = await freshPerson(town.id, [], { status: "INVITED" });
    const other = await freshPerson((await freshMunicipality()).id, ["viewer"]);
    expect(await serviceAccessSources(active.id, service)).toEqual([
      { kind: "state", state: "ACTIVE", municipalityId: town.id, words: "Members who are active" },
    ]);
    expect((await serviceAccessSources(pending.id, service))[0]?.words).toBe("Members waiting for approval");
    expect(await hasServiceAccess(suspended.id, service)).toBe(false);
    expect(await hasServiceAccess(invited.id, service)).toBe(false);
    expect(await hasServiceAccess(other.id, service)).toBe(false);
  });

  it("a direct grant counts without any membership, until it ends or expires", async () => {
    const town = await freshMunicipality();
    const service = await freshService({ municipalityId: town.id });
    const admin = await freshPerson(town.id, ["municipality_admin"], { name: "Ada Admin" });
    const outsider = await freshUser();
    const g = await grant(service.id, outsider.id, admin.id, { expiresAt: new Date(Date.now() + 86_400_000) });
    const [s] = await serviceAccessSources(outsider.id, service);
    expect(s).toMatchObject({ kind: "grant", grantId: g.id, grantedByName: "Ada Admin" });
    expect(s!.words).toMatch(
      /^Granted directly by Ada Admin until \d+ \w{3} \d{4}, \d\d:\d\d \S+ — covers the permits desk$/,
    );
    await raw.serviceGrant.update({ where: { id: g.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await hasServiceAccess(outsider.id, service)).toBe(false);
    const open = await grant(service.id, outsider.id, admin.id);
    expect((await serviceAccessSources(outsider.id, service))[0]!.words).toBe(
      "Granted directly by Ada Admin — covers the permits desk",
    );
    await raw.serviceGrant.update({ where: { id: open.id }, data: { endedAt: new Date(), endKind: "REVOKED" } });
    expect(await hasServiceAccess(outsider.id, service)).toBe(false);
  });

  it("several sources at once: removing one keeps access, the last one ends it", async () => {
    const town = await freshMunicipality();
    const service = await freshService({ municipalityId: town.id, accessStates: ["ACTIVE"] });
    const admin = await freshPerson(town.id, ["municipality_admin"]);
    const p = await freshPerson(town.id, ["operator"]);
    const g = await grant(service.id, p.id, admin.id);
    expect((await serviceAccessSources(p.id, service)).map((s) => s.kind)).toEqual(["group", "state", "grant"]);
    await raw.membership.update({ where: { id: p.memberships[0]!.id }, data: { groups: [] } });
    expect((await serviceAccessSources(p.id, service)).map((s) => s.kind)).toEqual(["state", "grant"]);
    await raw.service.update({ where: { id: service.id }, data: { accessStates: [] } });
    expect((await serviceAccessSources(p.id, service)).map((s) => s.kind)).toEqual(["grant"]);
    await raw.serviceGrant.update({ where: { id: g.id }, data: { endedAt: new Date(), endKind: "REVOKED" } });
    expect(await serviceAccess(p.id, service)).toEqual({ allowed: false, blocked: null, sources: [] });
  });

  it("no access whatever the sources: a deactivated person, a citizen account, a disabled service, a suspended membership's groups", async () => {
    const town = await freshMunicipality();
    const service = await freshService({ municipalityId: town.id, accessStates: ["ACTIVE"] });
    const admin = await freshPerson(town.id, ["municipality_admin"]);
    const gone = await freshPerson(town.id, ["operator"], { isActive: false });
    await grant(service.id, gone.id, admin.id);
    expect(await serviceAccess(gone.id, service)).toMatchObject({ allowed: false, blocked: "inactive" });
    const citizen = await freshUser({ isCitizen: true });
    await grant(service.id, citizen.id, admin.id);
    expect(await serviceAccess(citizen.id, service)).toMatchObject({ allowed: false, blocked: "citizen" });
    const suspended = await freshPerson(town.id, ["operator"], { status: "SUSPENDED" });
    expect(await hasServiceAccess(suspended.id, service)).toBe(false);
    const p = await freshPerson(town.id, ["operator"]);
    await raw.service.update({ where: { id: service.id }, data: { disabledAt: new Date() } });
    expect(await serviceAccess(p.id, service.id)).toMatchObject({ allowed: false, blocked: "disabled" });
  });

  it("reads inside a transaction: a change not yet committed is what counts", async () => {
    const town = await freshMunicipality();
    const service = await freshService({ municipalityId: town.id });
    const p = await freshPerson(town.id, ["operator"]);
    await raw
      .$transaction(async (tx) => {
        await tx.membership.update({ where: { id: p.memberships[0]!.id }, data: { groups: [] } });
        expect(await hasServiceAccess(p.id, service, tx as never)).toBe(false);
        expect(await hasServiceAccess(p.id, service)).toBe(true);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await hasServiceAccess(p.id, service)).toBe(true);
  });
});
