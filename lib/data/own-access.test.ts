// A person's own refused memberships, on the real database: each state with its date, the reason
// only where it may be shown, the municipality's contact; nothing for a municipality they never
// belonged to, an archived one, or an active membership.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson } from "@/test/fixtures/people";
import { principalOfUser } from "@/test/fixtures/viewers";
import type { UserPrincipal } from "@/lib/identity/principal";
import { accessContactOf, ownAccessStateIn, ownAccessStates } from "./own-access";

const asUser = async (id: string) => (await principalOfUser(id)) as UserPrincipal;

describe("own access states", () => {
  it("names each refused membership with what the person may see, and nothing of other municipalities", async () => {
    const [a, b, c, d, other] = await Promise.all([1, 2, 3, 4, 5].map(() => freshMunicipality()));
    await testPrisma().municipality.update({
      where: { id: a!.id },
      data: { accessContact: "Service desk, 555-0100" },
    });
    await testPrisma().municipality.update({ where: { id: b!.id }, data: { showSuspensionReason: false } });
    const p = await freshPerson(a!.id, ["viewer"], { status: "SUSPENDED" });
    await testPrisma().membership.updateMany({ where: { userId: p.id }, data: { suspensionReason: "On leave" } });
    await addMembership(p.id, b!.id, ["viewer"], { status: "SUSPENDED" });
    const rejected = await addMembership(p.id, c!.id, ["viewer"], { status: "PENDING_APPROVAL" });
    await testPrisma().membership.update({
      where: { id: rejected.id },
      data: { status: "REJECTED", rejectedAt: new Date(), rejectionReason: "Not on the staff list" },
    });
    await addMembership(p.id, d!.id, ["viewer"], { status: "ACTIVE" });
    const principal = await asUser(p.id);

    const states = await ownAccessStates(principal);
    expect(states.map((s) => s.slug).sort()).toEqual([a!.slug, b!.slug, c!.slug].sort());
    expect(await ownAccessStateIn(principal, a!.slug)).toMatchObject({
      status: "SUSPENDED",
      reason: "On leave",
      contact: "Service desk, 555-0100",
    });
    // b hides the reason of a suspension; the reason stays stored.
    expect(await ownAccessStateIn(principal, b!.slug)).toMatchObject({
      status: "SUSPENDED",
      reason: null,
      contact: null,
    });
    expect(await ownAccessStateIn(principal, c!.slug)).toMatchObject({
      status: "REJECTED",
      reason: "Not on the staff list",
    });
    // Active there: nothing to explain. Never a member: nothing at all. Not a slug: nothing.
    expect(await ownAccessStateIn(principal, d!.slug)).toBeNull();
    expect(await ownAccessStateIn(principal, other!.slug)).toBeNull();
    expect(await ownAccessStateIn(principal, "../x")).toBeNull();

    // Someone else in the same municipality sees only their own.
    const q = await freshPerson(a!.id, ["viewer"], { status: "PENDING_APPROVAL" });
    expect(await ownAccessStates(await asUser(q.id))).toEqual([
      expect.objectContaining({ slug: a!.slug, status: "PENDING_APPROVAL", reason: null }),
    ]);

    // An archived municipality is gone for everyone, its refusals included.
    await testPrisma().municipality.update({ where: { id: a!.id }, data: { archivedAt: new Date() } });
    expect(await ownAccessStateIn(principal, a!.slug)).toBeNull();
    expect(await accessContactOf(a!.slug)).toBeNull();
    expect(await accessContactOf(c!.slug)).toBeNull();
  });
});
