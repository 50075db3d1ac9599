// Next 16's request proxy: security headers and the per-request CSP nonce only.
// No authorization here (CONVENTIONS.md): every page, action and route checks for itself.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, staticSecurityHeaders } from "@/lib/security/headers";

// NODE_ENV is fixed at build time by Next; it is not configuration (lib/env.ts holds that).
const dev = process.env.NODE_ENV === "development";

export function proxy(request: NextRequest) {
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

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
