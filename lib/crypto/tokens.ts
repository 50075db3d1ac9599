// Random secrets and their hashes. Tokens (sessions, invitations, API tokens) are stored only as
// SHA-256: a database leak yields nothing that signs anyone in. SHA-256 (not argon2) is right
// here because the secrets are 256-bit random, not guessable passwords.
import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * A secret the server can make again from a row's id instead of storing it readable (a request
 * follower's tracking link, repeated in every status mail): an HMAC under a key derived from
 * AUTH_SECRET for this purpose only. The database keeps only its sha256, as for random tokens;
 * without AUTH_SECRET (which is not in the database) nobody can make it.
 */
export function keyedToken(authSecret: string, purpose: string, id: string): string {
  const key = Buffer.from(hkdfSync("sha256", authSecret, "gatehouse", `keyed-token:${purpose}`, 32));
  return createHmac("sha256", key).update(id).digest("base64url");
}
