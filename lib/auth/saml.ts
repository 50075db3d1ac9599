// SAML 2.0 sign-in per municipality (Web Browser SSO profile: AuthnRequest by HTTP-Redirect,
// Response by HTTP-POST), on @node-saml/node-saml 5. Gatehouse is the service provider; each
// municipality's enabled SAML connection (SsoConnection, protocol SAML) names its IdP.
//
// What a response must be to sign anyone in (each refusal audited as auth.saml.refused):
// - an assertion signed by one of the connection's certificates (an unsigned assertion is refused
//   even inside a signed response; node-saml checks the signature references that one assertion);
// - issued by the connection's IdP entity id, for our SP entity id (Audience), to our ACS URL
//   (Response Destination when present, SubjectConfirmationData Recipient always);
// - inside NotBefore / NotOnOrAfter with the connection's clock skew;
// - InResponseTo an AuthnRequest we issued for this municipality, not yet answered and not expired.
//   Issued request ids are AuthChallenge rows (hashed, 10 minutes): the first response claims the
//   row atomically, so a replayed response is refused on every app server, and IdP-initiated
//   (unsolicited) responses are refused too.
//
// Then the person is joined by the same trust rules as OIDC (lib/auth/sso.ts applySsoSignIn with
// provider `saml-<slug>`). How SAML says "verified": it has no email_verified claim; a signed
// assertion from the IdP this municipality configured, for an address in the municipality's email
// domains (applySsoSignIn refuses any other domain before it looks at the flag), is the IdP's word
// for that address — so `email_verified` is true for it. Joining an *existing* account by email
// still needs an account with no password and no other identity.
//
// The Gatehouse session is not made in the ACS request (a cross-site POST from the IdP, which
// carries none of our cookies): the ACS hands the browser a one-time ticket (random, stored
// hashed, 2 minutes) in the URL fragment of /signin/saml, which redeems it through the next-auth
// credentials provider "saml" (lib/auth/options.ts) — the session then starts like any other,
// in the MFA stage lib/auth/assurance.ts decides.
import "server-only";
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { db } from "@/lib/db";
import { countSignIn } from "@/lib/ops/metrics";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { firstInWindow, hitRateLimit } from "@/lib/rate-limit";
import { addressForLimits } from "./client-ip";
import { safeNextPath } from "./safe-redirect";
import { attributeMapOf, claimsFromAttributes } from "./saml-claims";
import { applySsoSignIn, type SsoRefusal } from "./sso";
import type { SsoMap } from "./sso-map";
import { AMR, type Amr } from "./assurance";
import { pruneChallenges } from "./passkey-challenge";

export const samlProviderId = (slug: string) => `saml-${slug}`;

/** How long an AuthnRequest may wait for its response. */
export const REQUEST_MINUTES = 10;
/** How long the browser has to redeem its sign-in ticket. */
export const TICKET_SECONDS = 120;
/** AuthnRequests per address in five minutes (each one is a stored row). */
export const LOGIN_REQUEST_LIMIT = { limit: 60, windowSeconds: 300 };
/** A SAMLResponse larger than this is no IdP's (base64 characters). */
const MAX_RESPONSE_CHARS = 400_000;

/** Our SP's names for a municipality: entity id (also where its metadata is), ACS URL. */
/** The cookie that binds a SAML sign-in to the browser that started it (see startSamlLogin). */
export const SAML_BINDING_COOKIE = "gatehouse.saml-binding";

/** The binding cookie's value in a Cookie header, if any. */
export function samlBindingFrom(cookieHeader: unknown): string | null {
  if (typeof cookieHeader !== "string") return null;
  for (const part of cookieHeader.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === SAML_BINDING_COOKIE) return v.join("=");
  }
  return null;
}

export function samlEndpoints(slug: string, appUrl = env().APP_URL) {
  const base = `${appUrl.replace(/\/$/, "")}/api/saml/${encodeURIComponent(slug)}`;
  return { entityId: `${base}/metadata`, acsUrl: `${base}/acs`, loginUrl: `${base}/login` };
}

/** Refusals of the protocol itself (the trust rules after it are SsoRefusal). */
export type SamlRefusal =
  | "unknown_connection"
  | "malformed"
  | "unsigned"
  | "bad_signature"
  | "expired"
  | "replayed"
  | "wrong_audience"
  | "wrong_destination"
  | "wrong_issuer"
  | "idp_error"
  | "invalid";

export type SamlAcsResult =
  | { ok: true; ticket: string; next: string }
  | { ok: false; kind: "protocol"; reason: SamlRefusal }
  | { ok: false; kind: "trust"; reason: SsoRefusal };

const connectionSelect = {
  samlIdpEntityId: true,
  samlIdpSsoUrl: true,
  samlIdpCertificates: true,
  samlClockSkewSeconds: true,
  samlAttributeMap: true,
  municipality: { select: { id: true, slug: true, name: true } },
} as const;

/** The municipality's enabled, complete SAML connection (not archived), or null. */
async function usableConnection(slug: string) {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  const c = await db.ssoConnection.findFirst({
    where: {
      protocol: "SAML",
      enabled: true,
      municipality: { slug, archivedAt: null },
      samlIdpEntityId: { not: null },
      samlIdpSsoUrl: { not: null },
      NOT: { samlIdpCertificates: { isEmpty: true } },
    },
    select: connectionSelect,
  });
  return c && c.samlIdpEntityId && c.samlIdpSsoUrl
    ? { ...c, samlIdpEntityId: c.samlIdpEntityId, samlIdpSsoUrl: c.samlIdpSsoUrl }
    : null;
}
type Connection = NonNullable<Awaited<ReturnType<typeof usableConnection>>>;

/** Sign-in buttons: "<Municipality> (SAML)" per enabled SAML connection. */
export async function samlSignInOptions(): Promise<{ id: string; slug: string; name: string }[]> {
  const rows = await db.ssoConnection.findMany({
    where: {
      protocol: "SAML",
      enabled: true,
      municipality: { archivedAt: null },
      samlIdpEntityId: { not: null },
      samlIdpSsoUrl: { not: null },
      NOT: { samlIdpCertificates: { isEmpty: true } },
    },
    select: { displayName: true, municipality: { select: { slug: true, name: true } } },
    orderBy: { municipality: { name: "asc" } },
  });
  return rows.map((r) => ({
    id: samlProviderId(r.municipality.slug),
    slug: r.municipality.slug,
    name: r.displayName?.trim() || `${r.municipality.name} (SAML)`,
  }));
}

const requestPurpose = (slug: string) => `saml-request:${slug}`;
const requestHash = (id: string) => sha256(`saml-request:${id}`);

/**
 * node-saml's store of issued request ids, in PostgreSQL. `getAsync` claims the id: the first
 * caller marks the row used (one atomic UPDATE), so of two servers answering the same response
 * only one gets it; node-saml asks twice per response (Response and SubjectConfirmationData), so
 * this instance remembers what it claimed.
 */
function requestStore(slug: string, bindingHash: string | null = null): CacheProvider & { binding(): string | null } {
  const claimed = new Map<string, string>();
  // The browser binding of the request this response answered (see startSamlLogin).
  let claimedBinding: string | null = null;
  return {
    binding: () => claimedBinding,
    async saveAsync(key, value) {
      await db.authChallenge.create({
        data: {
          challengeHash: requestHash(key),
          purpose: requestPurpose(slug),
          // Not a session: the SHA-256 of the browser binding cookie set with this request.
          sessionId: bindingHash,
          expiresAt: new Date(Date.now() + REQUEST_MINUTES * 60_000),
        },
      });
      // Spent and expired request ids and tickets are worthless: cleared as the passkey
      // challenges are, at most every ten minutes per server.
      if (await firstInWindow("passkey:challenge-prune", 600)) await pruneChallenges();
      return { value, createdAt: Date.now() };
    },
    async getAsync(key) {
      if (claimed.has(key)) return claimed.get(key)!;
      if (typeof key !== "string" || key.length > 200) return null;
      const done = await db.authChallenge.updateManyAndReturn({
        where: {
          challengeHash: requestHash(key),
          purpose: requestPurpose(slug),
          usedAt: null,
          expiresAt: { gt: new Date() },
        },
        data: { usedAt: new Date() },
        select: { createdAt: true, sessionId: true },
      });
      if (done.length !== 1) return null;
      claimedBinding = done[0]!.sessionId;
      // node-saml reads the value as the time the request was issued.
      const issued = done[0]!.createdAt.toISOString();
      claimed.set(key, issued);
      return issued;
    },
    // A claimed id stays used (its row expires); nothing to remove.
    async removeAsync() {
      return null;
    },
  };
}

function serviceProvider(c: Connection, store: CacheProvider): SAML {
  const sp = samlEndpoints(c.municipality.slug);
  return new SAML({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: c.samlIdpSsoUrl,
    idpCert: c.samlIdpCertificates,
    idpIssuer: c.samlIdpEntityId,
    audience: sp.entityId,
    // Signed assertions, always; a signed response around an unsigned assertion is not enough.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: Math.max(0, Math.min(c.samlClockSkewSeconds, 600)) * 1000,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_MINUTES * 60_000,
    cacheProvider: store,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: "sha256",
  });
}

/** SP metadata for the municipality's IdP administrators (entity id, ACS URL, signed assertions wanted). */
export function serviceProviderMetadata(slug: string): string {
  const sp = samlEndpoints(slug);
  const saml = new SAML({ issuer: sp.entityId, callbackUrl: sp.acsUrl, idpCert: "unused", wantAssertionsSigned: true });
  return saml.generateServiceProviderMetadata(null, null);
}

/** The SP metadata of an existing, not archived municipality, or null. */
export async function samlMetadataFor(slug: string): Promise<string | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  const m = await db.municipality.findFirst({ where: { slug, archivedAt: null }, select: { id: true } });
  return m ? serviceProviderMetadata(slug) : null;
}

/** Where to send the browser to sign in through the municipality's IdP, or why not. */
export async function startSamlLogin(
  slug: string,
  next: string | null,
  ip: string | null,
): Promise<{ ok: true; url: string; binding: string } | { ok: false; reason: "unknown_connection" | "rate_limited" }> {
  const c = await usableConnection(slug);
  if (!c) return { ok: false, reason: "unknown_connection" };
  const asked = await hitRateLimit(
    `saml:request:ip:${addressForLimits(ip ?? "unknown")}`,
    LOGIN_REQUEST_LIMIT.limit,
    LOGIN_REQUEST_LIMIT.windowSeconds,
  );
  if (!asked.allowed) return { ok: false, reason: "rate_limited" };
  // The browser that starts the sign-in gets a random binding (a cookie, SAML_BINDING_COOKIE); only
  // that browser can redeem the ticket the answer earns, so nobody can hand someone else a link
  // that signs them in as the sender (login CSRF).
  const binding = newSecret();
  const url = await serviceProvider(c, requestStore(slug, sha256(binding))).getAuthorizeUrlAsync(
    safeNextPath(next, "/w"),
    undefined,
    {},
  );
  return { ok: true, url, binding };
}

const ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
const PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
const DSIG = "http://www.w3.org/2000/09/xmldsig#";

function parseXml(xml: string): Element | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  try {
    return (
      new DOMParser({
        onError: (level, msg) => {
          if (level !== "warning") throw new Error(msg);
        },
      }).parseFromString(xml, "text/xml").documentElement ?? null
    );
  } catch {
    return null;
  }
}

const childrenNamed = (el: Element, ns: string, name: string) =>
  Array.from(el.childNodes).filter(
    (n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name,
  );

/** node-saml's error messages → our refusal reasons (its wording is stable across 4.x/5.x). */
function reasonOf(e: unknown): SamlRefusal {
  const m = e instanceof Error ? e.message : "";
  if (e instanceof Error && e.name === "SamlStatusError") return "idp_error";
  if (/InResponseTo/i.test(m)) return "replayed";
  if (/signature/i.test(m)) return "bad_signature";
  if (/expired|not yet valid|subject confirmation|NotOnOrAfter|NotBefore/i.test(m)) return "expired";
  if (/audience/i.test(m)) return "wrong_audience";
  if (/issuer/i.test(m)) return "wrong_issuer";
  return "invalid";
}

/**
 * The assertion consumer service: whatever was POSTed, an answer (never a throw for bad bytes).
 * `map` replaces policies/sso.yaml in tests.
 */
export async function handleSamlResponse(
  slug: string,
  form: { SAMLResponse?: unknown; RelayState?: unknown },
  opts: { ip?: string | null; map?: SsoMap } = {},
): Promise<SamlAcsResult> {
  const ip = opts.ip ?? null;
  const c = await usableConnection(slug);
  const refuse = async (reason: SamlRefusal, detail?: string): Promise<SamlAcsResult> => {
    countSignIn("saml", "failure");
    await db.$transaction((tx) =>
      recordAudit(tx, {
        action: "auth.saml.refused",
        actorType: "anonymous",
        municipalityId: c?.municipality.id ?? null,
        ip,
        data: { municipality: slug.slice(0, 64), reason, ...(detail ? { detail: detail.slice(0, 300) } : {}) },
      }),
    );
    return { ok: false, kind: "protocol", reason };
  };
  if (!c) return refuse("unknown_connection");
  const store = requestStore(slug);
  const raw = form.SAMLResponse;
  if (
    typeof raw !== "string" ||
    raw.length === 0 ||
    raw.length > MAX_RESPONSE_CHARS ||
    !/^[A-Za-z0-9+/=\s]+$/.test(raw)
  )
    return refuse("malformed");
  const root = parseXml(Buffer.from(raw, "base64").toString("utf8"));
  if (!root || root.namespaceURI !== PROTOCOL || root.localName !== "Response") return refuse("malformed");
  const endpoints = samlEndpoints(slug);
  const destination = root.getAttribute("Destination");
  if (destination && destination !== endpoints.acsUrl) return refuse("wrong_destination", destination);
  const assertions = childrenNamed(root, ASSERTION, "Assertion");
  const statusOnly = assertions.length === 0 && childrenNamed(root, ASSERTION, "EncryptedAssertion").length === 0;
  // No signature on the assertion at all: said plainly, apart from a signature that does not verify.
  if (!statusOnly && assertions.length === 1 && childrenNamed(assertions[0]!, DSIG, "Signature").length === 0)
    return refuse("unsigned");

  let profile: Profile | null;
  try {
    ({ profile } = await serviceProvider(c, store).validatePostResponseAsync({ SAMLResponse: raw }));
  } catch (e) {
    return refuse(reasonOf(e), e instanceof Error ? e.message : undefined);
  }
  if (!profile) return refuse("invalid");
  if (profile.issuer !== c.samlIdpEntityId) return refuse("wrong_issuer", profile.issuer);
  // The verified assertion (node-saml hands back the signed XML it checked): Recipient and
  // authentication context are read from it, not from the bytes around it.
  const assertion = parseXml(profile.getAssertionXml?.() ?? "");
  if (!assertion) return refuse("invalid");
  const confirmations = Array.from(assertion.getElementsByTagNameNS(ASSERTION, "SubjectConfirmationData"));
  if (confirmations.length === 0 || confirmations.some((d) => d.getAttribute("Recipient") !== endpoints.acsUrl))
    return refuse("wrong_destination", confirmations[0]?.getAttribute("Recipient") ?? "no Recipient");
  const acr = assertion.getElementsByTagNameNS(ASSERTION, "AuthnContextClassRef")[0]?.textContent?.trim();

  const claims = claimsFromAttributes(
    typeof profile.nameID === "string" ? profile.nameID : "",
    (profile.attributes ?? {}) as Record<string, unknown>,
    attributeMapOf(c.samlAttributeMap),
  );
  const outcome = await applySsoSignIn(
    slug,
    { ...claims, email_verified: true, ...(acr ? { acr } : {}) },
    { provider: samlProviderId(slug), protocol: "SAML", ip, map: opts.map },
  );
  countSignIn("saml", outcome.ok ? "success" : "failure");
  if (!outcome.ok) return { ok: false, kind: "trust", reason: outcome.reason };
  const ticket = newSecret();
  await db.authChallenge.create({
    data: {
      challengeHash: sha256(ticket),
      purpose: outcome.mfa ? "saml-ticket:mfa" : "saml-ticket",
      userId: outcome.userId,
      // Redeemable only by the browser that started the sign-in (its binding's hash).
      sessionId: store.binding(),
      expiresAt: new Date(Date.now() + TICKET_SECONDS * 1000),
    },
  });
  const relay = typeof form.RelayState === "string" ? form.RelayState : null;
  return { ok: true, ticket, next: safeNextPath(relay, "/w") };
}

/**
 * Redeems a ticket once: the user it was issued for and what their IdP proved, or null (unknown,
 * used, expired, or the account deactivated since).
 */
export async function redeemSamlTicket(raw: unknown, binding: unknown): Promise<{ userId: string; amr: Amr[] } | null> {
  if (typeof raw !== "string" || raw.length < 20 || raw.length > 200) return null;
  if (typeof binding !== "string" || binding.length < 20 || binding.length > 200) return null;
  const hash = sha256(raw);
  return db.$transaction(async (tx) => {
    const row = await tx.authChallenge.findUnique({
      where: { challengeHash: hash },
      select: { id: true, purpose: true, userId: true },
    });
    if (!row?.userId || !row.purpose.startsWith("saml-ticket")) return null;
    const used = await tx.authChallenge.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() }, sessionId: sha256(binding) },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return null;
    const user = await tx.user.findUnique({ where: { id: row.userId }, select: { isActive: true } });
    if (!user?.isActive) return null;
    const amr: Amr[] = row.purpose === "saml-ticket:mfa" ? [AMR.federated, AMR.mfa] : [AMR.federated];
    return { userId: row.userId, amr };
  });
}
