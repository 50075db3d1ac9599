// Suspension, deactivation and erasure against the last-administrator rule (DESIGN.md: the last
// active municipality admin cannot be removed by any flow) and against stale rights: like group
// changes, each takes the lock on the municipality's active admins inside its transaction, so two
// removals at the same moment are serialized and the second sees the first; and each confirms
// that the actor still holds the access their ability was built from, as record writes do.
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/identity/viewer";
import { deactivateUser, reactivateMembership, suspendMembership } from "./deactivation";
import { eraseUser } from "./erasure";
import { changeMembershipAccess } from "./group-change";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { barrier, exactCounts, isConflict, isNotFound, singleWinner, type Settled } from "./race-checks";
import { size } from "@/test/fixtures/suite-size";
import { recordFigures } from "@/test/fixtures/figures";

const ROUNDS = size(6, 30);
const LAST = /last active municipality admin/;

const raw = testPrisma();

type Person = Awaited<ReturnType<typeof freshPerson>>;
const KINDS = ["suspension", "deactivation", "erasure"] as const;
type Kind = (typeof KINDS)[number];
const EVENT: Record<Kind, string> = {
  suspension: "membership.suspend",
  deactivation: "user.deactivate",
  erasure: "user.erase",
};

function remove(kind: Kind, actor: Viewer, target: Person): Promise<unknown> {
  if (kind === "suspension") return suspendMembership(actor, target.memberships[0]!.id, "moved to another team");
  if (kind === "deactivation") return deactivateUser(actor, target.id, "left the municipality");
  return eraseUser(actor, target.id, { reason: "asked for erasure", confirmEmail: target.email });
}

/** Active admins who count: ACTIVE membership with the group, on an active account. */
async function countedAdmins(municipalityId: string): Promise<number> {
  return raw.membership.count({
    where: { municipalityId, status: "ACTIVE", groups: { has: "municipality_admin" }, user: { isActive: true } },
  });
}

async function platformAdmins(n: number): Promise<Viewer[]> {
  const home = await freshMunicipality();
  const rows = await Promise.all(
    Array.from({ length: n }, () => freshPerson(home.id, [], { platformGroups: ["platform_admin"] })),
  );
  return Promise.all(rows.map((r) => viewerOf(r.email)));
}

/** A loser of the race is refused: the last-admin guard (conflict) or its actor's rights are gone (not found). */
const isRefused = (e: unknown) => isConflict(e) || isNotFound(e);

async function judge(kind: Kind, municipalityId: string, targets: Person[], results: Settled[]): Promise<string[]> {
  const remaining = await countedAdmins(municipalityId);
  const events = await raw.auditEvent.count({
    where: { action: EVENT[kind], subjectUserId: { in: targets.map((t) => t.id) } },
  });
  return [
    ...singleWinner(results, isRefused),
    ...(remaining >= 1 ? [] : ["no active municipality admin remains"]),
    ...exactCounts({ [`${EVENT[kind]} events`]: [events, 1], "active admins left": [remaining, 1] }),
  ];
}

/** Two admins, the only two, remove each other at the same moment. */
async function mutualRound(kind: Kind, rm: (kind: Kind, actor: Viewer, target: Person) => Promise<unknown> = remove) {
  const town = await freshMunicipality();
  const [a, b] = await Promise.all([
    freshPerson(town.id, ["municipality_admin"]),
    freshPerson(town.id, ["municipality_admin"]),
  ]);
  const [va, vb] = await Promise.all([viewerOf(a.email), viewerOf(b.email)]);
  const results = await Promise.allSettled([rm(kind, va, b), rm(kind, vb, a)]);
  return judge(kind, town.id, [a, b], results);
}

describe("the last active municipality admin", () => {
  it.each(KINDS)("cannot be removed by %s; a suspended or deactivated second admin does not count", async (kind) => {
    const town = await freshMunicipality();
    const only = await freshPerson(town.id, ["municipality_admin"]);
    await freshPerson(town.id, ["municipality_admin"], { status: "SUSPENDED" });
    const gone = await freshPerson(town.id, ["municipality_admin"]);
    await raw.user.update({ where: { id: gone.id }, data: { isActive: false } });
    const [platform] = await platformAdmins(1);
    await expect(remove(kind, platform!, only)).rejects.toThrow(LAST);
    const after = await raw.user.findUniqueOrThrow({ where: { id: only.id }, include: { memberships: true } });
    expect(after).toMatchObject({ isActive: true, email: only.email, erasedAt: null });
    expect(after.memberships[0]!.status).toBe("ACTIVE");
    expect(await raw.auditEvent.count({ where: { action: EVENT[kind], subjectUserId: only.id } })).toBe(0);
    // With a second active admin, the same removal goes through.
    await freshPerson(town.id, ["municipality_admin"]);
    await expect(remove(kind, platform!, only)).resolves.toBeUndefined();
    expect(await countedAdmins(town.id)).toBe(1);
  });

  it("an admin in two municipalities cannot be deactivated while they are the last admin of either", async () => {
    const [one, two] = await Promise.all([freshMunicipality(), freshMunicipality()]);
    const both = await freshPerson(one.id, ["municipality_admin"]);
    await addMembership(both.id, two.id, ["municipality_admin"]);
    await freshPerson(one.id, ["municipality_admin"]);
    const [platform] = await platformAdmins(1);
    await expect(deactivateUser(platform!, both.id, "left both towns")).rejects.toThrow(LAST);
    expect((await raw.user.findUniqueOrThrow({ where: { id: both.id } })).isActive).toBe(true);
  });

  it("removing people who are not admins, or admins who do not count, is not held up", async () => {
    const town = await freshMunicipality();
    const only = await freshPerson(town.id, ["municipality_admin"]);
    const admin = await viewerOf(only.email);
    const staff = await freshPerson(town.id, ["operator"]);
    const suspendedAdmin = await freshPerson(town.id, ["municipality_admin"], { status: "SUSPENDED" });
    await suspendMembership(admin, staff.memberships[0]!.id, "on leave for a while");
    await deactivateUser(admin, suspendedAdmin.id, "left the municipality");
    await eraseUser(admin, suspendedAdmin.id, { reason: "asked for erasure", confirmEmail: suspendedAdmin.email });
    expect(await countedAdmins(town.id)).toBe(1);
  });
});

describe("an actor whose own access changed meanwhile", () => {
  it.each([...KINDS, "group change"] as const)("is refused as not found by %s, and nothing changes", async (kind) => {
    const town = await freshMunicipality();
    const [a, b] = await Promise.all([
      freshPerson(town.id, ["municipality_admin"]),
      freshPerson(town.id, ["municipality_admin"]),
    ]);
    const target = await freshPerson(town.id, ["operator"]);
    // a's ability is built, then b removes a's admin rights before a's request does its work.
    const stale = await viewerOf(a.email);
    await changeMembershipAccess(await viewerOf(b.email), a.memberships[0]!.id, { groups: ["viewer"] });
    const attempt =
      kind === "group change"
        ? changeMembershipAccess(stale, target.memberships[0]!.id, { groups: ["manager"] })
        : remove(kind, stale, target);
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    const after = await raw.user.findUniqueOrThrow({ where: { id: target.id }, include: { memberships: true } });
    expect(after).toMatchObject({ isActive: true, email: target.email, accessVersion: target.accessVersion });
    expect(after.memberships[0]).toMatchObject({ status: "ACTIVE", groups: ["operator"] });
  });

  it("reactivation by an actor whose rights are gone is refused too", async () => {
    const town = await freshMunicipality();
    const [a, b] = await Promise.all([
      freshPerson(town.id, ["municipality_admin"]),
      freshPerson(town.id, ["municipality_admin"]),
    ]);
    const target = await freshPerson(town.id, ["operator"], { status: "SUSPENDED" });
    const stale = await viewerOf(a.email);
    await suspendMembership(await viewerOf(b.email), a.memberships[0]!.id, "under review");
    await expect(reactivateMembership(stale, target.memberships[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: target.memberships[0]!.id } })).status).toBe(
      "SUSPENDED",
    );
  });
});

describe("two admins removing each other at the same moment", () => {
  const tally = { rounds: 0, removals: 0, lastAdminsRemoved: 0 };

  it.each(KINDS)(`%s: exactly one succeeds, one active admin remains (${ROUNDS} rounds)`, async (kind) => {
    for (let i = 0; i < ROUNDS; i++) {
      const problems = await mutualRound(kind);
      expect(problems, `${kind}, round ${i}`).toEqual([]);
      tally.rounds++;
      tally.removals += 2;
    }
  });

  it(`two platform admins removing a municipality's two admins at once: one succeeds, whatever the flows (${ROUNDS} rounds)`, async () => {
    const [p1, p2] = await platformAdmins(2);
    for (let i = 0; i < ROUNDS; i++) {
      // Neither actor loses rights here, so only the admin lock can keep one admin in place.
      const first = KINDS[i % 3]!;
      const second = KINDS[(i + 1 + (i >> 2)) % 3]!;
      const town = await freshMunicipality();
      const [a, b] = await Promise.all([
        freshPerson(town.id, ["municipality_admin"]),
        freshPerson(town.id, ["municipality_admin"]),
      ]);
      const results = await Promise.allSettled([remove(first, p1!, a), remove(second, p2!, b)]);
      const remaining = await countedAdmins(town.id);
      expect(
        [...singleWinner(results, isConflict), ...exactCounts({ "active admins left": [remaining, 1] })],
        `${first} / ${second}, round ${i}`,
      ).toEqual([]);
      tally.rounds++;
      tally.removals += 2;
    }
    recordFigures("concurrency-last-admin", {
      raceRounds: tally.rounds,
      racingRemovals: tally.removals,
      municipalitiesLeftWithoutAdmin: tally.lastAdminsRemoved,
    });
  });

  it("the judge catches a suspension that counts the other admins without the lock", async () => {
    const bothRead = barrier(2);
    const naive = async (_kind: Kind, actor: Viewer, target: Person) => {
      const m = target.memberships[0]!;
      const others = await raw.membership.count({
        where: {
          municipalityId: m.municipalityId,
          status: "ACTIVE",
          groups: { has: "municipality_admin" },
          id: { not: m.id },
        },
      });
      await bothRead();
      if (others === 0) throw new Error("last admin");
      await raw.$transaction(async (tx) => {
        await tx.membership.update({ where: { id: m.id }, data: { status: "SUSPENDED" } });
        await recordAudit(tx, {
          action: "membership.suspend",
          actorType: "user",
          actorId: actor.principal.kind === "user" ? actor.principal.userId : null,
          targetType: "Membership",
          targetId: m.id,
          subjectUserId: target.id,
        });
      });
    };
    const problems = await mutualRound("suspension", naive);
    expect(problems).toContain("2 of 2 racing calls succeeded; exactly one must");
    expect(problems).toContain("no active municipality admin remains");
  });
});
