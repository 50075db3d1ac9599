// Next 16's request proxy: security headers and the per-request CSP nonce,
// plus the CSRF origin check for state-changing requests. No authorization here (CONVENTIONS.md):
// every page, action and route checks for itself. While the database is down: a 503 (db-health).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, staticSecurityHeaders } from "@/lib/security/headers";
import { checkCsrf } from "@/lib/security/csrf";
import { outageResponse } from "@/lib/db-health";
import { checkActionForm, checkActionJson, type ActionBodyVerdict } from "@/lib/security/action-body";
import { pathProblem } from "@/lib/security/request-path";
import { bodyLimitOf, MAX_BODY_BYTES } from "@/lib/security/upload-limit";
import { mapTiles } from "@/lib/env";

const OPS_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

// NODE_ENV is fixed at build time by Next; it is not configuration (lib/env.ts holds that).
const dev = process.env.NODE_ENV === "development";

// Next refuses server-action bodies over 1 MB (its default bodySizeLimit) by throwing, which the
// caller sees as a 500; no form or API call of ours comes near it, so say 413 before Next reads it.
// scripts/body-gate.mjs holds the same limit for bodies streamed without a Content-Length. Photo
// uploads may send more (lib/security/upload-limit.ts); next.config.mjs raises Next's own limits to match.

export async function proxy(request: NextRequest) {
  // A path Next cannot decode would be its bare 500 (lib/security/request-path.ts).
  const path = pathProblem(request.nextUrl.pathname);
  if (path) return refuse(request, 400, path);
  // Database down: a clear 503 page or problem before anything else runs (lib/db-health.ts) —
  // except the health, readiness and metrics endpoints, which answer for themselves (app/healthz…).
  const outage = OPS_PATHS.has(request.nextUrl.pathname) ? null : await outageResponse(request);
  if (outage) return withStaticHeaders(outage);
  // SCIM (app/scim/v2) authenticates by bearer token alone and never reads a cookie, so there is
  // no ambient authority to forge: a page elsewhere cannot attach that header without a CORS
  // preflight, which nothing here grants. Without the header, the usual rule applies.
  // AuthZEN (app/access/v1) likewise: a service's HTTP Basic credentials, no cookie read, nothing
  // changed (decisions only), and a cross-site page cannot send its application/json body unpreflighted.
  const csrf = isScimBearer(request) || isAuthzenBasic(request) ? { ok: true as const } : checkCsrf(request);
  if (!csrf.ok) return refuse(request, 403, csrf.reason);
  const limit = bodyLimitOf(request.method, request.nextUrl.pathname, request.headers);
  if (bodyTooLarge(request, limit))
    return refuse(
      request,
      413,
      limit === MAX_BODY_BYTES
        ? "The request is too large (1 MB at most)."
        : "The request is too large (photos: 3 of 10 MB each at most).",
    );
  if (request.method === "POST" && request.headers.has("next-action")) {
    const body = await checkActionBody(request);
    if (!body.ok) return refuse(request, 400, body.reason);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, dev, mapTiles().origin);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Lets a page that sends someone to sign in bring them back afterwards.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce for its own scripts from the request's CSP header.
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(staticSecurityHeaders(!dev))) response.headers.set(k, v);
  return response;
}

/**
 * A body over the limit: declared by its Content-Length, or streamed (chunked) and counted by
 * scripts/body-gate.mjs while it read it — which stopped at the limit, gave Next an empty body and marked the
 * request (a mark it strips from what clients send).
 */
function bodyTooLarge(request: NextRequest, limit: number): boolean {
  return (
    request.headers.has("x-gatehouse-body-too-large") || Number(request.headers.get("content-length") ?? 0) > limit
  );
}

/** A server action's body, checked before React decodes it (lib/security/action-body.ts). */
async function checkActionBody(request: NextRequest): Promise<ActionBodyVerdict> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  try {
    if (type.startsWith("multipart/form-data")) return checkActionForm(await request.clone().formData());
    return checkActionJson(await request.clone().text(), { multipart: false });
  } catch {
    return { ok: false, reason: "The request body could not be read." };
  }
}

const TITLES = { 400: "Bad request", 403: "Forbidden", 413: "Payload too large" } as const;

function isScimBearer(request: NextRequest): boolean {
  return request.nextUrl.pathname.startsWith("/scim/") && /^bearer\s/i.test(request.headers.get("authorization") ?? "");
}

function isAuthzenBasic(request: NextRequest): boolean {
  return (
    request.nextUrl.pathname.startsWith("/access/v1/") && /^basic\s/i.test(request.headers.get("authorization") ?? "")
  );
}

/** A 4xx before anything runs: problem details for the API, a SCIM Error for SCIM, AuthZEN's error object, plain text elsewhere (actions, forms). */
function refuse(request: NextRequest, status: keyof typeof TITLES, reason: string): Response {
  const api = request.nextUrl.pathname.startsWith("/api/");
  const scim = request.nextUrl.pathname.startsWith("/scim/");
  if (request.nextUrl.pathname.startsWith("/access/v1/")) return withStaticHeaders(authzenRefusal(status, reason));
  const body = scim
    ? JSON.stringify({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
        status: String(status),
        detail: reason,
      })
    : api
      ? JSON.stringify({ type: "about:blank", title: TITLES[status], status, detail: reason })
      : reason;
  const response = new NextResponse(body, {
    status,
    headers: {
      "Content-Type": scim ? "application/scim+json" : api ? "application/problem+json" : "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
  // Refusals are responses too: the same headers as every page, and a CSP that allows nothing.
  response.headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  return withStaticHeaders(response);
}

/** AuthZEN PEPs read `{ error: { status, message } }` (lib/services/authzen/handler.ts), never cached. */
function authzenRefusal(status: number, reason: string): Response {
  const body = JSON.stringify({ error: { status, message: reason } });
  const headers = { "Content-Type": "application/json", "Cache-Control": "no-store" };
  const response = new NextResponse(body, { status, headers });
  response.headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  return response;
}

export const config = {
  // favicon.ico is a route of ours (app/favicon.ico) and gets the same headers as every answer.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};

function withStaticHeaders(response: Response): Response {
  for (const [k, v] of Object.entries(staticSecurityHeaders(!dev))) response.headers.set(k, v);
  return response;
}
