import { afterAll, describe, expect, it } from "vitest";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import type { UserPrincipal } from "@/lib/auth/principal";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createInvitation, inspectInvitation } from "./invite";
import { acceptInvitation, acceptInvitationSignedIn, prepareProviderSignIn } from "./onboarding";
import { freshMunicipality, freshPerson, ONBOARDING, rawClient, tokenFromMail, uniq, viewerOf } from "./test-helpers";

const raw = rawClient();
afterAll(() => raw.$disconnect());

async function invite(opts: { requiresApproval: boolean }) {
  const town = await freshMunicipality(raw, { requiresApproval: opts.requiresApproval });
  const admin = await freshPerson(raw, town.id, ["municipality_admin"]);
  const viewer = await viewerOf(raw, admin.email);
  const email = `new.${uniq()}@example.test`;
  await createInvitation(viewer, town.id, { email, groups: ["operator"], departmentId: town.departments[0]!.id, allowedCategories: ["ROADS", "WASTE"] });
  return { town, email, token: await tokenFromMail(raw, email) };
}

describe("onboarding from an invitation", () => {
  it("the same invitation accepted twice at once creates exactly one membership", async () => {
    const { email, token } = await invite({ requiresApproval: true });
    const results = await Promise.allSettled([acceptInvitation(token, ONBOARDING), acceptInvitation(token, ONBOARDING), acceptInvitation(token, ONBOARDING)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const users = await raw.user.findMany({ where: { email }, include: { memberships: true } });
    expect(users).toHaveLength(1);
    expect(users[0]!.memberships).toHaveLength(1);
    expect(await raw.auditEvent.count({ where: { action: "invitation.accept", subjectUserId: users[0]!.id } })).toBe(1);
    expect(await inspectInvitation(token)).toEqual({ state: "used" });
  });

  it("waits for approval where the municipality requires it, with the profile and checklist fields, and a 'pending' mail", async () => {
    const { town, email, token } = await invite({ requiresApproval: true });
    const r = await acceptInvitation(token, ONBOARDING);
    expect(r.status).toBe("PENDING_APPROVAL");
    const m = await raw.membership.findUniqueOrThrow({ where: { id: r.membershipId }, include: { user: { omit: { passwordHash: false } } } });
    expect(m).toMatchObject({ municipalityId: town.id, status: "PENDING_APPROVAL", groups: ["operator"], allowedCategories: ["ROADS", "WASTE"], departmentId: town.departments[0]!.id, jobTitle: "Inspector", phone: "+1 555 0100", approvedAt: null, welcomeSentAt: null });
    expect(m.profileCompletedAt).not.toBeNull();
    expect(m.user.name).toBe("New Person");
    expect(await verifyPassword(m.user.passwordHash!, ONBOARDING.password)).toBe(true);
    expect(await raw.outboxMessage.count({ where: { to: email, template: "pending" } })).toBe(1);
    // Pending grants nothing yet.
    expect((await loadUserPrincipal(m.userId) as UserPrincipal).memberships).toEqual([]);
  });

  it("is active at once where no approval is needed, with a welcome mail", async () => {
    const { email, token } = await invite({ requiresApproval: false });
    const r = await acceptInvitation(token, ONBOARDING);
    expect(r.status).toBe("ACTIVE");
    const m = await raw.membership.findUniqueOrThrow({ where: { id: r.membershipId } });
    expect(m.welcomeSentAt).not.toBeNull();
    expect(await raw.outboxMessage.count({ where: { to: email, template: "welcome" } })).toBe(1);
    expect((await loadUserPrincipal(m.userId) as UserPrincipal).memberships.map((x) => x.groups)).toEqual([["operator"]]);
  });

  it("validates with the shared schema", async () => {
    const { token } = await invite({ requiresApproval: true });
    await expect(acceptInvitation(token, { ...ONBOARDING, confirm: "different-password" })).rejects.toBeInstanceOf(ValidationError);
    await expect(acceptInvitation(token, { ...ONBOARDING, password: "short", confirm: "short" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("someone who can already sign in must sign in; signed-in acceptance needs the invited address", async () => {
    const town = await freshMunicipality(raw, { requiresApproval: false });
    const admin = await viewerOf(raw, (await freshPerson(raw, town.id, ["municipality_admin"])).email);
    const existing = await raw.user.create({ data: { email: `has.account.${uniq()}@example.test`, name: "Has Account", passwordHash: await hashPassword("an-existing-password") } });
    await createInvitation(admin, town.id, { email: existing.email, groups: ["viewer"] });
    const token = await tokenFromMail(raw, existing.email);
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", hasAccount: true });
    await expect(acceptInvitation(token, ONBOARDING)).rejects.toThrow(/sign in first/);
    const stillOld = await raw.user.findUniqueOrThrow({ where: { id: existing.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stillOld.passwordHash!, "an-existing-password")).toBe(true);
    const other = (await loadUserPrincipal((await raw.user.findUniqueOrThrow({ where: { email: "operator@riverton.test" } })).id)) as UserPrincipal;
    await expect(acceptInvitationSignedIn(other, token, { name: "Olga" })).rejects.toBeInstanceOf(ForbiddenError);
    const me = (await loadUserPrincipal(existing.id)) as UserPrincipal;
    const r = await acceptInvitationSignedIn(me, token, { name: "Has Account", jobTitle: "Clerk" });
    expect(r.status).toBe("ACTIVE");
    const ms = await raw.membership.findMany({ where: { userId: me.userId } });
    expect(ms.map((m) => m.municipalityId)).toEqual([town.id]);
  });

  it("prepares an OAuth hand-off with a bare account that cannot sign in, then accepts once signed in", async () => {
    const { email, token } = await invite({ requiresApproval: true });
    await prepareProviderSignIn(token);
    const bare = await raw.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false }, include: { memberships: true } });
    expect(bare.passwordHash).toBeNull();
    expect(bare.memberships).toEqual([]);
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", hasAccount: false });
    const p = (await loadUserPrincipal(bare.id)) as UserPrincipal;
    const r = await acceptInvitationSignedIn(p, token, { name: "Via Provider" });
    expect(r.status).toBe("PENDING_APPROVAL");
  });
});
