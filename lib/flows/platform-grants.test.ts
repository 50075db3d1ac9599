// The two-person rule for platform groups on the real database: the proposer cannot approve, the
// person it is about cannot approve (flow and policy both refuse), two approvals at once apply
// once, and an approved revocation ends the person's platform access at their next request.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { subjectOf } from "@/lib/policy/casl";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOfUser } from "@/test/fixtures/viewers";
import { isDecidedFirst, singleWinner } from "./race-checks";
import { cancelPlatformGrant, decidePlatformGrant, keepOneSuperuser, proposePlatformGrant } from "./platform-grants";
import { SELF_GRANT_EVENT } from "./grants";

const raw = testPrisma();
const REASON = "Runs the on-call rota for the platform team.";

/** `by` proposes a change of `who`'s platform group, as the console's form sends it. */
async function propose(
  by: { id: string },
  who: { id: string },
  group: string,
  change: "GRANT" | "REVOKE",
  reason = REASON,
) {
  return proposePlatformGrant(await viewerOfUser(by.id), { userId: who.id, group, change, reason });
}

async function platformPeople() {
  const [proposer, approver, other, subject] = await Promise.all([
    freshUser({ platformGroups: ["platform_admin"] }),
    freshUser({ platformGroups: ["superuser"] }),
    freshUser({ platformGroups: ["platform_admin"] }),
    freshUser(),
  ]);
  return { proposer, approver, other, subject };
}

describe("platform group changes need a second platform admin", () => {
  it("the proposer cannot approve their own proposal; flow and policy both refuse, nothing changes", async () => {
    const { proposer, subject } = await platformPeople();
    const pv = await viewerOfUser(proposer.id);
    const { id } = await propose(proposer, subject, "superuser", "GRANT");
    const row = await raw.platformGrantRequest.findUniqueOrThrow({ where: { id } });
    expect(pv.ability.can("approve", subjectOf("PlatformGrantRequest", row))).toBe(false);
    await expect(decidePlatformGrant(pv, id, "approve")).rejects.toThrow(ForbiddenError);
    expect((await raw.platformGrantRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect((await raw.user.findUniqueOrThrow({ where: { id: subject.id } })).platformGroups).toEqual([]);
    expect(await raw.auditEvent.count({ where: { action: SELF_GRANT_EVENT, actorId: proposer.id } })).toBe(1);
    expect(await raw.auditEvent.count({ where: { action: "platform_grant.proposed", targetId: id } })).toBe(1);
    // The other platform admins are told through the outbox; the proposer and the subject are not.
    const mails = await raw.outboxMessage.findMany({
      where: { template: "platform-grant-proposed", subject: { contains: subject.email } },
    });
    expect(mails.map((m) => m.to)).not.toContain(proposer.email);
    expect(mails.map((m) => m.to)).not.toContain(subject.email);
    expect(mails.length).toBeGreaterThan(0);
  });

  it("the person a change is about cannot approve it, even as a superuser (superuser.yaml's own cannot rule)", async () => {
    const { proposer, approver } = await platformPeople();
    const { id } = await propose(proposer, approver, "platform_admin", "GRANT");
    const sv = await viewerOfUser(approver.id);
    const row = await raw.platformGrantRequest.findUniqueOrThrow({ where: { id } });
    expect(sv.ability.can("approve", subjectOf("PlatformGrantRequest", row))).toBe(false);
    await expect(decidePlatformGrant(sv, id, "approve")).rejects.toThrow(/your own access/);
    expect((await raw.user.findUniqueOrThrow({ where: { id: approver.id } })).platformGroups).toEqual(["superuser"]);
  });

  it("nobody proposes a change of their own groups; a municipality admin cannot propose at all", async () => {
    const { proposer, subject } = await platformPeople();
    await expect(propose(proposer, proposer, "superuser", "GRANT")).rejects.toThrow(ForbiddenError);
    const town = await freshMunicipality();
    const admin = await freshPerson(town.id, ["municipality_admin"]);
    await expect(propose(admin, subject, "superuser", "GRANT")).rejects.toThrow(NotFoundError);
    await expect(propose(proposer, subject, "superuser", "GRANT", "short")).rejects.toMatchObject({
      fieldErrors: { reason: [expect.stringMatching(/at least/)] },
    });
    expect(await raw.platformGrantRequest.count({ where: { userId: { in: [subject.id, proposer.id] } } })).toBe(0);
  });

  it("a second approver grants the group: platformGroups and accessVersion change, audited with before and after", async () => {
    const { proposer, approver, subject } = await platformPeople();
    const { id } = await propose(proposer, subject, "superuser", "GRANT");
    // A second open proposal for the same person and group is refused.
    await expect(propose(proposer, subject, "superuser", "GRANT")).rejects.toThrow(ConflictError);
    const before = await raw.user.findUniqueOrThrow({ where: { id: subject.id } });
    expect(await decidePlatformGrant(await viewerOfUser(approver.id), id, "approve")).toEqual({ status: "APPROVED" });
    const after = await raw.user.findUniqueOrThrow({ where: { id: subject.id } });
    expect(after.platformGroups).toEqual(["superuser"]);
    expect(after.accessVersion).toBe(before.accessVersion + 1);
    const event = await raw.auditEvent.findFirstOrThrow({ where: { action: "platform_grant.approved", targetId: id } });
    expect(event).toMatchObject({
      actorId: approver.id,
      subjectUserId: subject.id,
      data: { before: [], after: ["superuser"] },
    });
    expect((await viewerOfUser(subject.id)).principal).toMatchObject({ platformGroups: ["superuser"] });
    await expect(decidePlatformGrant(await viewerOfUser(approver.id), id, "reject")).rejects.toThrow(ValidationError);
  });

  it("two approvals at the same time: exactly one applies, the other is told someone decided first", async () => {
    for (let round = 0; round < 4; round++) {
      const { proposer, approver, other, subject } = await platformPeople();
      const { id } = await propose(proposer, subject, "platform_admin", "GRANT");
      const [a, b] = await Promise.all([viewerOfUser(approver.id), viewerOfUser(other.id)]);
      const results = await Promise.allSettled([
        decidePlatformGrant(a, id, "approve"),
        decidePlatformGrant(b, id, "reject"),
      ]);
      expect(singleWinner(results, isDecidedFirst), `round ${round}`).toEqual([]);
      const decided = await raw.auditEvent.count({
        where: { targetId: id, action: { in: ["platform_grant.approved", "platform_grant.rejected"] } },
      });
      expect(decided).toBe(1);
      const r = await raw.platformGrantRequest.findUniqueOrThrow({ where: { id } });
      const u = await raw.user.findUniqueOrThrow({ where: { id: subject.id } });
      expect(u.platformGroups).toEqual(r.status === "APPROVED" ? ["platform_admin"] : []);
    }
  });

  it("an approved revocation ends the person's platform access at their next request", async () => {
    const { proposer, approver } = await platformPeople();
    const target = await freshUser({ platformGroups: ["platform_admin"] });
    const targetBefore = await viewerOfUser(target.id);
    expect(targetBefore.ability.can("create", subjectOf("Municipality", {}))).toBe(true);
    const { id } = await propose(proposer, target, "platform_admin", "REVOKE");
    await decidePlatformGrant(await viewerOfUser(approver.id), id, "approve");
    const next = await viewerOfUser(target.id);
    expect(next.principal).toMatchObject({ platformGroups: [] });
    expect(next.ability.can("create", subjectOf("Municipality", {}))).toBe(false);
    expect(next.principal.kind === "user" && next.principal.accessVersion).toBe(
      targetBefore.principal.kind === "user" && targetBefore.principal.accessVersion + 1,
    );
  });

  it("never takes superuser from the platform's last active superuser", async () => {
    const last = await freshUser({ platformGroups: ["superuser"] });
    // Inside one transaction that is rolled back: every other superuser switched off for a moment.
    const attempt = db.$transaction(async (tx) => {
      await tx.$executeRaw`update "User" set "isActive" = false where 'superuser' = any("platformGroups") and id <> ${last.id}`;
      await keepOneSuperuser(tx, last.id);
    });
    await expect(attempt).rejects.toThrow(/last active superuser/);
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    // With another active superuser there, the same check lets the revocation through.
    await expect(db.$transaction((tx) => keepOneSuperuser(tx, last.id))).resolves.toBeUndefined();
  });

  it("the proposer may cancel a pending proposal; nobody else may", async () => {
    const { proposer, approver, subject } = await platformPeople();
    const { id } = await propose(proposer, subject, "superuser", "GRANT");
    await expect(cancelPlatformGrant(await viewerOfUser(approver.id), id)).rejects.toThrow(ForbiddenError);
    await cancelPlatformGrant(await viewerOfUser(proposer.id), id);
    expect((await raw.platformGrantRequest.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
    await expect(decidePlatformGrant(await viewerOfUser(approver.id), id, "approve")).rejects.toThrow(ValidationError);
    expect((await raw.user.findUniqueOrThrow({ where: { id: subject.id } })).platformGroups).toEqual([]);
  });
});
