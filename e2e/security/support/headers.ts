// The security headers every answer of ours must carry — pages, API answers, refusals and 404s
// alike (lib/security/headers.ts, applied in proxy.ts). Pure, so each suite that uses it can also
// show it failing against a deliberately broken server.

/** Security headers every answer must carry; HTML pages also need the per-request script nonce. */
export function headerProblems(h: Record<string, string>, opts: { html: boolean }): string[] {
  const out: string[] = [];
  const csp = h["content-security-policy"] ?? "";
  if (!csp) out.push("no Content-Security-Policy");
  else {
    if (!/(^|;)\s*frame-ancestors 'none'\s*(;|$)/.test(csp)) out.push("CSP without frame-ancestors 'none'");
    if (opts.html) {
      const script = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      if (!/'nonce-[A-Za-z0-9+/=]{16,}'/.test(script)) out.push("CSP script-src without a nonce");
      if (/'unsafe-inline'|\*/.test(script)) out.push("CSP script-src allows inline or any script");
      if (!/(^|;)\s*object-src 'none'/.test(csp)) out.push("CSP without object-src 'none'");
    }
  }
  if (
    !["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].includes(
      h["referrer-policy"] ?? "",
    )
  )
    out.push(`Referrer-Policy ${h["referrer-policy"] ?? "missing"}`);
  if (h["x-content-type-options"] !== "nosniff") out.push("no X-Content-Type-Options: nosniff");
  // HSTS: sent by the production build (the server under test is one); browsers ignore it over
  // plain http, so its presence is what can be checked here.
  const hsts = /max-age=(\d+)/.exec(h["strict-transport-security"] ?? "");
  if (!hsts || Number(hsts[1]) < 31_536_000)
    out.push(`HSTS ${h["strict-transport-security"] ?? "missing"} (a year at least)`);
  return out;
}
