// OpenID Connect Back-Channel Logout 1.0, section 2.6: what a relying party checks in a logout
// token before it ends anyone's session. The signature is checked with jose against the
// provider's published keys (its JWKS, fetched and cached by createRemoteJWKSet); the claims
// against the spec: iss, aud, typ logout+jwt, the back-channel-logout event, no nonce, a fresh
// iat, sub or sid, and a jti: a token whose jti was seen before is reported as a replay, which
// ends nothing.
import { createRemoteJWKSet, jwtVerify } from "jose";

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/** A token the verifier refused; `message` says which check failed (it is safe to log). */
export class LogoutTokenError extends Error {
  name = "LogoutTokenError";
}

/**
 * @param {{ issuer: string; clientId: string; jwksUri: string | URL | (() => Promise<string | URL>);
 *   maxAgeSeconds?: number; clockToleranceSeconds?: number; now?: () => number }} opts
 */
export function createLogoutTokenVerifier(opts) {
  const maxAge = opts.maxAgeSeconds ?? 120;
  const tolerance = opts.clockToleranceSeconds ?? 5;
  const now = opts.now ?? (() => Date.now());
  /** jti → when it may be forgotten (ms): a token older than maxAge is refused anyway. */
  const seen = new Map();
  /** @type {ReturnType<typeof createRemoteJWKSet> | undefined} */
  let jwks;
  async function keys() {
    if (!jwks) {
      const uri = typeof opts.jwksUri === "function" ? await opts.jwksUri() : opts.jwksUri;
      jwks = createRemoteJWKSet(new URL(uri));
    }
    return jwks;
  }

  /** @param {unknown} token @returns {Promise<{ sub?: string; sid?: string; jti: string; iat: number; replay: boolean }>} */
  return async function verifyLogoutToken(token) {
    if (typeof token !== "string" || token.length === 0 || token.length > 16_384) {
      throw new LogoutTokenError("logout_token is missing");
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await keys(), {
        issuer: opts.issuer,
        audience: opts.clientId,
        typ: "logout+jwt",
        // Asymmetric signatures only: a provider never signs logout tokens with a shared secret.
        algorithms: ["RS256", "PS256", "ES256", "EdDSA"],
        requiredClaims: ["iat", "jti"],
        maxTokenAge: maxAge,
        clockTolerance: tolerance,
        currentDate: new Date(now()),
      }));
    } catch (err) {
      throw new LogoutTokenError(`logout token refused: ${err instanceof Error ? err.message : String(err)}`);
    }
    const events = payload.events;
    const event =
      events && typeof events === "object" && !Array.isArray(events) ? events[BACKCHANNEL_LOGOUT_EVENT] : undefined;
    if (!event || typeof event !== "object" || Array.isArray(event)) {
      throw new LogoutTokenError("logout token refused: no back-channel logout event");
    }
    // A nonce would make it an ID token: the spec forbids one so that neither can pass for the other.
    if ("nonce" in payload) throw new LogoutTokenError("logout token refused: it carries a nonce");
    const sub = typeof payload.sub === "string" && payload.sub ? payload.sub : undefined;
    const sid = typeof payload.sid === "string" && payload.sid ? payload.sid : undefined;
    if (!sub && !sid) throw new LogoutTokenError("logout token refused: neither sub nor sid");
    const jti = String(payload.jti);
    const t = now();
    for (const [k, until] of seen) if (until < t) seen.delete(k);
    // A jti seen before is a repeat (Gatehouse retries a delivery whose answer it did not get):
    // valid, but it must end nothing again — a replayed token never signs out a newer session.
    const replay = seen.has(jti);
    if (!replay) seen.set(jti, t + (maxAge + tolerance) * 1000);
    return { sub, sid, jti, iat: Number(payload.iat), replay };
  };
}
