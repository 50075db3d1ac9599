// "Try sign-in" in the SSO console: the real authorization-code flow with PKCE (S256), state and
// nonce against the municipality's configured provider, through the console's own callback
// (/admin/<slug>/sso/callback), so an admin sees the claims the provider sends and the groups they
// would map to — and nothing is created or changed: no user, no membership, no Account link, no
// session. The flow's secrets (PKCE verifier, state, nonce) travel in a short-lived cookie sealed
// with AUTH_SECRET (lib/crypto/secret-box.ts, a purpose of its own) and bound to the admin's
// session and municipality, so a callback started elsewhere, by someone else, or replayed later
// is refused. The result comes back the same way, for that session's console page only.
import "server-only";
import { createHash } from "node:crypto";
import * as oidc from "openid-client";
import { open, seal } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { discoverProvider, networkProblem } from "./oidc-checks";
import { groupsFromMappings, type MunicipalityMapping } from "./claim-mapping";
import { ssoClaimsShowMfa } from "./sso-mfa";

/** How long a started try may take at the provider, and how long its result is shown. */
export const TRY_MINUTES = 10;
export const TRY_STATE_COOKIE = "gh_sso_try";
export const TRY_RESULT_COOKIE = "gh_sso_tried";
const PURPOSE_STATE = "sso-try-state";
const PURPOSE_RESULT = "sso-try-result";
/** The result cookie stays under the browser's 4 KB per cookie: claims beyond this are cut (and said so). */
const MAX_CLAIMS_JSON = 2500;

export const tryCallbackPath = (slug: string) => `/admin/${slug}/sso/callback`;
export const tryCookiePath = (slug: string) => `/admin/${slug}/sso`;
const sessionTag = (sessionId: string) => createHash("sha256").update(`sso-try:${sessionId}`).digest("base64url");

type TryState = { slug: string; sid: string; verifier: string; state: string; nonce: string; exp: number };

export type TryClient = { issuer: string; clientId: string; clientSecret: string; scopes: string[] };

/** The provider's authorization URL for a try, and the sealed cookie that must come back with the callback. */
export async function startTry(
  client: TryClient,
  slug: string,
  sessionId: string,
): Promise<{ url: string; cookie: string }> {
  const config = await discoverProvider(client.issuer, client.clientId, oidc.ClientSecretBasic(client.clientSecret));
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${env().APP_URL.replace(/\/$/, "")}${tryCallbackPath(slug)}`,
    scope: client.scopes.join(" "),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    // Always ask the person to sign in: the admin may want to try as someone else.
    prompt: "login",
  });
  const payload: TryState = {
    slug,
    sid: sessionTag(sessionId),
    verifier,
    state,
    nonce,
    exp: Date.now() + TRY_MINUTES * 60_000,
  };
  return { url: url.href, cookie: seal(JSON.stringify(payload), env().AUTH_SECRET, PURPOSE_STATE) };
}

/** What a try found: the claims, and what a real sign-in with them would get. */
export type TryResult = {
  slug: string;
  at: number;
  ok: boolean;
  /** Plain words for a failure. */
  problem?: string;
  /** Short code for the audit trail. */
  reason?: string;
  claims?: Record<string, unknown>;
  claimsCut?: boolean;
  groups?: string[];
  matched?: string[];
  emailAccepted?: boolean;
  /** Why a real sign-in would be refused even though the provider answered. */
  wouldRefuse?: string;
  mfa?: boolean;
};

function openState(cookie: string | undefined, slug: string, sessionId: string): TryState | null {
  if (!cookie) return null;
  try {
    const s = JSON.parse(open(cookie, env().AUTH_SECRET, PURPOSE_STATE)) as TryState;
    if (s.slug !== slug || s.sid !== sessionTag(sessionId) || !(s.exp > Date.now())) return null;
    return s;
  } catch {
    return null;
  }
}

/** Whether a sealed try-state cookie belongs to this session and municipality and is still live. */
export const tryStateIsLive = (cookie: string | undefined, slug: string, sessionId: string) =>
  openState(cookie, slug, sessionId) !== null;

/** The provider's refusal in the words an admin can act on. */
function refusal(err: unknown, host: string): { reason: string; problem: string } {
  if (err instanceof oidc.AuthorizationResponseError)
    return {
      reason: `authorization_${err.error}`,
      problem: `The provider refused the sign-in: ${err.error}${err.error_description ? ` (${err.error_description})` : ""}.`,
    };
  // A 401 with a WWW-Authenticate challenge (RFC 6749 §5.2): the client authentication failed.
  if (err instanceof oidc.WWWAuthenticateChallengeError)
    return err.status === 401 || err.cause.some((c) => c.parameters.error === "invalid_client")
      ? { reason: "invalid_client", problem: "The provider refused the client id or secret." }
      : { reason: "challenge", problem: `The provider refused the token request (HTTP ${err.status}).` };
  if (err instanceof oidc.ResponseBodyError) {
    if (err.error === "invalid_client" || err.status === 401)
      return { reason: "invalid_client", problem: "The provider refused the client id or secret." };
    if (err.error === "invalid_grant")
      return {
        reason: "invalid_grant",
        problem:
          "The provider refused the authorization code (expired, already used, or issued for another redirect URI).",
      };
    return { reason: err.error, problem: `The provider refused the token request: ${err.error}.` };
  }
  const net = networkProblem(err, host);
  if (net) return { reason: "unreachable", problem: net };
  const e = err as { code?: string; message?: string };
  if (e.code?.startsWith("OAUTH_"))
    return {
      reason: e.code.toLowerCase(),
      problem: `The provider's answer did not pass the checks: ${e.message ?? e.code}.`,
    };
  return { reason: "error", problem: "The sign-in could not be completed." };
}

/**
 * The callback: checks the cookie (this session, this municipality, not expired), exchanges the
 * code (PKCE verifier, state, nonce, ID token signature and issuer checked by openid-client) and
 * maps the ID token's claims — the claims next-auth's sign-in reads — without writing anything.
 * `null`: no live try for this session (nothing to audit).
 */
export async function finishTry(opts: {
  client: TryClient & { mfaAmrValues: string[]; mfaAcrValues: string[] };
  slug: string;
  sessionId: string;
  cookie: string | undefined;
  /** The query the provider sent back (code, state, iss, or error). */
  search: string;
  rules: MunicipalityMapping | null;
}): Promise<TryResult | null> {
  const s = openState(opts.cookie, opts.slug, opts.sessionId);
  if (!s) return null;
  const base = { slug: opts.slug, at: Date.now() };
  const host = new URL(opts.client.issuer).host;
  try {
    const config = await discoverProvider(
      opts.client.issuer,
      opts.client.clientId,
      oidc.ClientSecretBasic(opts.client.clientSecret),
    );
    // The URL the provider was told to return to, with what it appended: not the Host header.
    const current = new URL(`${env().APP_URL.replace(/\/$/, "")}${tryCallbackPath(opts.slug)}`);
    current.search = opts.search;
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: s.verifier,
      expectedState: s.state,
      expectedNonce: s.nonce,
      idTokenExpected: true,
    });
    const claims = { ...(tokens.claims() ?? {}) } as Record<string, unknown>;
    return { ...base, ok: true, ...judge(claims, opts.rules, opts.client), ...cut(claims) };
  } catch (err) {
    return { ...base, ok: false, ...refusal(err, host) };
  }
}

/** The groups and refusals a real sign-in with these claims would meet (lib/auth/sso.ts applySsoSignIn). */
function judge(
  claims: Record<string, unknown>,
  rules: MunicipalityMapping | null,
  trust: { mfaAmrValues: string[]; mfaAcrValues: string[] },
): Pick<TryResult, "groups" | "matched" | "emailAccepted" | "wouldRefuse" | "mfa"> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const { groups, matched } = rules ? groupsFromMappings(rules.mappings, claims) : { groups: [], matched: [] };
  const emailAccepted = !!email && !!rules?.emailDomains.includes(email.split("@")[1] ?? "");
  const wouldRefuse = !rules
    ? "The municipality is archived or unknown: nobody can sign in."
    : !email
      ? "The provider sent no email claim: ask for the email scope."
      : !emailAccepted
        ? `${email.split("@")[1]} is not one of the municipality's email domains (${rules.emailDomains.join(", ") || "none set"}).`
        : groups.length === 0 && rules.requireMappedClaim
          ? "No claim maps to a group, and a mapped claim is required: this person would be refused."
          : undefined;
  return { groups, matched, emailAccepted, wouldRefuse, mfa: ssoClaimsShowMfa(trust, claims) };
}

function cut(claims: Record<string, unknown>): { claims: Record<string, unknown>; claimsCut: boolean } {
  if (JSON.stringify(claims).length <= MAX_CLAIMS_JSON) return { claims, claimsCut: false };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(claims)) {
    out[k] = v;
    if (JSON.stringify(out).length > MAX_CLAIMS_JSON) {
      delete out[k];
      break;
    }
  }
  return { claims: out, claimsCut: true };
}

/** The result sealed for the console page of this session (bound like the state). */
export function sealTryResult(result: TryResult, sessionId: string): string {
  return seal(JSON.stringify({ ...result, sid: sessionTag(sessionId) }), env().AUTH_SECRET, PURPOSE_RESULT);
}

/** The result of this session's latest try in this municipality, while fresh; else null. */
export function openTryResult(cookie: string | undefined, slug: string, sessionId: string): TryResult | null {
  if (!cookie) return null;
  try {
    const { sid, ...r } = JSON.parse(open(cookie, env().AUTH_SECRET, PURPOSE_RESULT)) as TryResult & { sid: string };
    if (sid !== sessionTag(sessionId) || r.slug !== slug || !(r.at > Date.now() - TRY_MINUTES * 60_000)) return null;
    return r;
  } catch {
    return null;
  }
}
