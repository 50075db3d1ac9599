// Which cookie holds the session: exactly the name next-auth writes, decided in one place for
// both. On HTTPS next-auth writes "__Secure-next-auth.session-token", a name browsers accept only
// with the Secure attribute from a secure origin; reading the unprefixed name there as well would
// let a cookie planted without Secure (over plain HTTP, or by a sibling subdomain) stand in for
// the session — the prefix's protection lost.
import { env } from "@/lib/env";

/** Whether the app is served over HTTPS (APP_URL says so): next-auth's useSecureCookies. */
export function usesSecureCookies(appUrl: string = env().APP_URL): boolean {
  return appUrl.startsWith("https://");
}

export function sessionCookieName(appUrl: string = env().APP_URL): string {
  return usesSecureCookies(appUrl) ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
