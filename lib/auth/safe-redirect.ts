// Where a sign-in may send the browser afterwards: a path on this site, never another site.
// Checking the text with startsWith("/") is not enough: browsers drop tab, CR and LF from a URL
// and read "\" as "/", so "/\t/evil.example" passes a text check and lands on evil.example. The
// value is resolved with the URL parser against a placeholder origin of ours, only its path and
// query are kept, and anything that carries a control character or backslash — raw or
// percent-encoded — or resolves to a path a browser would read as "//host" is refused.

const PLACEHOLDER_ORIGIN = "http://gatehouse.invalid";
// C0 and C1 controls, DEL, the Unicode line/paragraph separators, and the backslash.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/** A path and query on this site for `next`, or `fallback`: "/w/riverton?x=1" yes; "//evil", "/\tevil", "https://…" no. */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 500) return fallback;
  if (!next.startsWith("/") || FORBIDDEN.test(next)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback; // a malformed escape: not a path we ever link to
  }
  // Percent-encoded controls, backslashes or a leading "//" once decoded: some proxy or framework
  // on the way may decode them, so they are refused too.
  if (FORBIDDEN.test(decoded) || decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = url.pathname + url.search;
  // "/.//evil" resolves to the path "//evil", which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//") || FORBIDDEN.test(path)) return fallback;
  return path;
}

/**
 * next-auth's redirect callback. Its default calls new URL() on whatever callbackUrl (parameter
 * or cookie) says, so "abc" throws and the sign-in endpoint answers 500; this one sends anything
 * that is not our own path or origin home instead. An absolute URL of our own origin is reduced
 * to its path and query and checked by the same rule as a path.
 */
export function safeAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/")) return `${baseUrl}${safeNextPath(url)}`;
  if (FORBIDDEN.test(url)) return baseUrl;
  try {
    const parsed = new URL(url);
    if (parsed.origin !== new URL(baseUrl).origin) return baseUrl;
    const path = safeNextPath(parsed.pathname + parsed.search, "");
    return path ? `${baseUrl}${path}` : baseUrl;
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
