import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { testPrisma } from "@/test/fixtures/db";
import { freshPerson } from "@/test/fixtures/people";
import { freshTownWithAdmin, viewerOf } from "@/test/fixtures/viewers";
import { approveMembership, decideMemberships } from "./approval";
import { SELF_GRANT_EVENT } from "./grants";

const raw = testPrisma();
const waiting = (townId: string) => freshPerson(townId, ["viewer"], { status: "PENDING_APPROVAL" });
const statusOf = async (id: string) => (await raw.membership.findUniqueOrThrow({ where: { id } })).status;

describe("bulk decisions on the approval queue", () => {
  it("approves each selected request through the one-click flow, reporting every row", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const [a, b, c] = await Promise.all([waiting(town.id), waiting(town.id), waiting(town.id)]);
    const ids = [a, b, c].map((p) => p.memberships[0]!.id);
    // Another admin decides on c first: that row loses the race, the others go on.
    await approveMembership(admin, ids[2]!);
    const rows = await decideMemberships(admin, town.id, ids, "approve", "");
    expect(rows.map((r) => [r.email, r.outcome])).toEqual([
      [a.email, "approved"],
      [b.email, "approved"],
      [c.email, "refused"],
    ]);
    expect(rows[2]!.reason).toBe("This person is not waiting for approval.");
    expect(await Promise.all(ids.map(statusOf))).toEqual(["ACTIVE", "ACTIVE", "ACTIVE"]);
    expect(await raw.outboxMessage.count({ where: { to: { in: [a.email, b.email] }, template: "approved" } })).toBe(2);
    expect(await raw.auditEvent.count({ where: { action: "membership.approve", targetId: { in: ids } } })).toBe(3);
  });

  it("rejects with one reason checked before anything is decided", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const [a, b] = await Promise.all([waiting(town.id), waiting(town.id)]);
    const ids = [a, b].map((p) => p.memberships[0]!.id);
    await expect(decideMemberships(admin, town.id, ids, "reject", " ")).rejects.toBeInstanceOf(ValidationError);
    expect(await Promise.all(ids.map(statusOf))).toEqual(["PENDING_APPROVAL", "PENDING_APPROVAL"]);
    const rows = await decideMemberships(admin, town.id, ids, "reject", "Not on the staff list");
    expect(rows.map((r) => r.outcome)).toEqual(["rejected", "rejected"]);
    const m = await raw.membership.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(m).toMatchObject({ status: "REJECTED", rejectionReason: "Not on the staff list" });
  });

  it("refuses the decider's own request and requests elsewhere, row by row", async () => {
    const { town } = await freshTownWithAdmin();
    const other = await freshTownWithAdmin();
    const mine = await waiting(town.id);
    const elsewhere = await waiting(other.town.id);
    // A platform admin with their own pending membership here selects it with someone else's.
    const pa = await freshPerson(town.id, ["municipality_admin"], {
      status: "PENDING_APPROVAL",
      platformGroups: ["platform_admin"],
    });
    const paViewer = await viewerOf(pa.email);
    const ids = [mine.memberships[0]!.id, pa.memberships[0]!.id, elsewhere.memberships[0]!.id];
    const rows = await decideMemberships(paViewer, town.id, ids, "approve", "");
    expect(rows.map((r) => r.outcome)).toEqual(["approved", "refused", "refused"]);
    expect(rows[1]!.reason).toMatch(/your own/);
    expect(rows[2]).toMatchObject({ email: "", reason: "Not found in this queue." });
    expect(await statusOf(pa.memberships[0]!.id)).toBe("PENDING_APPROVAL");
    expect(await statusOf(elsewhere.memberships[0]!.id)).toBe("PENDING_APPROVAL");
    expect(await raw.auditEvent.count({ where: { action: SELF_GRANT_EVENT, actorId: pa.id } })).toBe(1);
    // An admin of the other town may decide nothing here.
    await expect(decideMemberships(other.admin, town.id, [mine.memberships[0]!.id], "approve", "")).rejects.toThrow(
      /may not approve/,
    );
  });

  it("needs a selection and caps its size", async () => {
    const { town, admin } = await freshTownWithAdmin();
    await expect(decideMemberships(admin, town.id, [], "approve", "")).rejects.toThrow(/Select at least one/);
    const many = Array.from({ length: 101 }, (_, i) => `m${i}`);
    await expect(decideMemberships(admin, town.id, many, "approve", "")).rejects.toThrow(/At most 100/);
  });
});
