// Next decodes every path segment it routes (decodeURIComponent) before any page, handler or
// proxy decision of ours can see it as a parameter. An escape that is not UTF-8 — a lone "%",
// "%FF", an overlong or truncated multi-byte sequence, a UTF-16 surrogate — throws inside Next's
// router, which then answers a bare 500 without any of our security headers. No route of ours
// has a segment that needs such an escape, nor one holding a NUL or another control character (no
// slug, id or token has one; PostgreSQL cannot even compare text holding a NUL). proxy.ts refuses
// such a path with a 400, with the usual headers, before Next routes it.

/** Why this path can name nothing of ours, or null when it is well-formed. */
export function pathProblem(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return "The address holds a percent-escape that is not valid UTF-8.";
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return "The address holds a control character.";
  return null;
}
