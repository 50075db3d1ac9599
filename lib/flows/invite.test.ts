import { describe, expect, it } from "vitest";
import { sha256 } from "@/lib/crypto/tokens";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createInvitation, inspectInvitation, INVITE_DAYS, resendInvitation, revokeInvitation } from "./invite";
import { grantableGroups, type Grant } from "./grants";
import { acceptInvitation } from "./onboarding";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf, freshTownWithAdmin, type Viewer } from "@/test/fixtures/viewers";
import { ONBOARDING, tokenFromMail } from "@/test/fixtures/mail";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

/** An invitation of a new Riverton address with these groups. */
const inviteNewAddress = (inviter: Viewer, municipalityId: string, groups: string[]) =>
  createInvitation(inviter, municipalityId, { email: `x.${uniq()}@riverton.test`, groups });

describe("invitations", () => {
  it("stores only the token's hash, expires in 7 days, and writes mail and audit event with it", async () => {
    const admin = await viewerOf("admin@riverton.test");
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
    const email = `inv.${uniq()}@riverton.test`;
    const before = Date.now();
    const { id } = await createInvitation(admin, riverton.id, {
      email,
      groups: ["operator"],
      allowedCategories: ["ROADS"],
    });
    const inv = await raw.invitation.findUniqueOrThrow({ where: { id } });
    const token = await tokenFromMail(email);
    expect(token).toHaveLength(43); // 32 random bytes, base64url
    expect(inv.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(inv)).not.toContain(token);
    const days = (inv.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(INVITE_DAYS - 0.01);
    expect(days).toBeLessThan(INVITE_DAYS + 0.01);
    const audit = await raw.auditEvent.findFirstOrThrow({ where: { action: "invitation.create", targetId: id } });
    expect(audit.municipalityId).toBe(riverton.id);
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", email, groups: ["operator"] });
  });

  it("refuses to grant more than the inviter holds, and answers not found outside their municipality", async () => {
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
    const lakesideAdmin = await viewerOf("admin@lakeside.test");
    await expect(inviteNewAddress(lakesideAdmin, riverton.id, ["viewer"])).rejects.toBeInstanceOf(NotFoundError);
    const manager = await viewerOf("manager@riverton.test");
    expect(grantableGroups(manager, riverton.id)).toEqual([]);
    await expect(inviteNewAddress(manager, riverton.id, ["viewer"])).rejects.toBeInstanceOf(NotFoundError);
    const admin = await viewerOf("admin@riverton.test");
    await expect(inviteNewAddress(admin, riverton.id, ["superuser"])).rejects.toBeInstanceOf(ValidationError);
    const platform = await viewerOf("platform.admin@gatehouse.test");
    await expect(inviteNewAddress(platform, riverton.id, ["platform_admin"])).rejects.toBeInstanceOf(ValidationError);
    // A platform admin may grant municipality groups anywhere.
    await expect(inviteNewAddress(platform, riverton.id, ["municipality_admin"])).resolves.toHaveProperty("id");
    const lakeside = await raw.municipality.findUniqueOrThrow({
      where: { slug: "lakeside" },
      include: { departments: true },
    });
    const foreignDept = (await raw.department.findFirstOrThrow({ where: { municipalityId: riverton.id } })).id;
    await expect(
      createInvitation(lakesideAdmin, lakeside.id, {
        email: `x.${uniq()}@lakeside.test`,
        groups: ["viewer"],
        departmentId: foreignDept,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("bounds a non-admin granter by their own groups, department and categories", async () => {
    const { assertMayGrant } = await import("./grants");
    const town = await freshMunicipality();
    const admin = await freshPerson(town.id, ["municipality_admin"]);
    const viewer = await viewerOf(admin.email);
    await expect(
      assertMayGrant(viewer, town.id, { groups: ["operator", "municipality_admin"], allowedCategories: [] }),
    ).resolves.toBeUndefined();
    // A principal whose right to grant rests on a narrower membership (as a future policy could give).
    const narrow = {
      ...viewer,
      principal: {
        ...viewer.principal,
        memberships: [
          {
            membershipId: "m",
            municipalityId: town.id,
            departmentId: town.departments[0]!.id,
            allowedCategories: ["ROADS" as const],
            groups: ["operator"],
          },
        ],
      },
    } as typeof viewer;
    const narrowGrants = (groups: string[], departmentId: string, allowedCategories: Grant["allowedCategories"]) =>
      assertMayGrant(narrow, town.id, { groups, departmentId, allowedCategories });
    await expect(narrowGrants(["manager"], town.departments[0]!.id, ["ROADS"])).rejects.toThrow(/manager/);
    await expect(narrowGrants(["operator"], town.departments[1]!.id, ["ROADS"])).rejects.toThrow(/department/);
    await expect(narrowGrants(["operator"], town.departments[0]!.id, [])).rejects.toThrow(/all categories/);
    await expect(narrowGrants(["operator"], town.departments[0]!.id, ["ROADS", "WASTE"])).rejects.toThrow(/WASTE/);
    await expect(narrowGrants(["operator"], town.departments[0]!.id, ["ROADS"])).resolves.toBeUndefined();
  });

  it("refuses duplicates: members, pending invitations, deactivated accounts", async () => {
    const admin = await viewerOf("admin@riverton.test");
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
    await expect(
      createInvitation(admin, riverton.id, { email: "viewer@riverton.test", groups: ["viewer"] }),
    ).rejects.toBeInstanceOf(ConflictError);
    // A deactivated account the admin can see (it has a membership here) gets the useful answer.
    await expect(
      createInvitation(admin, riverton.id, { email: "deactivated@riverton.test", groups: ["viewer"] }),
    ).rejects.toThrow(/deactivated/);
    const email = `dup.${uniq()}@riverton.test`;
    await createInvitation(admin, riverton.id, { email, groups: ["viewer"] });
    await expect(createInvitation(admin, riverton.id, { email, groups: ["viewer"] })).rejects.toThrow(/resend/);
  });

  it("an address whose deactivated account works elsewhere gets the answer any address gets: invited, but nobody is mailed", async () => {
    const elsewhere = await freshMunicipality();
    const gone = await freshPerson(elsewhere.id, ["operator"]);
    await raw.user.update({ where: { id: gone.id }, data: { isActive: false } });
    const { town, admin } = await freshTownWithAdmin();
    const fresh = `never.${uniq()}@example.test`;
    const [a, b] = await Promise.all([
      createInvitation(admin, town.id, { email: gone.email, groups: ["viewer"] }),
      createInvitation(admin, town.id, { email: fresh, groups: ["viewer"] }),
    ]);
    // What the admin can see is alike for both: the invitation row and its audit event.
    const shape = async (id: string) => {
      const inv = await raw.invitation.findUniqueOrThrow({ where: { id } });
      const ev = await raw.auditEvent.findFirstOrThrow({ where: { action: "invitation.create", targetId: id } });
      return {
        inv: { groups: inv.groups, sendCount: inv.sendCount, revoked: inv.revokedAt, accepted: inv.acceptedAt },
        ev: { municipalityId: ev.municipalityId, keys: Object.keys(ev.data as object).sort() },
      };
    };
    expect(await shape(a.id)).toEqual(await shape(b.id));
    const townEvents = await raw.auditEvent.findMany({ where: { municipalityId: town.id } });
    expect(
      townEvents
        .filter(
          (e) => /deactivat|withheld/.test(`${e.action} ${JSON.stringify(e.data)}`) || e.subjectUserId === gone.id,
        )
        .map((e) => e.action),
    ).toEqual([]);
    // A deactivated person gets no mail (docs/requirements.md#staff-accounts), not even a resent one.
    await resendInvitation(admin, a.id);
    expect(await raw.outboxMessage.count({ where: { to: gone.email } })).toBe(0);
    expect(await raw.outboxMessage.count({ where: { to: fresh } })).toBe(1);
    // Platform admins, who manage that account, are told in the platform audit log.
    const held = await raw.auditEvent.findMany({ where: { action: "invitation.mail_withheld", targetId: a.id } });
    expect(held.map((e) => e.municipalityId)).toEqual([null, null]);
    // A platform admin sees the account anyway, and gets the direct answer.
    const platform = await viewerOf("platform.admin@gatehouse.test");
    await expect(createInvitation(platform, elsewhere.id, { email: gone.email, groups: ["viewer"] })).rejects.toThrow(
      /deactivated/,
    );
  });

  it("resend issues a new token (the old link dies); revoke ends it; expired links say so", async () => {
    const admin = await viewerOf("admin@riverton.test");
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
    const email = `resend.${uniq()}@riverton.test`;
    const { id } = await createInvitation(admin, riverton.id, { email, groups: ["viewer"] });
    const first = await tokenFromMail(email);
    await new Promise((r) => setTimeout(r, 5));
    await resendInvitation(admin, id);
    const second = await tokenFromMail(email);
    expect(second).not.toBe(first);
    expect(await inspectInvitation(first)).toEqual({ state: "unknown" });
    expect(await inspectInvitation(second)).toMatchObject({ state: "valid" });
    expect((await raw.invitation.findUniqueOrThrow({ where: { id } })).sendCount).toBe(2);
    expect(await raw.outboxMessage.count({ where: { to: email, template: "invitation" } })).toBe(2);

    const lakesideAdmin = await viewerOf("admin@lakeside.test");
    await expect(revokeInvitation(lakesideAdmin, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resendInvitation(lakesideAdmin, id)).rejects.toBeInstanceOf(NotFoundError);
    await revokeInvitation(admin, id);
    expect(await inspectInvitation(second)).toEqual({ state: "revoked" });
    await expect(acceptInvitation(second, ONBOARDING)).rejects.toBeInstanceOf(ConflictError);
    await expect(resendInvitation(admin, id)).rejects.toBeInstanceOf(ConflictError);
    expect(
      await raw.auditEvent.count({
        where: { targetId: id, action: { in: ["invitation.create", "invitation.resend", "invitation.revoke"] } },
      }),
    ).toBe(3);

    const email2 = `expired.${uniq()}@riverton.test`;
    const { id: id2 } = await createInvitation(admin, riverton.id, { email: email2, groups: ["viewer"] });
    const token2 = await tokenFromMail(email2);
    await raw.invitation.update({ where: { id: id2 }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await inspectInvitation(token2)).toEqual({ state: "expired" });
    await expect(acceptInvitation(token2, ONBOARDING)).rejects.toBeInstanceOf(ConflictError);
    expect(await inspectInvitation("not-a-token")).toEqual({ state: "unknown" });
  });

  it("a non-user principal cannot invite", async () => {
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
    const { viewerFor } = await import("@/lib/auth/viewer");
    const anon = await viewerFor({ kind: "anonymous" });
    await expect(createInvitation(anon, riverton.id, { email: "a@b.test", groups: ["viewer"] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
