// Cross-site request forgery guard for every state-changing request, applied in proxy.ts before
// any page, action or route handler runs. Next checks a server action's Origin itself, but answers
// a mismatch with a 500 and leaves route handlers (the JSON API with a session cookie, CSV export)
// unguarded; one rule here covers both. SameSite=Lax cookies are the first line; this is the
// second, for same-site attackers (a sibling subdomain) and older browsers.
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const SAML_ACS = /^\/api\/saml\/[a-z0-9-]{1,64}\/acs$/;

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/**
 * A request that may change state must come from our own origin. Browsers send Origin on every
 * cross-origin POST and on same-origin ones too; when it is missing, Sec-Fetch-Site decides.
 * A request with neither header and no cookie is not a browser acting for a signed-in person
 * (curl, a bearer-token client) and cannot be forged by a third-party page.
 */
export function checkCsrf(req: { method: string; headers: Headers; url: string }): CsrfVerdict {
  if (SAFE.has(req.method.toUpperCase())) return { ok: true };
  const own = new URL(req.url);
  // The SAML assertion consumer service is posted to by the identity provider's page, cross-site by
  // design (HTTP-POST binding). It uses no cookie and changes nothing on anyone's behalf: it acts
  // only on a signed assertion answering a request we issued (lib/auth/saml.ts).
  if (SAML_ACS.test(own.pathname)) return { ok: true };
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? own.host;
  const origin = req.headers.get("origin");
  if (origin !== null) {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return { ok: false, reason: "The request's Origin is not a valid origin." };
    }
    return o.host === host ? { ok: true } : { ok: false, reason: "Cross-site requests may not change anything here." };
  }
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    return { ok: false, reason: "Cross-site requests may not change anything here." };
  return { ok: true };
}
