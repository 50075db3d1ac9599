// "Test connection" for a municipality's OpenID Connect provider: fetches the discovery document
// and the signing keys (openid-client 6 does the discovery and its issuer check) and says, check
// by check and in plain words, what a municipal IT admin must fix at their provider. Never
// throws: an unreachable host, bad TLS, a wrong issuer or a page that is not JSON are answers, each
// fetch bounded by a timeout so a silent host cannot hold the request.
//
// Also the shared parts of the console's OIDC calls (./sso-try.ts): the discovery with the same
// rules (plain http only for loopback addresses, which the local IdP uses) and the translation
// of network and TLS errors into sentences.
import "server-only";
import * as oidc from "openid-client";
import { env } from "@/lib/env";

export type CheckStatus = "pass" | "fail" | "warn" | "skip";
export type ConnectionCheck = { id: string; label: string; status: CheckStatus; detail: string };
export type ConnectionReport = { ok: boolean; checks: ConnectionCheck[] };

/** Seconds each request to the provider may take. */
export const PROVIDER_TIMEOUT_SECONDS = 8;

/** Plain http is accepted only for a provider on this machine (the local development IdP). */
export function isLoopbackUrl(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/**
 * Why Gatehouse will not talk to this issuer, or null. It must be https; a provider on this
 * machine (plain http allowed, as the local IdP uses) only while Gatehouse itself runs on this
 * machine (APP_URL on loopback) — otherwise an admin could make the server probe its own ports.
 */
export function issuerProblem(url: URL, appUrl: string = env().APP_URL, what = "The issuer"): string | null {
  if (url.search || url.hash || url.username || url.password) return "No query, fragment or user name.";
  if (isLoopbackUrl(url)) {
    if (!isLoopbackUrl(new URL(appUrl)))
      return "A provider on this machine is accepted only when Gatehouse itself runs locally.";
    return url.protocol === "https:" || url.protocol === "http:" ? null : `${what} must be an https URL.`;
  }
  return url.protocol === "https:" ? null : `${what} must use https (plain http only for a provider on this machine).`;
}

/** The provider's configuration by discovery, with the console's rules (timeout, which issuers). */
export async function discoverProvider(
  issuer: string,
  clientId: string,
  clientAuth?: oidc.ClientAuth,
): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  const problem = issuerProblem(url);
  if (problem) throw new Error(problem);
  return oidc.discovery(url, clientId, undefined, clientAuth ?? oidc.None(), {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    execute: url.protocol === "http:" && isLoopbackUrl(url) ? [oidc.allowInsecureRequests] : [],
  });
}

const TLS_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_UNTRUSTED",
]);

function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && typeof e === "object" && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && !code.startsWith("OAUTH_")) return code;
  }
  return undefined;
}

/** A network-level failure in plain words, or null when the error is something else. */
export function networkProblem(err: unknown, host: string): string | null {
  const name = err && typeof err === "object" ? (err as { name?: string }).name : undefined;
  if (name === "TimeoutError" || name === "AbortError")
    return `${host} did not answer within ${PROVIDER_TIMEOUT_SECONDS} seconds.`;
  const code = causeCode(err);
  if (!code) return null;
  if (TLS_CODES.has(code))
    return `${host}'s TLS certificate is not trusted (${code}): the provider must present a valid certificate for its host name.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return `${host} was not found (no DNS entry): check the issuer URL.`;
  if (code === "ECONNREFUSED") return `${host} refused the connection: nothing is listening there.`;
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return `${host} closed the connection.`;
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT")
    return `${host} did not answer within ${PROVIDER_TIMEOUT_SECONDS} seconds.`;
  return `${host} could not be reached (${code}).`;
}

const LABELS = {
  reachable: "The discovery document can be fetched",
  issuer: "The issuer in the document matches the configured issuer URL",
  endpoints: "Authorization and token endpoints are announced",
  keys: "Signing keys (JWKS) can be fetched",
  codeFlow: "Authorization code flow with PKCE (S256) is supported",
  scopes: "The configured scopes are supported",
} as const;
type CheckId = keyof typeof LABELS;

function report(results: Partial<Record<CheckId, [CheckStatus, string]>>): ConnectionReport {
  const checks = (Object.keys(LABELS) as CheckId[]).map((id) => {
    const [status, detail] = results[id] ?? ["skip", "Not checked: an earlier check failed."];
    return { id, label: LABELS[id], status, detail };
  });
  return { ok: checks.every((c) => c.status === "pass" || c.status === "warn"), checks };
}

const isUsableUrl = (v: unknown) => {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return issuerProblem(new URL(u.origin)) === null;
  } catch {
    return false;
  }
};

/** Every check of "Test connection" for the provider at `issuer`; never throws. */
export async function checkOidcProvider(issuer: string, opts: { scopes?: string[] } = {}): Promise<ConnectionReport> {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return report({ reachable: ["fail", "The issuer is not a URL."] });
  }
  const refused = issuerProblem(url);
  if (refused) return report({ reachable: ["fail", refused] });
  const host = url.host;
  const where = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  let meta: oidc.ServerMetadata;
  try {
    meta = (await discoverProvider(issuer, "gatehouse-connection-test")).serverMetadata();
  } catch (err) {
    const net = networkProblem(err, host);
    if (net) return report({ reachable: ["fail", net] });
    const e = err as { code?: string; message?: string; cause?: unknown };
    // openid-client compares the document's issuer with the URL it was asked for (OIDC Discovery §4.3).
    if (e.code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED") {
      const said = (e.cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
      return report({
        reachable: ["pass", `Fetched ${where}.`],
        issuer: [
          "fail",
          `The document says its issuer is ${typeof said === "string" ? `"${said}"` : "something else"}, not "${issuer}". Use exactly the provider's issuer value (a trailing slash counts).`,
        ],
      });
    }
    if (e.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || e.code === "OAUTH_RESPONSE_IS_NOT_JSON") {
      const status = (e.cause as { status?: unknown } | undefined)?.status;
      return report({
        reachable: [
          "fail",
          typeof status === "number" && status !== 200
            ? `${where} answered HTTP ${status}: is the issuer URL right?`
            : `${where} did not answer with a discovery document (JSON).`,
        ],
      });
    }
    return report({
      reachable: ["fail", `${where} could not be read as a discovery document (${e.message ?? "unknown error"}).`],
    });
  }

  const results: Partial<Record<CheckId, [CheckStatus, string]>> = {
    reachable: ["pass", `Fetched ${where}.`],
    issuer: ["pass", `The document names "${meta.issuer}".`],
  };
  const missing = (["authorization_endpoint", "token_endpoint"] as const).filter((k) => !isUsableUrl(meta[k]));
  results.endpoints = missing.length
    ? ["fail", `Missing or not https: ${missing.join(", ")}.`]
    : ["pass", `Authorization: ${meta.authorization_endpoint}; token: ${meta.token_endpoint}.`];

  results.keys = await checkKeys(meta.jwks_uri);

  const codeOk = (meta.response_types_supported ?? []).includes("code");
  const pkce = meta.code_challenge_methods_supported;
  results.codeFlow = !codeOk
    ? [
        "fail",
        `The provider does not offer response type "code" (it offers ${(meta.response_types_supported ?? []).join(", ") || "none"}).`,
      ]
    : !pkce
      ? ["warn", "The code flow is offered; the provider does not announce PKCE methods (Gatehouse sends S256 anyway)."]
      : pkce.includes("S256")
        ? ["pass", "Response type code and PKCE S256 are offered."]
        : ["fail", `PKCE S256 is not offered (only ${pkce.join(", ") || "none"}).`];

  const wanted = opts.scopes ?? [];
  const offered = meta.scopes_supported;
  const unknown = offered ? wanted.filter((s) => !offered.includes(s)) : [];
  results.scopes = !offered
    ? ["warn", "The provider does not list its scopes; Try sign-in shows what it sends."]
    : unknown.length
      ? ["warn", `Not listed by the provider: ${unknown.join(", ")} (it may refuse or ignore them).`]
      : ["pass", `All of ${wanted.join(", ") || "openid"} are offered.`];
  return report(results);
}

async function checkKeys(jwksUri: string | undefined): Promise<[CheckStatus, string]> {
  if (!isUsableUrl(jwksUri)) return ["fail", "The document names no jwks_uri (or not an https one)."];
  try {
    const res = await fetch(jwksUri!, {
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_SECONDS * 1000),
      headers: { accept: "application/json" },
      redirect: "error",
    });
    if (!res.ok) return ["fail", `${jwksUri} answered HTTP ${res.status}.`];
    const body = (await res.json().catch(() => null)) as { keys?: unknown } | null;
    const keys = Array.isArray(body?.keys) ? (body!.keys as { kty?: unknown; use?: unknown }[]) : null;
    if (!keys) return ["fail", `${jwksUri} is not a JSON Web Key Set.`];
    const signing = keys.filter((k) => ["RSA", "EC", "OKP"].includes(String(k.kty)) && k.use !== "enc");
    return signing.length
      ? ["pass", `${signing.length} signing key${signing.length === 1 ? "" : "s"} at ${jwksUri}.`]
      : ["fail", `${jwksUri} holds no signing keys.`];
  } catch (err) {
    return ["fail", networkProblem(err, new URL(jwksUri!).host) ?? `${jwksUri} could not be read.`];
  }
}
