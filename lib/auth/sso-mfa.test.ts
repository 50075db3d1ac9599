// Which identity-provider claims make an SSO sign-in multi-factor: only the amr/acr values the
// connection trusts, never a look-alike (a string where a list belongs, another value, nothing
// set); and on the real database, that applySsoSignIn reports it per connection, so a person who
// must use MFA is let in without a second Gatehouse factor only then.
import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { ssoClaimsShowMfa } from "./sso-mfa";
import { applySsoSignIn } from "./sso";
import { AMR, stageAfterFirstFactor } from "./assurance";
import type { SsoMap } from "./sso-map";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

describe("SSO multi-factor claims", () => {
  const trust = { mfaAmrValues: ["mfa", "hwk"], mfaAcrValues: ["urn:riverton:mfa"] };

  it("counts an amr value or the acr the connection trusts", () => {
    expect(ssoClaimsShowMfa(trust, { amr: ["pwd", "mfa"] })).toBe(true);
    expect(ssoClaimsShowMfa(trust, { amr: ["hwk"] })).toBe(true);
    expect(ssoClaimsShowMfa(trust, { acr: "urn:riverton:mfa" })).toBe(true);
  });

  it("does not count other values, wrong shapes, or anything when the connection trusts nothing", () => {
    expect(ssoClaimsShowMfa(trust, {})).toBe(false);
    expect(ssoClaimsShowMfa(trust, { amr: ["pwd"] })).toBe(false);
    expect(ssoClaimsShowMfa(trust, { amr: "mfa" })).toBe(false);
    expect(ssoClaimsShowMfa(trust, { acr: ["urn:riverton:mfa"] })).toBe(false);
    expect(ssoClaimsShowMfa(trust, { acr: "urn:riverton:password" })).toBe(false);
    expect(ssoClaimsShowMfa({ mfaAmrValues: [], mfaAcrValues: [] }, { amr: ["mfa"], acr: "urn:riverton:mfa" })).toBe(
      false,
    );
  });

  it("applySsoSignIn reports multi-factor as the municipality's connection trusts it", async () => {
    const tag = randomBytes(4).toString("hex");
    const domain = `mfa-${tag}.test`;
    const town = await freshMunicipality({ domains: [] });
    await raw.municipality.update({ where: { id: town.id }, data: { mfaRequirement: "EVERYONE" } });
    const map: SsoMap = {
      municipalities: {
        [town.slug]: { requireMappedClaim: true, emailDomains: [domain], claims: { job_codes: { READ: ["viewer"] } } },
      },
    };
    const person = (sub: string, extra: Record<string, unknown>) => ({
      sub,
      email: `${sub}@${domain}`,
      email_verified: true,
      job_codes: ["READ"],
      ...extra,
    });
    // No connection row (or one trusting nothing): the claims are not taken at their word.
    const before = await applySsoSignIn(town.slug, person("a", { amr: ["mfa"] }), { map });
    expect(before).toMatchObject({ ok: true, mfa: false });
    await raw.ssoConnection.create({
      data: {
        municipalityId: town.id,
        issuer: "http://idp.invalid",
        clientId: "c",
        clientSecretCipher: "x",
        mfaAmrValues: ["mfa"],
        mfaAcrValues: ["urn:example:mfa"],
      },
    });
    const withAmr = await applySsoSignIn(town.slug, person("a", { amr: ["pwd", "mfa"] }), { map });
    const withAcr = await applySsoSignIn(town.slug, person("b", { acr: "urn:example:mfa" }), { map });
    const passwordOnly = await applySsoSignIn(town.slug, person("c", { amr: ["pwd"] }), { map });
    expect([withAmr, withAcr, passwordOnly].map((o) => o.ok && o.mfa)).toEqual([true, true, false]);
    if (!withAmr.ok || !passwordOnly.ok) throw new Error("expected sign-ins");
    // What lib/auth/options.ts makes of it: the IdP's MFA completes the sign-in; without, enroll.
    expect(await stageAfterFirstFactor(withAmr.userId, [AMR.federated, AMR.mfa])).toBe("COMPLETE");
    expect(await stageAfterFirstFactor(passwordOnly.userId, [AMR.federated])).toBe("ENROLL");
  });
});
