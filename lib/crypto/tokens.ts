// Random secrets and their hashes. Tokens (sessions, invitations, API tokens) are stored only as
// SHA-256: a database leak yields nothing that signs anyone in. SHA-256 (not argon2) is right
// here because the secrets are 256-bit random, not guessable passwords.
import { createHash, randomBytes } from "node:crypto";

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
