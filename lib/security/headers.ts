// Security headers for every response. A fresh nonce per request lets Next's own inline
// scripts run while any injected script is blocked ('strict-dynamic' + nonce, no
// 'unsafe-inline' for scripts). Styles allow inline because charts set style attributes.
// Map tiles are images from the one configured tile origin (lib/env.ts mapTiles), nothing else.
export function contentSecurityPolicy(nonce: string, dev: boolean, tileOrigin?: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tileOrigin ? ` ${tileOrigin}` : ""}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in posts to our own routes; identity providers are reached by redirect, not form post.
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(dev ? [] : ["upgrade-insecure-requests"]),
  ].join("; ");
}

// Geolocation for our own pages only: the report form's "Use my location" (app/_components/map).
export function staticSecurityHeaders(production: boolean): Record<string, string> {
  return {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
