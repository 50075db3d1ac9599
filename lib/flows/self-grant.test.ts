// Nobody grants, approves or changes their own access (DESIGN.md trust rules): every path that
// hands out or restores access refuses the actor's own account with a clear message, changes
// nothing, and leaves an audit event of the attempt. A platform admin, who may grant every
// municipality group anywhere, cannot use that to give one to themselves.
import { describe, expect, it } from "vitest";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import type { UserPrincipal } from "@/lib/identity/principal";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { ForbiddenError } from "@/lib/errors";
import { approveMembership, rejectMembership } from "./approval";
import { previewBulkInvite, sendBulkInvite } from "./bulk-invite";
import { reactivateMembership, reactivateUser } from "./deactivation";
import { changeMembershipAccess } from "./group-change";
import { createInvitation } from "./invite";
import { acceptInvitationSignedIn } from "./onboarding";
import { SELF_GRANT_EVENT } from "./grants";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

async function town() {
  const t = await freshMunicipality();
  // Two admins, so that no refusal below is the last-admin guard speaking.
  const [a, b] = await Promise.all([
    freshPerson(t.id, ["municipality_admin"]),
    freshPerson(t.id, ["municipality_admin"]),
  ]);
  return { t, a, b, admin: await viewerOf(a.email) };
}

/** A platform admin, whose own membership (if any) sits in `municipalityId`. */
async function platformAdmin(
  municipalityId: string,
  groups: string[],
  status: "ACTIVE" | "PENDING_APPROVAL" | "SUSPENDED" = "ACTIVE",
) {
  const row = await freshPerson(municipalityId, groups, { status, platformGroups: ["platform_admin"] });
  return { row, viewer: await viewerOf(row.email) };
}

async function refusalEvents(actorId: string, flow: string) {
  return raw.auditEvent.findMany({
    where: { action: SELF_GRANT_EVENT, actorId, data: { path: ["flow"], equals: flow } },
  });
}

describe("nobody grants, approves or changes their own access", () => {
  it("an admin cannot invite their own address (any spelling); the attempt is audited and nothing is sent", async () => {
    const { t, a, admin } = await town();
    await expect(
      createInvitation(admin, t.id, { email: ` ${a.email.toUpperCase()} `, groups: ["manager"] }),
    ).rejects.toThrow(ForbiddenError);
    await expect(createInvitation(admin, t.id, { email: a.email, groups: ["manager"] })).rejects.toThrow(/your own/);
    expect(await raw.invitation.count({ where: { email: a.email } })).toBe(0);
    expect(await raw.outboxMessage.count({ where: { to: a.email } })).toBe(0);
    const events = await refusalEvents(a.id, "invitation");
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ municipalityId: t.id, actorType: "user", subjectUserId: a.id });
  });

  it("a platform admin cannot invite themselves into a municipality", async () => {
    const { t } = await town();
    const elsewhere = await freshMunicipality();
    const pa = await platformAdmin(elsewhere.id, ["viewer"]);
    await expect(
      createInvitation(pa.viewer, t.id, { email: pa.row.email, groups: ["municipality_admin"] }),
    ).rejects.toThrow(/your own/);
    expect(await raw.invitation.count({ where: { email: pa.row.email } })).toBe(0);
    expect(await refusalEvents(pa.row.id, "invitation")).toHaveLength(1);
  });

  it("a CSV row with the admin's own address is refused with the reason; the other rows are invited", async () => {
    const { t, a, admin } = await town();
    const other = `bulk.${uniq()}@example.test`;
    const csv = ["email,groups", `${other},viewer`, `${a.email},municipality_admin`].join("\n");
    const preview = await previewBulkInvite(admin, t.id, csv);
    expect(preview.rows[1]!.reason).toMatch(/your own/);
    expect(await refusalEvents(a.id, "invitation")).toHaveLength(0);
    const { rows: report } = await sendBulkInvite(admin, t.id, csv, [2]);
    expect(report.map((r) => [r.line, r.outcome])).toEqual([
      [2, "invited"],
      [3, "refused"],
    ]);
    expect(report[1]!.reason).toMatch(/your own/);
    expect(await raw.invitation.count({ where: { email: a.email } })).toBe(0);
    expect(await refusalEvents(a.id, "invitation")).toHaveLength(1);
  });

  it("nobody decides on their own membership request (a platform admin with a pending membership included)", async () => {
    const { t } = await town();
    const pa = await platformAdmin(t.id, ["municipality_admin"], "PENDING_APPROVAL");
    const mId = pa.row.memberships[0]!.id;
    await expect(approveMembership(pa.viewer, mId)).rejects.toThrow(/your own/);
    await expect(rejectMembership(pa.viewer, mId, "not needed after all")).rejects.toBeInstanceOf(ForbiddenError);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: mId } })).status).toBe("PENDING_APPROVAL");
    expect(
      await raw.auditEvent.count({
        where: { targetId: mId, action: { in: ["membership.approve", "membership.reject"] } },
      }),
    ).toBe(0);
    expect(await refusalEvents(pa.row.id, "approval")).toHaveLength(2);
  });

  it("nobody changes the groups of their own membership; a platform admin cannot make themselves municipality admin", async () => {
    const { t, a, admin } = await town();
    await expect(
      changeMembershipAccess(admin, a.memberships[0]!.id, { groups: ["municipality_admin", "manager"] }),
    ).rejects.toThrow(/your own/);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: a.memberships[0]!.id } })).groups).toEqual([
      "municipality_admin",
    ]);
    const pa = await platformAdmin(t.id, ["viewer"]);
    await expect(
      changeMembershipAccess(pa.viewer, pa.row.memberships[0]!.id, { groups: ["municipality_admin"] }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: pa.row.memberships[0]!.id } })).groups).toEqual([
      "viewer",
    ]);
    expect(await refusalEvents(a.id, "group_change")).toHaveLength(1);
    expect(await refusalEvents(pa.row.id, "group_change")).toHaveLength(1);
  });

  it("nobody reactivates their own suspended membership or their own deactivated account", async () => {
    const { t } = await town();
    const pa = await platformAdmin(t.id, ["municipality_admin"], "SUSPENDED");
    await expect(reactivateMembership(pa.viewer, pa.row.memberships[0]!.id)).rejects.toThrow(/your own/);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: pa.row.memberships[0]!.id } })).status).toBe(
      "SUSPENDED",
    );
    // A viewer built just before the account was deactivated (a request in flight).
    const other = await platformAdmin(t.id, ["viewer"]);
    await raw.user.update({ where: { id: other.row.id }, data: { isActive: false } });
    await expect(reactivateUser(other.viewer, other.row.id)).rejects.toThrow(/your own/);
    expect((await raw.user.findUniqueOrThrow({ where: { id: other.row.id } })).isActive).toBe(false);
    expect(await refusalEvents(pa.row.id, "reactivation")).toHaveLength(1);
    expect(await refusalEvents(other.row.id, "reactivation")).toHaveLength(1);
  });

  it("nobody accepts an invitation they sent to themselves (one left over from before this rule)", async () => {
    const { t } = await town();
    const elsewhere = await freshMunicipality();
    const pa = await platformAdmin(elsewhere.id, ["viewer"]);
    const token = newSecret(32);
    await raw.invitation.create({
      data: {
        municipalityId: t.id,
        email: pa.row.email,
        groups: ["municipality_admin"],
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedById: pa.row.id,
      },
    });
    const principal = (await loadUserPrincipal(pa.row.id)) as UserPrincipal;
    await expect(acceptInvitationSignedIn(principal, token, { name: "Pat Self" })).rejects.toThrow(/yourself/);
    expect(await raw.membership.count({ where: { userId: pa.row.id, municipalityId: t.id } })).toBe(0);
    expect((await raw.invitation.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })).acceptedAt).toBeNull();
    expect(await refusalEvents(pa.row.id, "invitation_accept")).toHaveLength(1);
  });

  it("granting to someone else still works for the same admins", async () => {
    const { t, b, admin } = await town();
    await expect(
      changeMembershipAccess(admin, b.memberships[0]!.id, { groups: ["municipality_admin", "manager"] }),
    ).resolves.toEqual({ changed: true });
    await expect(
      createInvitation(admin, t.id, { email: `someone.${uniq()}@example.test`, groups: ["viewer"] }),
    ).resolves.toHaveProperty("id");
  });
});
