// What a person is told when a SAML sign-in is refused (the sign-in page shows it; the audit
// event has the details). Plain words, no protocol jargon beyond what an IT desk would search for.
import type { SamlRefusal } from "./saml";
import type { SsoRefusal } from "./sso";

const ASK = "Try again; if it keeps happening, ask your municipality's IT service desk.";

export const SAML_ERRORS: Record<string, string> = {
  SamlUnknownConnection: "SAML sign-in is not set up (or is switched off) for that municipality.",
  SamlRateLimited: "Too many sign-in attempts from this address. Wait a few minutes and try again.",
  SamlTicket: "That sign-in link was already used or has expired. Please sign in again.",
  Saml_unknown_connection: "SAML sign-in is not set up (or is switched off) for that municipality.",
  Saml_malformed: `Your organisation's sign-in sent something that is not a SAML response. ${ASK}`,
  Saml_unsigned: `Your organisation's sign-in sent an unsigned assertion, which Gatehouse never accepts. ${ASK}`,
  Saml_bad_signature: `The signature on your organisation's sign-in response did not match the certificate Gatehouse has for it. ${ASK}`,
  Saml_expired: `Your organisation's sign-in response has expired (or its clock is off). Please sign in again.`,
  Saml_replayed:
    "That sign-in response was already used, or answers no sign-in started here. Please start again from this page.",
  Saml_wrong_audience: `Your organisation's sign-in response was meant for another service, not Gatehouse. ${ASK}`,
  Saml_wrong_destination: `Your organisation's sign-in response was addressed to another place than this one. ${ASK}`,
  Saml_wrong_issuer: `That sign-in response came from an identity provider this municipality has not configured. ${ASK}`,
  Saml_idp_error: "Your organisation's sign-in did not sign you in (it answered with an error).",
  Saml_invalid: `Your organisation's sign-in response could not be used. ${ASK}`,
};

/** Where the browser goes after a refusal: the trust rules have their own page, as for OIDC SSO. */
export function samlRefusalTarget(
  slug: string,
  r: { kind: "protocol"; reason: SamlRefusal } | { kind: "trust"; reason: SsoRefusal },
): string {
  if (r.kind === "trust")
    return `/signin/refused?reason=${r.reason}&provider=${encodeURIComponent(`saml-${slug.slice(0, 64)}`)}`;
  return `/signin?error=Saml_${r.reason}`;
}
