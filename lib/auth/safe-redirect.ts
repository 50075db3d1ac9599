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
