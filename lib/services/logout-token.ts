// OpenID Connect Back-Channel Logout 1.0, section 2.4: the logout token Gatehouse POSTs to a
// service's back-channel logout URI when a person's access there ends. A JWT signed with the
// provider's current signing key (./signing-keys.ts, published in the JWKS at /oidc/jwks), typed
// `logout+jwt` (section 2.4's recommendation against cross-JWT confusion), with iss, aud (the
// service's client_id), iat, exp, jti, sub and/or sid, and the back-channel logout event; never a
// nonce (section 2.6 makes a receiver reject one). Signed at delivery time, so a token that waited
// in the outbox for an hour still arrives fresh.
import "server-only";
import { importJWK, SignJWT, type CryptoKey, type KeyObject } from "jose";
import { env } from "@/lib/env";
import type { SigningKey } from "./signing-keys";

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
export const LOGOUT_TOKEN_TYP = "logout+jwt";
/** How long a logout token may be used (the receiver checks exp; two minutes covers clock skew). */
export const LOGOUT_TOKEN_SECONDS = 120;

/** Gatehouse's OpenID Provider issuer (fixed by the contract). */
export function oidcIssuer(): string {
  return `${env().APP_URL.replace(/\/+$/, "")}/oidc`;
}

const imported = new Map<string, Promise<CryptoKey | KeyObject | Uint8Array>>();
function privateKeyOf(key: SigningKey) {
  let k = imported.get(key.kid);
  if (!k) {
    k = importJWK(key.privateJwk, key.alg);
    imported.set(key.kid, k);
  }
  return k;
}

export type LogoutTokenClaims = {
  /** The service's client_id. */
  audience: string;
  /** The Gatehouse user id (the `sub` the service got in its ID tokens). */
  sub: string;
  /** The provider session the service knew, when there is one. */
  sid?: string;
  /** Unique per token; stable across retries of one delivery so the receiver can drop a repeat. */
  jti: string;
};

export async function signLogoutToken(key: SigningKey, claims: LogoutTokenClaims): Promise<string> {
  return new SignJWT({
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    ...(claims.sid ? { sid: claims.sid } : {}),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: LOGOUT_TOKEN_TYP })
    .setIssuer(oidcIssuer())
    .setAudience(claims.audience)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(`${LOGOUT_TOKEN_SECONDS}s`)
    .setJti(claims.jti)
    .sign(await privateKeyOf(key));
}
