// Gatehouse as the OpenID Provider of its connected services (DESIGN.md "Services"), on
// oidc-provider 9: authorization code with PKCE (S256), signed ID tokens, userinfo, refresh tokens
// that rotate on use, revocation, RP-initiated logout and back-channel logout metadata. Everything
// it stores lives in PostgreSQL (lib/services/oidc-adapter.ts) and its signing keys too
// (lib/services/signing-keys.ts), so any app server answers any request.
//
// Rules it enforces, and where:
// - Clients are the enabled Service rows (findClient); a disabled service is an unknown client.
// - Client secrets are stored as SHA-256 only: the provider is configured with the hash, and
//   hashPresentedSecret (a koa middleware) replaces the secret a client presents by its hash
//   before oidc-provider compares — so a stolen hash presented as a secret is hashed again and fails.
// - Every authorization request goes through Gatehouse's sign-in page (/services/sign-in/<uid>,
//   lib/services/oidc-interaction.ts), which finishes at once when the Gatehouse session is valid:
//   the provider's own session never decides alone. prompt=none is answered here without a page,
//   by the same decision (lib/services/oidc-sign-in.ts), and is login_required when signed out.
// - Access tokens live ACCESS_TOKEN_SECONDS; the refresh token rotates on every use, and every use
//   (and every userinfo call) asks again whether the person is active and may use the service
//   (findAccount → hasServiceAccess): when access ends, the next refresh is invalid_grant.
// - Rotation on another server (a new key in OidcSigningKey) is picked up within
//   KEY_CHECK_MS: the provider is rebuilt with the new key set.
//
// Served by scripts/server.mjs (a node handler; Next route handlers cannot host it), which finds
// handleOidcRequest on globalThis where instrumentation.ts registered it at start.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { hkdfSync } from "node:crypto";
import Provider, {
  errors,
  interactionPolicy,
  type Account,
  type AdapterPayload,
  type Configuration,
  type KoaContextWithOIDC,
} from "oidc-provider";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { staticSecurityHeaders } from "@/lib/security/headers";
import { pathProblem } from "@/lib/security/request-path";
import { presentedSecretHash } from "./client-secret";
import { oidcAdapterFactory } from "./oidc-adapter";
import { signingKeys, signingKeysVersion, SIGNING_ALG } from "./signing-keys";
import { GATEHOUSE_SCOPE, SCOPE_CLAIMS, serviceClaims } from "./oidc-claims";
import { hasServiceAccess } from "./access";
import {
  ACR,
  CLIENT_ID,
  decideServiceSignIn,
  gatehouseSessionFrom,
  recordServiceSignIn,
  serviceForClient,
  type ProviderService,
} from "./oidc-sign-in";
import { log } from "@/lib/ops/log";

/** Where the provider is mounted; the issuer is APP_URL + this. */
export const OIDC_MOUNT = "/oidc";
/** The Gatehouse page that finishes every interaction (app/services/sign-in/[uid]). */
export const SIGN_IN_PAGE = "/services/sign-in";

export const ACCESS_TOKEN_SECONDS = 5 * 60;
export const ID_TOKEN_SECONDS = 5 * 60;
/** A refresh token unused this long expires; each use rotates it (a new one, this long again). */
export const REFRESH_TOKEN_SECONDS = 12 * 60 * 60;
/** The provider's browser session: never longer than a Gatehouse session (lib/auth/session-store.ts SESSION_HOURS). */
export const SESSION_SECONDS = 12 * 60 * 60;
export const INTERACTION_SECONDS = 10 * 60;
/** How often a running provider checks for a key rotated by another server. */
export const KEY_CHECK_MS = 10_000;

export const OIDC_COOKIES = {
  interaction: "gh_oidc_interaction",
  resume: "gh_oidc_resume",
  session: "gh_oidc_session",
} as const;

export function issuer(): string {
  return `${env().APP_URL.replace(/\/$/, "")}${OIDC_MOUNT}`;
}

/** Cookie signing keys, derived from AUTH_SECRET for this purpose only (no extra secret to keep). */
function cookieKeys(): string[] {
  return [
    Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "gatehouse", "oidc-provider-cookies", 32)).toString("base64url"),
  ];
}

/** The client oidc-provider sees for a Service row; its client_secret is the stored hash (see above). */
async function findClient(clientId: string): Promise<AdapterPayload | undefined> {
  if (!CLIENT_ID.test(clientId)) return undefined;
  const row = await db.service.findUnique({ where: { clientId } });
  if (!row || row.disabledAt) return undefined;
  return {
    client_id: row.clientId,
    client_secret: row.clientSecretHash,
    client_name: row.name,
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    ...(row.backchannelLogoutUri
      ? { backchannel_logout_uri: row.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code" as const],
    token_endpoint_auth_method: "client_secret_basic",
    id_token_signed_response_alg: SIGNING_ALG,
  };
}

/** The service a provider request is about: the authenticated or named client. */
async function serviceOf(ctx: KoaContextWithOIDC, clientId?: string): Promise<ProviderService | null> {
  return serviceForClient(clientId ?? ctx.oidc?.client?.clientId);
}

/**
 * The account behind a grant, or nobody: an inactive person, or one who may no longer use the
 * service, has no account here — oidc-provider then refuses the code or refresh token
 * (invalid_grant) and userinfo (invalid_token).
 */
async function findAccount(
  ctx: KoaContextWithOIDC,
  sub: string,
  token?: { clientId?: string },
): Promise<Account | undefined> {
  const service = await serviceOf(ctx, token?.clientId);
  if (!service || !(await hasServiceAccess(sub, service))) return undefined;
  const claims = await serviceClaims(sub, service);
  if (!claims) return undefined;
  return { accountId: sub, claims: async () => claims };
}

const { Prompt, Check } = interactionPolicy;

/**
 * One prompt, always asked (the sign-in page decides), except right after that page finished
 * (`result.login`) and for prompt=none, which the same decision answers here: a valid Gatehouse
 * session of the same person whose provider login happened during it, with access to the service.
 */
function signInPolicy() {
  return [
    new Prompt(
      { name: "login", requestable: true },
      new Check("gatehouse_sign_in", "Sign-in goes through Gatehouse", "login_required", async (ctx) => {
        if (ctx.oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
        if (ctx.oidc.prompts.has("none") && (await silentSignIn(ctx))) return Check.NO_NEED_TO_PROMPT;
        return Check.REQUEST_PROMPT;
      }),
    ),
  ];
}

async function silentSignIn(ctx: KoaContextWithOIDC): Promise<boolean> {
  const { session, client } = ctx.oidc;
  if (!session?.accountId || !session.loginTs || !client) return false;
  const service = await serviceOf(ctx);
  if (!service) return false;
  const decision = await decideServiceSignIn(await gatehouseSessionFrom(ctx.get("cookie")), service);
  if (decision.kind !== "allowed" || decision.userId !== session.accountId) return false;
  // The provider's login must belong to this Gatehouse session (a browser holds one at a time).
  if (session.loginTs * 1000 < decision.sessionStartedAt.getTime() - 1000) return false;
  await recordServiceSignIn(service, decision.userId);
  return true;
}

/** Services are registered by admins: no consent screen; the grant holds what was asked. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const accountId = ctx.oidc.session?.accountId;
  const clientId = ctx.oidc.client?.clientId;
  if (!accountId || !clientId) return undefined;
  const known = ctx.oidc.result?.consent?.grantId || ctx.oidc.session?.grantIdFor(clientId);
  let grant = known ? await ctx.oidc.provider.Grant.find(known) : undefined;
  if (!grant || grant.accountId !== accountId || grant.clientId !== clientId)
    grant = new ctx.oidc.provider.Grant({ accountId, clientId });
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(" "));
  await grant.save();
  return grant;
}

function htmlSafe(s: unknown): string {
  return String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function plainPage(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${htmlSafe(title)} · Gatehouse</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}button{font:inherit;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border-radius:.375rem;border:1px solid #374151;background:#fff;cursor:pointer}button[value=yes]{background:#1e3a8a;color:#fff}</style></head>
<body><main><h1>${htmlSafe(title)}</h1>${body}</main></body></html>`;
}

const ERROR_WORDS: Record<string, string> = {
  invalid_request: "The service sent a sign-in request Gatehouse cannot use.",
  invalid_client: "Gatehouse does not know this service, or it has been switched off.",
  invalid_redirect_uri: "The service asked to return to an address it has not registered.",
  unauthorized_client: "This service may not sign people in this way.",
  session_not_found:
    "This sign-in has expired or was started in another browser. Go back to the service and start again.",
};

const configuration = (keys: object[]): Configuration => ({
  adapter: oidcAdapterFactory(findClient),
  jwks: { keys: keys as NonNullable<Configuration["jwks"]>["keys"] },
  findAccount,
  scopes: ["openid", "offline_access", ...Object.keys(SCOPE_CLAIMS).filter((s) => s !== "openid")],
  claims: {
    ...Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([k, v]) => [k, [...v]])),
    // amr and acr come from the login (the Gatehouse session's methods), listed under openid so
    // the ID token carries them.
    openid: [...SCOPE_CLAIMS.openid, "amr", "acr", "auth_time", "sid"],
  },
  // The claims of the asked scopes in the ID token too, so a service needs no userinfo call.
  conformIdTokenClaims: false,
  acrValues: [ACR.singleFactor, ACR.multiFactor],
  clientAuthMethods: ["client_secret_basic", "client_secret_post"],
  responseTypes: ["code"],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    revocation: { enabled: true },
    userinfo: { enabled: true },
    introspection: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = plainPage(
          "Sign out of the service?",
          `${form}<p>You will be signed out of ${htmlSafe(ctx.oidc.client?.clientName ?? "the service")} in this browser. Your Gatehouse session stays.</p>
<button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button><button type="submit" form="op.logoutForm">Stay signed in</button>`,
        );
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = plainPage(
          "Signed out",
          `<p>You are signed out of ${htmlSafe(ctx.oidc.client?.clientName ?? "the service")}.</p>`,
        );
      },
    },
  },
  interactions: {
    policy: signInPolicy(),
    url: async (_ctx, interaction) => `${env().APP_URL.replace(/\/$/, "")}${SIGN_IN_PAGE}/${interaction.uid}`,
  },
  loadExistingGrant,
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  rotateRefreshToken: true,
  ttl: {
    AccessToken: ACCESS_TOKEN_SECONDS,
    AuthorizationCode: 60,
    IdToken: ID_TOKEN_SECONDS,
    RefreshToken: REFRESH_TOKEN_SECONDS,
    Grant: REFRESH_TOKEN_SECONDS,
    Session: SESSION_SECONDS,
    Interaction: INTERACTION_SECONDS,
  },
  cookies: {
    keys: cookieKeys(),
    names: { ...OIDC_COOKIES },
    long: { httpOnly: true, sameSite: "lax" },
    short: { httpOnly: true, sameSite: "lax" },
  },
  async renderError(ctx, out) {
    ctx.type = "html";
    const words = ERROR_WORDS[String(out.error)] ?? "Signing in to the service could not continue.";
    ctx.body = plainPage(
      "Sign-in to the service stopped",
      `<p>${htmlSafe(words)}</p><p><small>${htmlSafe(out.error)}${out.error_description ? `: ${htmlSafe(out.error_description)}` : ""}</small></p>`,
    );
  },
  discovery: { service_documentation: `${env().APP_URL.replace(/\/$/, "")}/services` },
});

/**
 * oidc-provider compares the presented client secret with the configured one (the stored hash):
 * hand it the hash of what was presented, in the Basic header or the form body.
 */
async function hashPresentedSecret(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  const auth = ctx.get("authorization");
  if (/^basic\s/i.test(auth)) {
    const decoded = Buffer.from(auth.slice(6).trim(), "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i > 0) {
      let secret: string | undefined;
      try {
        secret = decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, "%20"));
      } catch {
        secret = undefined; // oidc-provider refuses the header itself
      }
      if (secret)
        ctx.req.headers.authorization = `Basic ${Buffer.from(`${decoded.slice(0, i)}:${presentedSecretHash(secret)}`).toString("base64")}`;
    }
  }
  if (ctx.method === "POST" && ctx.is("application/x-www-form-urlencoded")) {
    const chunks: Buffer[] = [];
    for await (const c of ctx.req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const secret = form.get("client_secret");
    if (secret) form.set("client_secret", presentedSecretHash(secret));
    (ctx.req as IncomingMessage & { body?: string }).body = form.toString();
  }
  await next();
}

/**
 * The usual headers on every provider answer (lib/security/headers.ts), and a CSP that allows
 * nothing but the provider's own inline form-post script (oidc-provider adds its hash to
 * script-src) and forms to this service's registered addresses.
 */
async function securityHeaders(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  for (const [k, v] of Object.entries(staticSecurityHeaders(env().APP_URL.startsWith("https://")))) ctx.set(k, v);
  ctx.set(
    "Content-Security-Policy",
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  await next();
  const client = ctx.oidc?.client;
  if (client) {
    const origins = new Set<string>();
    for (const u of [...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])]) {
      const origin = URL.parse(u)?.origin;
      if (origin && origin !== "null") origins.add(origin);
    }
    const csp = ctx.response.get("content-security-policy");
    if (csp && origins.size)
      ctx.set(
        "Content-Security-Policy",
        csp.replace("form-action 'self'", `form-action 'self' ${[...origins].join(" ")}`),
      );
  }
  ctx.set("Cache-Control", ctx.response.get("cache-control") || "no-store");
}

function build(keys: object[]): Provider {
  const provider = new Provider(issuer(), configuration(keys));
  // The issuer's scheme and host come from APP_URL (handleOidcRequest sets the forwarded headers).
  provider.proxy = true;
  provider.use(securityHeaders);
  provider.use(hashPresentedSecret);
  // A thrown error that is not the provider's own (PostgreSQL down) is logged once, not shown.
  provider.on("server_error", (_ctx, err) => log.error({ err }, "[oidc] server error"));
  return provider;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Built = { provider: Provider; handler: Handler; version: string; checkedAt: number };
const STATE = Symbol.for("gatehouse.oidc.provider");
const globalState = globalThis as unknown as { [STATE]?: { current?: Promise<Built> } };
const state = (globalState[STATE] ??= {});

async function fresh(): Promise<Built> {
  const keys = await signingKeys();
  const version = keys
    .map((k) => k.kid)
    .sort()
    .join(",");
  const provider = build(keys.map((k) => k.privateJwk));
  return { provider, handler: provider.callback(), version, checkedAt: Date.now() };
}

/**
 * The provider, rebuilt when the set of signing keys changed (a rotation here or on another
 * server), checked at most every KEY_CHECK_MS. Shared by every module instance in the process.
 */
export async function oidcProvider(): Promise<Provider> {
  return (await current()).provider;
}

async function current(): Promise<Built> {
  const building = state.current;
  if (building) {
    const built = await building;
    if (Date.now() - built.checkedAt < KEY_CHECK_MS) return built;
    built.checkedAt = Date.now();
    if ((await signingKeysVersion()) === built.version) return built;
    if (state.current !== building) return state.current!;
  }
  const next = fresh();
  state.current = next;
  // A failed build (PostgreSQL down) is not kept: the next request tries again.
  next.catch(() => {
    if (state.current === next) state.current = undefined;
  });
  return next;
}

/** After a rotation on this server: the next request builds the provider with the new keys. */
export function forgetOidcProvider(): void {
  state.current = undefined;
}

function answer(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    ...staticSecurityHeaders(env().APP_URL.startsWith("https://")),
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ...extra,
  });
  res.end(body);
}

/**
 * The node handler scripts/server.mjs hands every request under /oidc to. The path is checked
 * first (a malformed escape is a 400, as proxy.ts does for Next), the prefix stripped as a
 * mounting framework would, and the request's scheme and host set from APP_URL.
 */
export async function handleOidcRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const path = url.split("?")[0]!;
  const problem = pathProblem(path);
  if (problem) return answer(res, 400, JSON.stringify({ error: "invalid_request", error_description: problem }));
  let built: Built;
  try {
    built = await current();
  } catch (err) {
    log.error({ reason: err instanceof Error ? err.message : String(err) }, "[oidc] provider unavailable");
    return answer(
      res,
      503,
      JSON.stringify({
        error: "temporarily_unavailable",
        error_description: "Sign-in for services is unavailable. Try again shortly.",
      }),
      { "Retry-After": "5" },
    );
  }
  const app = new URL(env().APP_URL);
  (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
  req.url = url.slice(OIDC_MOUNT.length) || "/";
  req.headers["x-forwarded-proto"] = app.protocol.replace(":", "");
  req.headers["x-forwarded-host"] = app.host;
  delete req.headers["x-forwarded-for"];
  await new Promise<void>((resolve) => {
    res.once("finish", resolve);
    res.once("close", resolve);
    built.handler(req, res);
  });
}

export const OIDC_HANDLER = Symbol.for("gatehouse.oidc.handler");

/** Called once per server process (instrumentation.ts): scripts/server.mjs finds the handler here. */
export function registerOidcHandler(): void {
  (globalThis as unknown as Record<symbol, unknown>)[OIDC_HANDLER] = handleOidcRequest;
}

export { errors as oidcErrors, GATEHOUSE_SCOPE };
