// SAML attributes → the claims Gatehouse reads (the same names an OIDC ID token carries: email,
// name, groups, job_codes), per connection (SsoConnection.samlAttributeMap: claim → attribute
// names, the first one present wins). The defaults are the claim URIs ADFS and Entra ID send, so
// most municipalities change nothing. Pure: the admin form, the sign-in and the tests share it.
import { z } from "zod";

/** The claims a SAML connection maps, in the order the form shows them. */
export const SAML_CLAIMS = ["email", "name", "groups", "job_codes"] as const;
export type SamlClaim = (typeof SAML_CLAIMS)[number];
export type SamlAttributeMap = Record<SamlClaim, string[]>;

export const SAML_CLAIM_LABELS: Record<SamlClaim, { label: string; hint: string }> = {
  email: { label: "Email address", hint: "The person's work email; its domain must be one of the municipality's." },
  name: { label: "Display name", hint: "Shown in Gatehouse for people created at their first sign-in." },
  groups: { label: "Groups", hint: "Directory groups, mapped to Gatehouse groups by the claim mapping." },
  job_codes: { label: "Job codes", hint: "Job or role codes, mapped to Gatehouse groups by the claim mapping." },
};

export const DEFAULT_SAML_ATTRIBUTES: SamlAttributeMap = {
  email: [
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    "email",
    "mail",
  ],
  name: [
    "http://schemas.microsoft.com/identity/claims/displayname",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
    "displayName",
  ],
  groups: [
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
    "http://schemas.xmlsoap.org/claims/Group",
    "groups",
  ],
  job_codes: ["http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "jobCode", "job_codes"],
};

const attributeName = z
  .string()
  .trim()
  .min(1)
  .max(300, "an attribute name of at most 300 characters")
  .regex(/^[^\s<>"]+$/, "an attribute name without spaces, quotes or angle brackets");

/** One claim's attribute names as typed: separated by commas or new lines. */
export const attributeNamesField = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(/[\n,]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(attributeName).max(10, "at most 10 attribute names"));

/** A stored map, with the defaults for any claim it leaves out (or a stored value that no longer parses). */
export function attributeMapOf(stored: unknown): SamlAttributeMap {
  const out = { ...DEFAULT_SAML_ATTRIBUTES };
  if (stored && typeof stored === "object" && !Array.isArray(stored))
    for (const claim of SAML_CLAIMS) {
      const v = (stored as Record<string, unknown>)[claim];
      const parsed = z.array(attributeName).min(1).max(10).safeParse(v);
      if (parsed.success) out[claim] = parsed.data;
    }
  return out;
}

const values = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).flatMap((x) =>
    typeof x === "string" ? [x.trim()].filter(Boolean) : typeof x === "number" ? [String(x)] : [],
  );

/**
 * The claims of a verified assertion: `sub` is the NameID; each mapped claim takes the values of
 * the first attribute present. `email_verified` is not decided here (lib/auth/saml.ts says why).
 */
export function claimsFromAttributes(
  nameId: string,
  attributes: Record<string, unknown>,
  map: SamlAttributeMap,
): { sub: string; email?: string; name?: string; groups: string[]; job_codes: string[] } {
  const first = (claim: SamlClaim) => {
    for (const a of map[claim])
      if (Object.hasOwn(attributes, a) && values(attributes[a]).length > 0) return values(attributes[a]);
    return [];
  };
  const email = first("email")[0] ?? (/^[^@\s]+@[^@\s]+$/.test(nameId) ? nameId : undefined);
  return {
    sub: nameId,
    email: email?.toLowerCase(),
    name: first("name")[0],
    groups: first("groups").slice(0, 200),
    job_codes: first("job_codes").slice(0, 200),
  };
}
