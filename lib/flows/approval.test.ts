import { afterAll, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { approveMembership, rejectMembership, reopenMembership } from "./approval";
import { freshMunicipality, freshPerson, rawClient, viewerOf } from "./test-helpers";

const raw = rawClient();
afterAll(() => raw.$disconnect());

async function setup() {
  const town = await freshMunicipality(raw);
  const admin = await viewerOf(raw, (await freshPerson(raw, town.id, ["municipality_admin"])).email);
  const person = await freshPerson(raw, town.id, ["viewer"], { status: "PENDING_APPROVAL" });
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
    expect(await raw.membership.findUniqueOrThrow({ where: { id: membershipId } })).toMatchObject({ status: "PENDING_APPROVAL", rejectionReason: null });
    await approveMembership(admin, membershipId);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: membershipId } })).status).toBe("ACTIVE");
    const actions = (await raw.auditEvent.findMany({ where: { targetId: membershipId }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["membership.reject", "membership.reopen", "membership.approve"]);
  });

  it("approve and reject at the same moment leave exactly one outcome", async () => {
    const { admin, membershipId } = await setup();
    const r = await Promise.allSettled([approveMembership(admin, membershipId), rejectMembership(admin, membershipId, "duplicate request")]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(await raw.auditEvent.count({ where: { targetId: membershipId, action: { in: ["membership.approve", "membership.reject"] } } })).toBe(1);
  });

  it("another municipality's admin gets 'not found'; a manager may not decide", async () => {
    const { membershipId } = await setup();
    await expect(approveMembership(await viewerOf(raw, "admin@lakeside.test"), membershipId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(approveMembership(await viewerOf(raw, "manager@riverton.test"), membershipId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
