import { describe, expect, it } from "vitest";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import type { UserPrincipal } from "@/lib/identity/principal";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createInvitation, inspectInvitation } from "./invite";
import { acceptInvitation, acceptInvitationSignedIn, prepareProviderSignIn } from "./onboarding";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOf, freshViewer } from "@/test/fixtures/viewers";
import { ONBOARDING, tokenFromMail } from "@/test/fixtures/mail";
import { uniq } from "@/test/fixtures/unique";
import { barrier, exactCounts, isConflict, singleWinner } from "./race-checks";
import { recordAudit } from "@/lib/audit/record";
import { sha256 } from "@/lib/crypto/tokens";
import { size } from "@/test/fixtures/suite-size";
import { raceRounds } from "@/test/fixtures/races";

const ACCEPT_ROUNDS = size(4, 20);

const raw = testPrisma();

async function invite(opts: { requiresApproval: boolean }) {
  const town = await freshMunicipality({ requiresApproval: opts.requiresApproval });
  const admin = await freshPerson(town.id, ["municipality_admin"]);
  const viewer = await viewerOf(admin.email);
  const email = `new.${uniq()}@example.test`;
  await createInvitation(viewer, town.id, {
    email,
    groups: ["operator"],
    departmentId: town.departments[0]!.id,
    allowedCategories: ["ROADS", "WASTE"],
  });
  return { town, email, token: await tokenFromMail(email) };
}

describe("onboarding from an invitation", () => {
  // The accept racing itself, many times; the judges (race-checks.ts) are shown failing on a naive
  // accept in the next test.
  async function raceAccepts(accept: (token: string) => Promise<unknown>) {
    const { email, token } = await invite({ requiresApproval: true });
    const results = await Promise.allSettled([accept(token), accept(token), accept(token)]);
    const users = await raw.user.findMany({ where: { email }, include: { memberships: true } });
    const ids = users.map((u) => u.id);
    const audits = await raw.auditEvent.count({
      where: {
        action: "invitation.accept",
        OR: [{ subjectUserId: { in: ids } }, { data: { path: ["email"], equals: email } }],
      },
    });
    const mails = await raw.outboxMessage.count({ where: { to: email, template: "pending" } });
    const problems = [
      ...singleWinner(results, isConflict),
      ...exactCounts({
        users: [users.length, 1],
        memberships: [users.flatMap((u) => u.memberships).length, 1],
        "accept audit events": [audits, 1],
        "pending mails": [mails, 1],
      }),
    ];
    if ((await inspectInvitation(token)).state !== "used") problems.push("the invitation is not marked used");
    return problems;
  }

  it(`the same invitation accepted three times at once creates exactly one account and membership (${ACCEPT_ROUNDS} rounds)`, async () => {
    const race = () => raceAccepts((token) => acceptInvitation(token, ONBOARDING));
    await raceRounds("concurrency-invitations", ACCEPT_ROUNDS, race, {
      racingAccepts: ACCEPT_ROUNDS * 3,
      doubleAccepts: 0,
    });
  });

  it("the judges catch an accept that checks 'not used yet' and then writes without claiming", async () => {
    const allRead = barrier(3);
    const naive = async (token: string) => {
      const inv = await raw.invitation.findFirst({ where: { tokenHash: sha256(token), acceptedAt: null } });
      await allRead();
      if (!inv) throw new ConflictError("used");
      await raw.$transaction(async (tx) => {
        await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date() } });
        await tx.outboxMessage.create({
          data: { to: inv.email, subject: "pending", text: "pending", template: "pending" },
        });
        await recordAudit(tx, {
          action: "invitation.accept",
          actorType: "anonymous",
          targetType: "Invitation",
          targetId: inv.id,
          data: { email: inv.email },
        });
      });
    };
    const problems = await raceAccepts(naive);
    expect(problems).toContain("3 of 3 racing calls succeeded; exactly one must");
    expect(problems).toContain("accept audit events: 3, expected 1");
  });

  it("waits for approval where the municipality requires it, with the profile and checklist fields, and a 'pending' mail", async () => {
    const { town, email, token } = await invite({ requiresApproval: true });
    const r = await acceptInvitation(token, ONBOARDING);
    expect(r.status).toBe("PENDING_APPROVAL");
    const m = await raw.membership.findUniqueOrThrow({
      where: { id: r.membershipId },
      include: { user: { omit: { passwordHash: false } } },
    });
    expect(m).toMatchObject({
      municipalityId: town.id,
      status: "PENDING_APPROVAL",
      groups: ["operator"],
      allowedCategories: ["ROADS", "WASTE"],
      departmentId: town.departments[0]!.id,
      jobTitle: "Inspector",
      phone: "+1 555 0100",
      approvedAt: null,
      welcomeSentAt: null,
    });
    expect(m.profileCompletedAt).not.toBeNull();
    expect(m.user.name).toBe("New Person");
    expect(await verifyPassword(m.user.passwordHash!, ONBOARDING.password)).toBe(true);
    expect(await raw.outboxMessage.count({ where: { to: email, template: "pending" } })).toBe(1);
    // Pending grants nothing yet.
    expect(((await loadUserPrincipal(m.userId)) as UserPrincipal).memberships).toEqual([]);
  });

  it("is active at once where no approval is needed, with a welcome mail", async () => {
    const { email, token } = await invite({ requiresApproval: false });
    const r = await acceptInvitation(token, ONBOARDING);
    expect(r.status).toBe("ACTIVE");
    const m = await raw.membership.findUniqueOrThrow({ where: { id: r.membershipId } });
    expect(m.welcomeSentAt).not.toBeNull();
    expect(await raw.outboxMessage.count({ where: { to: email, template: "welcome" } })).toBe(1);
    expect(((await loadUserPrincipal(m.userId)) as UserPrincipal).memberships.map((x) => x.groups)).toEqual([
      ["operator"],
    ]);
  });

  it("validates with the shared schema", async () => {
    const { token } = await invite({ requiresApproval: true });
    await expect(acceptInvitation(token, { ...ONBOARDING, confirm: "different-password" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      acceptInvitation(token, { ...ONBOARDING, password: "short", confirm: "short" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("someone who can already sign in must sign in; signed-in acceptance needs the invited address", async () => {
    const town = await freshMunicipality({ requiresApproval: false });
    const admin = await freshViewer(town.id, ["municipality_admin"]);
    const existing = await freshUser({
      email: `has.account.${uniq()}@example.test`,
      name: "Has Account",
      passwordHash: await hashPassword("an-existing-password"),
    });
    await createInvitation(admin, town.id, { email: existing.email, groups: ["viewer"] });
    const token = await tokenFromMail(existing.email);
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", hasAccount: true });
    await expect(acceptInvitation(token, ONBOARDING)).rejects.toThrow(/sign in first/);
    const stillOld = await raw.user.findUniqueOrThrow({ where: { id: existing.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stillOld.passwordHash!, "an-existing-password")).toBe(true);
    const other = (await loadUserPrincipal(
      (await raw.user.findUniqueOrThrow({ where: { email: "operator@riverton.test" } })).id,
    )) as UserPrincipal;
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
    const bare = await raw.user.findUniqueOrThrow({
      where: { email },
      omit: { passwordHash: false },
      include: { memberships: true },
    });
    expect(bare.passwordHash).toBeNull();
    expect(bare.memberships).toEqual([]);
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", hasAccount: false });
    const p = (await loadUserPrincipal(bare.id)) as UserPrincipal;
    const r = await acceptInvitationSignedIn(p, token, { name: "Via Provider" });
    expect(r.status).toBe("PENDING_APPROVAL");
  });
});
