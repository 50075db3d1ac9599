// Only same-site paths: "/w/riverton" yes; "//evil.example", "https://…", "/\\evil" no.
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length > 500) return fallback;
  return next;
}

/**
 * next-auth's redirect callback. Its default calls new URL() on whatever callbackUrl (parameter
 * or cookie) says, so "abc" throws and the sign-in endpoint answers 500; this one sends anything
 * that is not our own path or origin home instead.
 */
export function safeAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/")) return `${baseUrl}${safeNextPath(url)}`;
  try {
    return new URL(url).origin === baseUrl ? url : baseUrl;
  } catch {
    return baseUrl;
  }
}

/**
 * Whether next-auth will accept this callbackUrl. It checks the query parameter and the
 * callback-url cookie before anything else and treats one it cannot parse as a server
 * misconfiguration — a 500 — so the route refuses such a value first, as bad input.
 */
export function isParsableCallbackUrl(value: string, baseUrl: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? baseUrl : undefined).protocol);
  } catch {
    return false;
  }
}
