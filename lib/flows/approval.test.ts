import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { approveMembership, rejectMembership, reopenMembership } from "./approval";
import { testPrisma } from "@/test/fixtures/db";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf, freshTownWithAdmin } from "@/test/fixtures/viewers";
import { barrier, exactCounts, isDecidedFirst, singleWinner } from "./race-checks";
import type { Viewer } from "@/lib/identity/viewer";
import { recordAudit } from "@/lib/audit/record";
import { size } from "@/test/fixtures/suite-size";
import { raceRounds } from "@/test/fixtures/races";

const DECISION_ROUNDS = size(8, 40);

const raw = testPrisma();

async function setup() {
  const { town, admin } = await freshTownWithAdmin();
  const person = await freshPerson(town.id, ["viewer"], { status: "PENDING_APPROVAL" });
  return { town, admin, person, membershipId: person.memberships[0]!.id };
}

describe("approval queue", () => {
  it("approve: ACTIVE, access version bumped, welcome mail and audit event", async () => {
    const { admin, person, membershipId } = await setup();
    await approveMembership(admin, membershipId);
    const m = await raw.membership.findUniqueOrThrow({ where: { id: membershipId }, include: { user: true } });
    expect(m.status).toBe("ACTIVE");
    expect(m.approvedAt).not.toBeNull();
    expect(m.approvedById).toBe(admin.principal.kind === "user" ? admin.principal.userId : "");
    expect(m.welcomeSentAt).not.toBeNull();
    expect(m.user.accessVersion).toBeGreaterThan(person.accessVersion);
    expect(await raw.outboxMessage.count({ where: { to: person.email, template: "approved" } })).toBe(1);
    expect(await raw.auditEvent.count({ where: { action: "membership.approve", targetId: membershipId } })).toBe(1);
    await expect(approveMembership(admin, membershipId)).rejects.toBeInstanceOf(ValidationError);
  });

  it("reject needs a reason, mails it, and a rejected request can be re-opened and then approved", async () => {
    const { admin, person, membershipId } = await setup();
    await expect(rejectMembership(admin, membershipId, " ")).rejects.toBeInstanceOf(ValidationError);
    await rejectMembership(admin, membershipId, "Not on the staff list");
    const m = await raw.membership.findUniqueOrThrow({ where: { id: membershipId } });
    expect(m).toMatchObject({ status: "REJECTED", rejectionReason: "Not on the staff list" });
    const mail = await raw.outboxMessage.findFirstOrThrow({ where: { to: person.email, template: "rejected" } });
    expect(mail.text).toContain("Not on the staff list");
    await reopenMembership(admin, membershipId);
    expect(await raw.membership.findUniqueOrThrow({ where: { id: membershipId } })).toMatchObject({
      status: "PENDING_APPROVAL",
      rejectionReason: null,
    });
    await approveMembership(admin, membershipId);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: membershipId } })).status).toBe("ACTIVE");
    const actions = (await raw.auditEvent.findMany({ where: { targetId: membershipId }, orderBy: { seq: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["membership.reject", "membership.reopen", "membership.approve"]);
  });

  async function raceDecisions(
    approve: (admin: Viewer, id: string) => Promise<unknown>,
    reject: (admin: Viewer, id: string) => Promise<unknown>,
  ) {
    const { admin, person, membershipId } = await setup();
    const results = await Promise.allSettled([approve(admin, membershipId), reject(admin, membershipId)]);
    const m = await raw.membership.findUniqueOrThrow({
      where: { id: membershipId },
      include: { user: { select: { accessVersion: true } } },
    });
    const events = await raw.auditEvent.findMany({
      where: { targetId: membershipId, action: { in: ["membership.approve", "membership.reject"] } },
      select: { action: true },
    });
    const mails = await raw.outboxMessage.findMany({
      where: { to: person.email, template: { in: ["approved", "rejected"] } },
      select: { template: true },
    });
    const problems = [
      ...singleWinner(results, isDecidedFirst),
      ...exactCounts({ "decision audit events": [events.length, 1], "decision mails": [mails.length, 1] }),
    ];
    // The one outcome is the same everywhere: status, audit event, mail and access version agree.
    const approved = results[0]!.status === "fulfilled";
    if (m.status !== (approved ? "ACTIVE" : "REJECTED"))
      problems.push(`status ${m.status} does not match the winning decision`);
    if (events.some((e) => e.action !== (approved ? "membership.approve" : "membership.reject")))
      problems.push("an audit event of the losing decision");
    if (mails.some((x) => x.template !== (approved ? "approved" : "rejected")))
      problems.push("a mail of the losing decision");
    if (m.user.accessVersion > person.accessVersion !== approved)
      problems.push("access version does not match the decision");
    return problems;
  }

  it(`approve and reject at the same moment leave exactly one outcome (${DECISION_ROUNDS} rounds)`, async () => {
    const race = () =>
      raceDecisions(
        (a, id) => approveMembership(a, id),
        (a, id) => rejectMembership(a, id, "duplicate request"),
      );
    await raceRounds("concurrency-approvals", DECISION_ROUNDS, race, {
      racingDecisions: DECISION_ROUNDS * 2,
      doubleDecisions: 0,
    });
  });

  it("the judges catch decisions that check 'still pending' and then write unconditionally", async () => {
    const bothRead = barrier(2);
    const naive = (status: "ACTIVE" | "REJECTED") => async (_admin: Viewer, id: string) => {
      const m = await raw.membership.findUniqueOrThrow({ where: { id } });
      await bothRead();
      if (m.status !== "PENDING_APPROVAL") throw new ValidationError("decided");
      await raw.$transaction(async (tx) => {
        await tx.membership.update({ where: { id }, data: { status } });
        await recordAudit(tx, {
          action: status === "ACTIVE" ? "membership.approve" : "membership.reject",
          actorType: "user",
          targetType: "Membership",
          targetId: id,
        });
      });
    };
    const problems = await raceDecisions(naive("ACTIVE"), naive("REJECTED"));
    expect(problems).toContain("2 of 2 racing calls succeeded; exactly one must");
    expect(problems).toContain("decision audit events: 2, expected 1");
  });

  it("another municipality's admin gets 'not found'; a manager may not decide", async () => {
    const { membershipId } = await setup();
    await expect(approveMembership(await viewerOf("admin@lakeside.test"), membershipId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(approveMembership(await viewerOf("manager@riverton.test"), membershipId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
