// Which identity-provider claims make an SSO sign-in multi-factor: only the amr/acr values the
// connection trusts, never a look-alike (a string where a list belongs, another value, nothing set).
import { describe, expect, it } from "vitest";
import { ssoClaimsShowMfa } from "./sso-mfa";

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
});
