// A connected service's credentials. The client secret only needs checking, so only its SHA-256 is
// stored (the secret is 256-bit random: a fast hash is right, as for API tokens). oidc-provider
// compares the client_secret it is configured with against what the client sends, so the provider
// is configured with the hash and its token endpoint is handed the hash of what arrived
// (lib/services/oidc-provider.ts); a stolen hash presented as a secret is hashed again and fails.
import "server-only";
import { timingSafeEqual } from "node:crypto";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { open, seal } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";

export type NewClientCredentials = {
  clientId: string;
  clientSecret: string;
  clientSecretHash: string;
  clientSecretHint: string;
};

/** `svc_…` client ids are public; the secret is shown once, at creation or rotation. */
export function newClientCredentials(): NewClientCredentials {
  const clientSecret = `gh_svc_${newSecret(32)}`;
  return {
    clientId: `svc_${newSecret(12)}`,
    clientSecret,
    clientSecretHash: sha256(clientSecret),
    clientSecretHint: clientSecret.slice(-4),
  };
}

/** What oidc-provider and the AuthZEN endpoints compare: the hash of the presented secret. */
export function presentedSecretHash(secret: string): string {
  return sha256(secret);
}

export function clientSecretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(presentedSecretHash(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${Buffer.from(newSecret(32), "base64url").toString("base64")}`;
}

const WEBHOOK_PURPOSE = "service-webhook-secret";

/** Sealed for the database: webhooks are signed with it again at every delivery. */
export function sealWebhookSecret(secret: string): string {
  return seal(secret, env().AUTH_SECRET, WEBHOOK_PURPOSE);
}

export function openWebhookSecret(cipher: string): string {
  return open(cipher, env().AUTH_SECRET, WEBHOOK_PURPOSE);
}
