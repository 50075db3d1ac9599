// Sign-in stages, idle limits and step-up recency on the real database: who is asked for a second
// factor, who must enroll, that a partial session carries no access, and that only the stage
// named moves a session on.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { AMR, finishSignIn, mfaRequired, stageAfterFirstFactor } from "./assurance";
import { checkSession, createSession } from "./session-store";
import { idleMinutesFor } from "./session-limits";
import { isRecentlyAuthenticated, STEP_UP_MINUTES, strongestFactorOf } from "./step-up";
import { loadUserPrincipal } from "./load-principal";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

const minutes = (n: number) => n * 60_000;

describe("who must use MFA", () => {
  it("follows the municipality's setting, and always holds for platform groups", async () => {
    const off = await freshMunicipality();
    const admins = await freshMunicipality();
    const everyone = await freshMunicipality();
    await raw.municipality.update({ where: { id: admins.id }, data: { mfaRequirement: "ADMINS_AND_MANAGERS" } });
    await raw.municipality.update({ where: { id: everyone.id }, data: { mfaRequirement: "EVERYONE" } });

    expect(await mfaRequired((await freshPerson(off.id, ["municipality_admin"])).id)).toBe(false);
    expect(await mfaRequired((await freshPerson(admins.id, ["municipality_admin"])).id)).toBe(true);
    expect(await mfaRequired((await freshPerson(admins.id, ["manager"])).id)).toBe(true);
    expect(await mfaRequired((await freshPerson(admins.id, ["viewer"])).id)).toBe(false);
    expect(await mfaRequired((await freshPerson(everyone.id, ["viewer"])).id)).toBe(true);
    // A suspended membership asks nothing of the person.
    expect(await mfaRequired((await freshPerson(everyone.id, ["viewer"], { status: "SUSPENDED" })).id)).toBe(false);
    expect(await mfaRequired((await freshUser({ platformGroups: ["platform_admin"] })).id)).toBe(true);
  });
});

describe("sign-in stages", () => {
  it("asks a person with a factor for it, sends a person who must use MFA to enroll, and lets others in", async () => {
    const town = await freshMunicipality();
    await raw.municipality.update({ where: { id: town.id }, data: { mfaRequirement: "EVERYONE" } });
    const mustEnroll = await freshPerson(town.id, ["viewer"]);
    expect(await stageAfterFirstFactor(mustEnroll.id, [AMR.password])).toBe("ENROLL");
    // A federated sign-in whose provider did MFA, and a passkey, are multi-factor on their own.
    expect(await stageAfterFirstFactor(mustEnroll.id, [AMR.federated, AMR.mfa])).toBe("COMPLETE");
    expect(await stageAfterFirstFactor(mustEnroll.id, [AMR.passkey])).toBe("COMPLETE");

    const free = await freshPerson((await freshMunicipality()).id, ["viewer"]);
    expect(await stageAfterFirstFactor(free.id, [AMR.password])).toBe("COMPLETE");
    await raw.totpFactor.create({ data: { userId: free.id, secretCipher: "x", confirmedAt: new Date() } });
    // Enrolled of their own accord: asked too, or the factor would protect nothing.
    expect(await stageAfterFirstFactor(free.id, [AMR.password])).toBe("SECOND_FACTOR");
    expect(await strongestFactorOf(free.id)).toBe("totp");
  });

  it("a partial session carries no access and moves on only from the stage named, once", async () => {
    const p = await freshPerson((await freshMunicipality()).id, ["viewer"]);
    const sid = await createSession(p.id, {}, { stage: "SECOND_FACTOR", authMethods: [AMR.password] });
    const partial = await checkSession(sid);
    expect(partial).toMatchObject({ status: "partial", stage: "SECOND_FACTOR", userId: p.id });
    if (partial.status !== "partial") throw new Error("expected a partial session");

    expect(await finishSignIn(partial.sessionId, "ENROLL", [AMR.totp])).toBe(false);
    expect((await checkSession(sid)).status).toBe("partial");
    expect(await finishSignIn(partial.sessionId, "SECOND_FACTOR", [AMR.totp])).toBe(true);
    expect(await finishSignIn(partial.sessionId, "SECOND_FACTOR", [AMR.totp])).toBe(false);
    const done = await checkSession(sid);
    expect(done).toMatchObject({ status: "active", authMethods: [AMR.password, AMR.totp] });
    expect((await loadUserPrincipal(p.id)).kind).toBe("user");
    expect(await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.mfa.passed" } })).toBe(1);
  });
});

describe("session limits", () => {
  it("ends a session on the server after its idle minutes, the strictest of the person's municipalities", async () => {
    const lax = await freshMunicipality();
    const strict = await freshMunicipality();
    await raw.municipality.update({ where: { id: strict.id }, data: { sessionIdleMinutes: 10 } });
    const p = await freshPerson(lax.id, ["viewer"]);
    expect(await idleMinutesFor(p.id)).toBe(30);
    await raw.membership.create({
      data: { userId: p.id, municipalityId: strict.id, groups: ["viewer"], status: "ACTIVE" },
    });
    expect(await idleMinutesFor(p.id)).toBe(10);

    const sid = await createSession(p.id, {});
    const start = new Date();
    const at = (m: number) => new Date(start.getTime() + minutes(m));
    // Each request within the limit moves the deadline on.
    expect(await checkSession(sid, at(9))).toMatchObject({ status: "active", idleExpiresAt: at(19) });
    expect((await checkSession(sid, at(18))).status).toBe("active");
    expect((await checkSession(sid, at(28.5))).status).toBe("idle");
    // And stays ended: a later request does not revive it, and the sign-in page can say why.
    expect((await checkSession(sid, at(28.6))).status).toBe("idle");
    expect(await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.session.idle_timeout" } })).toBe(1);
  });
});

describe("step-up", () => {
  it("needs an authentication within the limit, made with the person's strongest factor", async () => {
    const p = await freshPerson((await freshMunicipality()).id, ["viewer"], { password: "a long enough passphrase" });
    const sid = await createSession(p.id, {}, { authMethods: [AMR.password] });
    const s = await checkSession(sid);
    if (s.status !== "active") throw new Error("expected an active session");
    expect(await isRecentlyAuthenticated(s)).toBe(true);
    const later = new Date(s.authenticatedAt.getTime() + minutes(STEP_UP_MINUTES + 1));
    expect(await isRecentlyAuthenticated(s, later)).toBe(false);
    // Once the person has a passkey, a password authentication is no longer strong enough.
    await raw.webAuthnCredential.create({
      data: { userId: p.id, credentialId: `c-${p.id}`, publicKey: Buffer.from([1]), name: "Laptop" },
    });
    expect(await isRecentlyAuthenticated(s)).toBe(false);
    expect(await isRecentlyAuthenticated({ ...s, authMethods: [AMR.passkey] })).toBe(true);
  });
});
