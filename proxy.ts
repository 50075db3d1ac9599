// Next 16's request proxy: security headers and the per-request CSP nonce,
// plus the CSRF origin check for state-changing requests. No authorization here (CONVENTIONS.md):
// every page, action and route checks for itself.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, staticSecurityHeaders } from "@/lib/security/headers";
import { checkCsrf } from "@/lib/security/csrf";

// NODE_ENV is fixed at build time by Next; it is not configuration (lib/env.ts holds that).
const dev = process.env.NODE_ENV === "development";

export function proxy(request: NextRequest) {
  const csrf = checkCsrf(request);
  if (!csrf.ok) return refuse(request, csrf.reason);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, dev);
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

/** 403 before anything runs: problem details for the API, plain text elsewhere (actions, forms). */
function refuse(request: NextRequest, reason: string): Response {
  const api = request.nextUrl.pathname.startsWith("/api/");
  const body = api ? JSON.stringify({ type: "about:blank", title: "Forbidden", status: 403, detail: reason }) : reason;
  const response = new NextResponse(body, { status: 403, headers: { "Content-Type": api ? "application/problem+json" : "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  for (const [k, v] of Object.entries(staticSecurityHeaders(!dev))) response.headers.set(k, v);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
