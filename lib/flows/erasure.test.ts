import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { reactivateMembership, reactivateUser } from "./deactivation";
import { eraseUser, erasedEmail } from "./erasure";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson } from "@/test/fixtures/people";
import { viewerOf, freshTownWithAdmin } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

describe("erasure", () => {
  it("anonymises name, email and phone, deactivates, revokes sessions, keeps every row and audit event", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const person = await freshPerson(town.id, ["operator"]);
    await raw.membership.update({
      where: { id: person.memberships[0]!.id },
      data: { phone: "+1 555 0199", jobTitle: "Inspector" },
    });
    await raw.session.create({
      data: { userId: person.id, sessionToken: `s-${uniq()}`, expires: new Date(Date.now() + 3_600_000) },
    });
    await raw.outboxMessage.create({
      data: { to: person.email, userId: person.id, subject: "Hello", text: `Dear ${person.name}`, template: "welcome" },
    });
    await raw.auditEvent.count({ where: { subjectUserId: person.id } });

    await expect(
      eraseUser(admin, person.id, {
        reason: "Left the municipality, asked for erasure",
        confirmEmail: "wrong@example.test",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await eraseUser(admin, person.id, {
      reason: "Left the municipality, asked for erasure",
      confirmEmail: person.email,
    });

    const u = await raw.user.findUniqueOrThrow({
      where: { id: person.id },
      include: { memberships: true, sessions: true },
    });
    expect(u).toMatchObject({ email: erasedEmail(person.id), name: null, isActive: false });
    expect(u.erasedAt).not.toBeNull();
    expect(u.memberships[0]).toMatchObject({ phone: null, jobTitle: null, groups: ["operator"] });
    expect(u.sessions.every((s) => s.revokedAt)).toBe(true);
    const mails = await raw.outboxMessage.findMany({ where: { userId: person.id } });
    expect(mails.every((m) => m.to === erasedEmail(person.id) && m.text === "[erased]" && m.status === "FAILED")).toBe(
      true,
    );
    expect(await raw.user.count({ where: { email: person.email } })).toBe(0);
    const e = await raw.auditEvent.findFirstOrThrow({ where: { action: "user.erase", subjectUserId: person.id } });
    expect(JSON.stringify(e.data)).not.toContain(person.email);
    await expect(
      eraseUser(admin, person.id, { reason: "again", confirmEmail: erasedEmail(person.id) }),
    ).rejects.toThrow(/already/);
  });

  it("refuses self-erasure, people outside reach, and people who also work elsewhere", async () => {
    const town = await freshMunicipality();
    const adminRow = await freshPerson(town.id, ["municipality_admin"]);
    const admin = await viewerOf(adminRow.email);
    await expect(
      eraseUser(admin, adminRow.id, { reason: "testing it", confirmEmail: adminRow.email }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const riverOperator = await raw.user.findUniqueOrThrow({ where: { email: "operator@riverton.test" } });
    await expect(
      eraseUser(admin, riverOperator.id, { reason: "testing it", confirmEmail: riverOperator.email }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const twoPlaces = await freshPerson(town.id, ["viewer"]);
    const other = await freshMunicipality();
    await addMembership(twoPlaces.id, other.id, ["viewer"]);
    await expect(
      eraseUser(admin, twoPlaces.id, { reason: "testing it", confirmEmail: twoPlaces.email }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("removes the sign-in links to identity providers, sessions and pending sign-in tokens; an erased account cannot be reactivated", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const platform = await viewerOf(
      (await freshPerson((await freshMunicipality()).id, [], { platformGroups: ["platform_admin"] })).email,
    );
    const person = await freshPerson(town.id, ["operator"]);
    await raw.account.create({
      data: {
        userId: person.id,
        type: "oidc",
        provider: `sso-${uniq()}`,
        providerAccountId: `sub-${uniq()}`,
        id_token: "eyJ.secret.token",
      },
    });
    await raw.account.create({
      data: { userId: person.id, type: "oauth", provider: "google", providerAccountId: `g-${uniq()}` },
    });
    await raw.session.create({
      data: {
        userId: person.id,
        sessionToken: `s-${uniq()}`,
        expires: new Date(Date.now() + 3_600_000),
        ip: "192.0.2.7",
        userAgent: "Firefox",
      },
    });
    await raw.verificationToken.create({
      data: { identifier: person.email, token: `v-${uniq()}`, expires: new Date(Date.now() + 3_600_000) },
    });
    await raw.webAuthnCredential.create({
      data: { userId: person.id, credentialId: `c-${uniq()}`, publicKey: Buffer.from([1]), name: "Anna's phone" },
    });
    await raw.totpFactor.create({ data: { userId: person.id, secretCipher: "sealed", confirmedAt: new Date() } });
    await raw.recoveryCode.create({ data: { userId: person.id, codeHash: `h-${uniq()}` } });

    await eraseUser(admin, person.id, {
      reason: "Left the municipality, asked for erasure",
      confirmEmail: person.email,
    });

    expect(await raw.account.count({ where: { userId: person.id } })).toBe(0);
    expect(await raw.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await raw.verificationToken.count({ where: { identifier: person.email } })).toBe(0);
    expect(await raw.webAuthnCredential.count({ where: { userId: person.id } })).toBe(0);
    expect(await raw.totpFactor.count({ where: { userId: person.id } })).toBe(0);
    expect(await raw.recoveryCode.count({ where: { userId: person.id } })).toBe(0);
    // Neither the municipality admin nor a platform admin brings the account (or its membership) back.
    for (const who of [admin, platform]) {
      await expect(reactivateUser(who, person.id)).rejects.toBeInstanceOf(ConflictError);
      await expect(reactivateUser(who, person.id)).rejects.toThrow(/erased/);
    }
    await raw.membership.update({ where: { id: person.memberships[0]!.id }, data: { status: "SUSPENDED" } });
    await expect(reactivateMembership(admin, person.memberships[0]!.id)).rejects.toThrow(/erased/);
    const u = await raw.user.findUniqueOrThrow({ where: { id: person.id }, include: { memberships: true } });
    expect(u.isActive).toBe(false);
    expect(u.memberships[0]!.status).toBe("SUSPENDED");
    expect(
      await raw.auditEvent.count({
        where: { subjectUserId: person.id, action: { in: ["user.reactivate", "membership.reactivate"] } },
      }),
    ).toBe(0);
  });
});
