// When an SSO sign-in counts as multi-factor (NIST SP 800-63C §5 / SP 800-63B AAL2 through
// federation, SP 800-53 IA-2(1)/(2) for federated accounts): only when the identity provider says
// so in the ID token — `amr` (RFC 8176 authentication method references, a list) containing one of
// the values the connection trusts, or `acr` (one string) equal to one of its trusted values — and
// only for values configured per connection (SsoConnection.mfaAmrValues / mfaAcrValues), since
// providers name their methods differently ("mfa", "otp", "hwk", or an acr URN of their own
// policy). With nothing configured, no claim is trusted and Gatehouse asks its own second factor.
export type SsoMfaTrust = { mfaAmrValues: readonly string[]; mfaAcrValues: readonly string[] };

export function ssoClaimsShowMfa(trust: SsoMfaTrust, claims: Record<string, unknown>): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === "string") : [];
  const acr = typeof claims.acr === "string" ? claims.acr : null;
  return amr.some((v) => trust.mfaAmrValues.includes(v)) || (acr !== null && trust.mfaAcrValues.includes(acr));
}
