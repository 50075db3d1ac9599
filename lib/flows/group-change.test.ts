import { describe, expect, it } from "vitest";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { viewerFor } from "@/lib/auth/viewer";
import type { UserPrincipal } from "@/lib/identity/principal";
import { subjectOf } from "@/lib/policy/casl";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { changeMembershipAccess } from "./group-change";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf, freshViewer, freshTownWithAdmin } from "@/test/fixtures/viewers";
import { barrier, exactCounts, isConflict, singleWinner, wholeWinner, type Settled } from "./race-checks";
import type { Viewer } from "@/lib/identity/viewer";
import { recordAudit } from "@/lib/audit/record";
import { size } from "@/test/fixtures/suite-size";
import { raceRounds } from "@/test/fixtures/races";

const GROUP_ROUNDS = size(5, 25);

const raw = testPrisma();

describe("group and scope changes", () => {
  it("take effect on the person's next request (fresh principal, bumped access version), audited with before/after", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const person = await freshPerson(town.id, ["viewer"]);
    const before = await viewerFor(await loadUserPrincipal(person.id));
    expect(
      before.ability.can("update", subjectOf("ServiceRequest", { municipalityId: town.id, category: "ROADS" })),
    ).toBe(false);
    await changeMembershipAccess(admin, person.memberships[0]!.id, {
      groups: ["operator"],
      departmentId: town.departments[0]!.id,
      allowedCategories: ["ROADS"],
    });
    const p = (await loadUserPrincipal(person.id)) as UserPrincipal;
    expect(p.accessVersion).toBeGreaterThan(person.accessVersion);
    expect(p.memberships[0]).toMatchObject({ groups: ["operator"], allowedCategories: ["ROADS"] });
    const after = await viewerFor(p);
    expect(
      after.ability.can(
        "update",
        subjectOf("ServiceRequest", {
          municipalityId: town.id,
          category: "ROADS",
          departmentId: town.departments[0]!.id,
        }),
      ),
    ).toBe(true);
    const e = await raw.auditEvent.findFirstOrThrow({
      where: { action: "membership.access_change", targetId: person.memberships[0]!.id },
    });
    expect(e.data).toMatchObject({ added: ["operator"], removed: ["viewer"] });
    expect(await raw.outboxMessage.count({ where: { to: person.email, template: "access-changed" } })).toBe(1);
    expect(
      await changeMembershipAccess(admin, person.memberships[0]!.id, {
        groups: ["operator"],
        departmentId: town.departments[0]!.id,
        allowedCategories: ["ROADS"],
      }),
    ).toEqual({ changed: false });
  });

  it("never removes the last active municipality admin", async () => {
    const town = await freshMunicipality();
    const only = await freshPerson(town.id, ["municipality_admin"]);
    // Nobody changes their own groups (self-grant.test.ts), so a platform admin tries it.
    const admin = await viewerOf(
      (await freshPerson((await freshMunicipality()).id, [], { platformGroups: ["platform_admin"] })).email,
    );
    await expect(changeMembershipAccess(admin, only.memberships[0]!.id, { groups: ["viewer"] })).rejects.toBeInstanceOf(
      ConflictError,
    );
    // A suspended or deactivated second admin does not count.
    await freshPerson(town.id, ["municipality_admin"], { status: "SUSPENDED" });
    const gone = await freshPerson(town.id, ["municipality_admin"]);
    await raw.user.update({ where: { id: gone.id }, data: { isActive: false } });
    await expect(changeMembershipAccess(admin, only.memberships[0]!.id, { groups: ["viewer"] })).rejects.toThrow(
      /last active municipality admin/,
    );
    expect((await raw.membership.findUniqueOrThrow({ where: { id: only.memberships[0]!.id } })).groups).toEqual([
      "municipality_admin",
    ]);
  });

  it("two admins removing each other at the same moment: one succeeds, one admin remains", async () => {
    const town = await freshMunicipality();
    const a = await freshPerson(town.id, ["municipality_admin"]);
    const b = await freshPerson(town.id, ["municipality_admin"]);
    const [va, vb] = await Promise.all([viewerOf(a.email), viewerOf(b.email)]);
    const r = await Promise.allSettled([
      changeMembershipAccess(va, b.memberships[0]!.id, { groups: ["viewer"] }),
      changeMembershipAccess(vb, a.memberships[0]!.id, { groups: ["viewer"] }),
    ]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const admins = await raw.membership.count({
      where: { municipalityId: town.id, groups: { has: "municipality_admin" } },
    });
    expect(admins).toBe(1);
  });

  it("refuses to grant more than the admin holds, and people outside reach are not found", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const person = await freshPerson(town.id, ["viewer"]);
    await expect(
      changeMembershipAccess(admin, person.memberships[0]!.id, { groups: ["superuser"] }),
    ).rejects.toBeInstanceOf(ValidationError);
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
    await expect(
      changeMembershipAccess(admin, person.memberships[0]!.id, {
        groups: ["viewer"],
        departmentId: (await raw.department.findFirstOrThrow({ where: { municipalityId: riverton.id } })).id,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    const lakesideAdmin = await viewerOf("admin@lakeside.test");
    await expect(
      changeMembershipAccess(lakesideAdmin, person.memberships[0]!.id, { groups: ["municipality_admin"] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // A manager sees staff but may not change them.
    const manager = await freshViewer(town.id, ["manager"]);
    await expect(
      changeMembershipAccess(manager, person.memberships[0]!.id, { groups: ["manager"] }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: person.memberships[0]!.id } })).groups).toEqual([
      "viewer",
    ]);
  });
});
describe("two admins changing one person's groups at the same moment", () => {
  type Change = { groups: string[]; departmentId: string | null; allowedCategories: ("ROADS" | "WASTE")[] };
  async function raceChanges(change: (admin: Viewer, membershipId: string, to: Change) => Promise<unknown>) {
    const town = await freshMunicipality();
    const [a, b] = await Promise.all([
      freshPerson(town.id, ["municipality_admin"]),
      freshPerson(town.id, ["municipality_admin"]),
    ]);
    const [va, vb] = await Promise.all([viewerOf(a.email), viewerOf(b.email)]);
    const person = await freshPerson(town.id, ["viewer"]);
    const membershipId = person.memberships[0]!.id;
    const targets: Change[] = [
      { groups: ["manager"], departmentId: town.departments[0]!.id, allowedCategories: [] },
      { groups: ["operator"], departmentId: town.departments[1]!.id, allowedCategories: ["ROADS", "WASTE"] },
    ];
    const results: Settled[] = await Promise.allSettled([
      change(va, membershipId, targets[0]!),
      change(vb, membershipId, targets[1]!),
    ]);
    const stored = await raw.membership.findUniqueOrThrow({
      where: { id: membershipId },
      select: { groups: true, departmentId: true, allowedCategories: true, user: { select: { accessVersion: true } } },
    });
    const audits = await raw.auditEvent.count({
      where: { action: "membership.access_change", targetId: membershipId },
    });
    const mails = await raw.outboxMessage.count({ where: { to: person.email, template: "access-changed" } });
    return [
      ...singleWinner(results, isConflict),
      ...wholeWinner(results, targets, {
        groups: stored.groups,
        departmentId: stored.departmentId,
        allowedCategories: stored.allowedCategories,
      }),
      ...exactCounts({
        "access version bumps": [stored.user.accessVersion - person.accessVersion, 1],
        "audit events": [audits, 1],
        "access-changed mails": [mails, 1],
      }),
    ];
  }

  it(`exactly one change wins whole, the other is a conflict; one version bump, one audit event, one mail (${GROUP_ROUNDS} rounds)`, async () => {
    const race = () => raceChanges((admin, id, to) => changeMembershipAccess(admin, id, to));
    await raceRounds("concurrency-groups", GROUP_ROUNDS, race, {
      racingChanges: GROUP_ROUNDS * 2,
      lostChanges: 0,
      mixedMemberships: 0,
    });
  });

  it("the judges catch a group change that reads, checks and writes without the membership's version", async () => {
    const bothRead = barrier(2);
    const naive = async (admin: Viewer, membershipId: string, to: Change) => {
      const m = await raw.membership.findUniqueOrThrow({ where: { id: membershipId } });
      await bothRead();
      await raw.$transaction(async (tx) => {
        await tx.membership.update({ where: { id: m.id }, data: to });
        await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
        await recordAudit(tx, {
          action: "membership.access_change",
          actorType: "user",
          targetType: "Membership",
          targetId: m.id,
          subjectUserId: m.userId,
        });
      });
    };
    const problems = await raceChanges(naive);
    expect(problems).toContain("2 of 2 racing calls succeeded; exactly one must");
    expect(problems).toContain("audit events: 2, expected 1");
  });
});
