// The flows that end access cut the person's connected services in their own transaction (seed
// 003): deactivating a person (every service at once), suspending a membership, removing a group
// — and direct grants: given with a reason (never to oneself), revoked, expired on time by the sweep.
import { describe, expect, it } from "vitest";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { freshService } from "@/test/fixtures/services";
import { intranetService, linkOf, oidcRowsAt, signedIntoService } from "@/test/fixtures/service-links";
import { freshTownWithAdmin, viewerOf } from "@/test/fixtures/viewers";
import { hasServiceAccess } from "@/lib/services/access";
import { deactivateUser, suspendMembership } from "./deactivation";
import { changeMembershipAccess } from "./group-change";
import { expireDueGrants, grantServiceAccess, personServices, revokeServiceAccess } from "./service-grants";

const raw = testPrisma();

describe("flows that end access cut the services", () => {
  it("deactivating a person ends every service at once: links, provider grants, tokens and sessions", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const permits = await freshService({ municipalityId: town.id });
    const intranet = await intranetService(town.id);
    const p = await freshPerson(town.id, ["operator"]);
    await signedIntoService(permits, p.id);
    await signedIntoService(intranet, p.id);
    await deactivateUser(admin, p.id, "left the municipality");
    for (const s of [permits, intranet]) {
      const link = await linkOf(s.id, p.id);
      expect(link.endedAt).not.toBeNull();
      expect(link.endReason).toBe("account deactivated");
      expect(await oidcRowsAt(s.clientId, p.id)).toBe(0);
    }
  });

  it("suspending a membership ends that municipality's services, not another's the person still works in", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const other = await freshMunicipality();
    const here = await freshService({ municipalityId: town.id });
    const there = await freshService({ municipalityId: other.id });
    const p = await freshPerson(town.id, ["operator"]);
    await raw.membership.create({
      data: { userId: p.id, municipalityId: other.id, groups: ["operator"], status: "ACTIVE" },
    });
    await signedIntoService(here, p.id);
    await signedIntoService(there, p.id);
    await suspendMembership(admin, p.memberships[0]!.id, "on leave until spring");
    expect((await linkOf(here.id, p.id)).endReason).toBe("membership suspended");
    expect(await oidcRowsAt(here.clientId, p.id)).toBe(0);
    expect((await linkOf(there.id, p.id)).endedAt).toBeNull();
    expect(await oidcRowsAt(there.clientId, p.id)).toBeGreaterThan(0);
  });

  it("removing a group ends the service it gave; a direct grant keeps it", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const s = await freshService({ municipalityId: town.id });
    const a = await freshPerson(town.id, ["operator"]);
    const b = await freshPerson(town.id, ["operator"]);
    await signedIntoService(s, a.id);
    await signedIntoService(s, b.id);
    await grantServiceAccess(admin, { serviceId: s.id, userId: b.id, reason: "keeps the permits desk" });
    const none = { groups: ["viewer"] };
    await changeMembershipAccess(admin, a.memberships[0]!.id, none);
    await changeMembershipAccess(admin, b.memberships[0]!.id, none);
    expect((await linkOf(s.id, a.id)).endReason).toBe("removed from the operator group");
    expect(await oidcRowsAt(s.clientId, a.id)).toBe(0);
    expect((await linkOf(s.id, b.id)).endedAt).toBeNull();
    expect(await hasServiceAccess(b.id, s)).toBe(true);
  });
});

describe("direct grants", () => {
  it("grants with a reason and an expiry, audited; revoking ends the person's access there", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const s = await freshService({ municipalityId: town.id });
    const p = await freshPerson(town.id, ["viewer"]);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const { id } = await grantServiceAccess(admin, {
      serviceId: s.id,
      userId: p.id,
      reason: "covers the desk",
      expiresAt,
    });
    const g = await raw.serviceGrant.findUniqueOrThrow({ where: { id } });
    expect(g).toMatchObject({ municipalityId: town.id, reason: "covers the desk", endedAt: null });
    expect(g.expiresAt?.getTime()).toBe(expiresAt.getTime());
    expect(await raw.auditEvent.count({ where: { action: "service.grant", targetId: id } })).toBe(1);
    await signedIntoService(s, p.id);
    const page = await personServices(admin, town.id, p.id);
    const row = page.rows.find((r) => r.serviceId === s.id)!;
    expect(row.allowed).toBe(true);
    expect(row.sources).toEqual([expect.objectContaining({ kind: "grant", grantId: id, mayRevoke: true })]);
    expect(page.grantable.map((x) => x.id)).toContain(s.id);
    await revokeServiceAccess(admin, id, "desk closed");
    expect(await raw.serviceGrant.findUniqueOrThrow({ where: { id } })).toMatchObject({
      endKind: "REVOKED",
      endReason: "desk closed",
    });
    expect((await linkOf(s.id, p.id)).endReason).toBe("direct access revoked");
    expect(await oidcRowsAt(s.clientId, p.id)).toBe(0);
    await expect(revokeServiceAccess(admin, id, "again")).rejects.toThrow(/already revoked/);
  });

  it("nobody grants their own access; reasons and expiries are checked; other municipalities do not exist", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const s = await freshService({ municipalityId: town.id });
    const me = admin.principal.kind === "user" ? admin.principal.userId : "";
    await expect(grantServiceAccess(admin, { serviceId: s.id, userId: me, reason: "for me" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await raw.auditEvent.count({ where: { actorId: me, action: "access.self_grant_refused" } })).toBeGreaterThan(
      0,
    );
    const p = await freshPerson(town.id, ["viewer"]);
    await expect(grantServiceAccess(admin, { serviceId: s.id, userId: p.id, reason: "" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      grantServiceAccess(admin, {
        serviceId: s.id,
        userId: p.id,
        reason: "ok reason",
        expiresAt: new Date(Date.now() - 1),
      }),
    ).rejects.toMatchObject({ fieldErrors: { expiresAt: expect.any(Array) } });
    const elsewhere = await freshService({ municipalityId: (await freshMunicipality()).id });
    await expect(
      grantServiceAccess(admin, { serviceId: elsewhere.id, userId: p.id, reason: "ok reason" }),
    ).rejects.toThrow(/No such service/);
    const stranger = await freshUser();
    await expect(
      grantServiceAccess(admin, { serviceId: s.id, userId: stranger.id, reason: "ok reason" }),
    ).rejects.toThrow(/No such person/);
    // An operator may not grant at all.
    const op = await viewerOf((await freshPerson(town.id, ["operator"])).email);
    await expect(grantServiceAccess(op, { serviceId: s.id, userId: p.id, reason: "ok reason" })).rejects.toThrow();
    expect(await raw.serviceGrant.count({ where: { serviceId: s.id } })).toBe(0);
  });

  it("the person page's services show nothing outside the viewer's reach", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const s = await freshService({ municipalityId: town.id });
    const p = await freshPerson(town.id, ["viewer"]);
    await grantServiceAccess(admin, { serviceId: s.id, userId: p.id, reason: "zqsecretreason" });
    const op = await viewerOf((await freshPerson(town.id, ["operator"])).email);
    expect(await personServices(op, town.id, p.id)).toMatchObject({ rows: [], grantable: [] });
    const other = await freshTownWithAdmin();
    const seen = await personServices(other.admin, town.id, p.id);
    expect(JSON.stringify(seen)).not.toContain("zqsecretreason");
    expect(seen.rows).toEqual([]);
  });

  it("an expired grant ends within the sweep, with its access", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const s = await freshService({ municipalityId: town.id });
    const p = await freshPerson(town.id, ["viewer"]);
    const { id } = await grantServiceAccess(admin, {
      serviceId: s.id,
      userId: p.id,
      reason: "two-week cover",
      expiresAt: new Date(Date.now() + 120_000),
    });
    await signedIntoService(s, p.id);
    // Not due yet: nothing happens.
    expect((await expireDueGrants({ grantIds: [id] })).expired).toEqual([]);
    const later = new Date(Date.now() + 180_000);
    expect((await expireDueGrants({ now: later })).expired).toContain(id);
    expect(await raw.serviceGrant.findUniqueOrThrow({ where: { id } })).toMatchObject({ endKind: "EXPIRED" });
    expect((await linkOf(s.id, p.id)).endReason).toBe("direct access expired");
    expect(await oidcRowsAt(s.clientId, p.id)).toBe(0);
    expect(await raw.auditEvent.count({ where: { action: "service.grant_expired", targetId: id } })).toBe(1);
    // Twice: ended once.
    expect((await expireDueGrants({ now: later })).expired).not.toContain(id);
  });
});
