// An administrator's reset of someone's sign-in factors: everything removed at once, sessions
// ended, audited, mailed through the outbox without any secret; refused for one's own account and
// for people outside the administrator's reach (platform people, people who work elsewhere too).
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { SELF_GRANT_EVENT } from "./grants";
import { factorsOf, resetFactors } from "./factor-reset";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

/** Two passkeys, a confirmed authenticator app, three recovery codes (one used), two sessions. */
async function giveFactors(userId: string) {
  const hex = () => randomBytes(16).toString("hex");
  for (const name of ["Work laptop", "Phone"])
    await raw.webAuthnCredential.create({
      data: { userId, credentialId: hex(), publicKey: Buffer.from(hex()), name, deviceType: "multiDevice" },
    });
  await raw.totpFactor.create({ data: { userId, secretCipher: `sealed-${hex()}`, confirmedAt: new Date() } });
  for (const usedAt of [null, null, new Date()])
    await raw.recoveryCode.create({ data: { userId, codeHash: hex(), usedAt } });
  for (let i = 0; i < 2; i++)
    await raw.session.create({
      data: { userId, sessionToken: hex(), expires: new Date(Date.now() + 3_600_000), authMethods: ["pwd", "otp"] },
    });
}

const left = async (userId: string) => ({
  passkeys: await raw.webAuthnCredential.count({ where: { userId } }),
  totp: await raw.totpFactor.count({ where: { userId } }),
  codes: await raw.recoveryCode.count({ where: { userId } }),
  liveSessions: await raw.session.count({ where: { userId, revokedAt: null } }),
});

describe("resetFactors", () => {
  it("removes passkeys, the authenticator app and recovery codes, ends the sessions, audits and mails the person", async () => {
    const muni = await freshMunicipality();
    const admin = await freshPerson(muni.id, ["municipality_admin"]);
    const person = await freshPerson(muni.id, ["viewer"]);
    await giveFactors(person.id);
    const viewer = await viewerOf(admin.email);

    const shown = await factorsOf(viewer, person.memberships[0]!.id);
    expect(shown).not.toBeNull();
    expect(shown!.passkeys.map((p) => p.name)).toEqual(["Work laptop", "Phone"]);
    expect(shown!.totpSince).toBeInstanceOf(Date);
    expect(shown!.recoveryCodesLeft).toBe(2);
    expect(shown!.canReset).toBe(true);
    // Names and dates only: no key, secret or hash reaches the page.
    expect(JSON.stringify(shown)).not.toMatch(/publicKey|credentialId|secretCipher|codeHash|sealed-/);

    const r = await resetFactors(viewer, person.id, "lost phone and laptop");
    expect(r).toEqual({ passkeys: 2, totp: 1, recoveryCodes: 3, sessionsEnded: 2 });
    expect(await left(person.id)).toEqual({ passkeys: 0, totp: 0, codes: 0, liveSessions: 0 });

    const events = await raw.auditEvent.findMany({ where: { action: "auth.factors.reset", subjectUserId: person.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(admin.id);
    expect(events[0]!.data).toMatchObject({ reason: "lost phone and laptop", passkeys: 2, totp: 1 });

    const mails = await raw.outboxMessage.findMany({ where: { userId: person.id, template: "factors-reset" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe(person.email);
    expect(mails[0]!.text).toContain("passkeys (2), authenticator app, recovery codes");
    expect(mails[0]!.linkCipher).toBeNull();

    // Nothing left to show afterwards.
    const after = await factorsOf(viewer, person.memberships[0]!.id);
    expect(after).toMatchObject({ passkeys: [], totpSince: null, recoveryCodesLeft: 0 });
  });

  it("refuses one's own factors (recorded), and changes nothing", async () => {
    const muni = await freshMunicipality();
    const admin = await freshPerson(muni.id, ["municipality_admin"]);
    await freshPerson(muni.id, ["municipality_admin"]); // not the last admin: the refusal is about self
    await giveFactors(admin.id);
    const viewer = await viewerOf(admin.email);
    expect((await factorsOf(viewer, admin.memberships[0]!.id))!.canReset).toBe(false);
    await expect(resetFactors(viewer, admin.id, "resetting myself")).rejects.toThrow(ForbiddenError);
    expect(await left(admin.id)).toEqual({ passkeys: 2, totp: 1, codes: 3, liveSessions: 2 });
    expect(
      await raw.auditEvent.count({ where: { action: SELF_GRANT_EVENT, actorId: admin.id, targetId: admin.id } }),
    ).toBe(1);
  });

  it("a municipality admin cannot reset a platform person or someone who also works elsewhere; an outsider finds nobody", async () => {
    const muni = await freshMunicipality();
    const other = await freshMunicipality();
    const admin = await viewerOf((await freshPerson(muni.id, ["municipality_admin"])).email);
    const platform = await freshPerson(muni.id, ["viewer"], { platformGroups: ["platform_admin"] });
    const twoPlaces = await freshPerson(muni.id, ["viewer"]);
    await addMembership(twoPlaces.id, other.id, ["viewer"]);
    for (const p of [platform, twoPlaces]) {
      await giveFactors(p.id);
      expect((await factorsOf(admin, p.memberships[0]!.id))!.canReset).toBe(false);
      await expect(resetFactors(admin, p.id, "not mine to reset")).rejects.toThrow(ForbiddenError);
      expect((await left(p.id)).passkeys).toBe(2);
    }
    // Another municipality's admin: the person does not exist for them.
    const outsider = await viewerOf((await freshPerson(other.id, ["municipality_admin"])).email);
    const local = await freshPerson(muni.id, ["viewer"]);
    await giveFactors(local.id);
    await expect(factorsOf(outsider, local.memberships[0]!.id)).rejects.toThrow(NotFoundError);
    await expect(resetFactors(outsider, local.id, "not in my reach")).rejects.toThrow(NotFoundError);
    expect((await left(local.id)).passkeys).toBe(2);

    // A platform admin may reset the platform person's factors.
    const pa = await viewerOf((await freshUser({ platformGroups: ["platform_admin"] })).email);
    const r = await resetFactors(pa, platform.id, "platform person lost their key");
    expect(r.passkeys).toBe(2);
  });

  it("a viewer without people management sees no factors and cannot reset", async () => {
    const muni = await freshMunicipality();
    const person = await freshPerson(muni.id, ["viewer"]);
    await giveFactors(person.id);
    const viewer = await viewerOf((await freshPerson(muni.id, ["viewer"])).email);
    await expect(resetFactors(viewer, person.id, "trying it")).rejects.toThrow(/not found|not allowed/i);
    expect((await left(person.id)).passkeys).toBe(2);
  });
});
