// Gatehouse's OpenID Provider signing keys, in PostgreSQL so every app server signs with the same
// key and publishes the same JWKS. Private keys are AES-GCM sealed under AUTH_SECRET. Rotation
// adds a new key that signs from then on; the previous ones stay in the JWKS (to verify tokens
// already issued) until retired. ID tokens and back-channel logout tokens both use these.
import "server-only";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newSecret } from "@/lib/crypto/tokens";
import { open, seal } from "@/lib/crypto/secret-box";

const PURPOSE = "oidc-signing-key";
export const SIGNING_ALG = "RS256";

export type SigningKey = { kid: string; alg: string; privateJwk: JWK; publicJwk: JWK; createdAt: Date };

async function createKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true, modulusLength: 2048 });
  const kid = newSecret(12);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const row = await db.oidcSigningKey.create({
    data: {
      kid,
      alg: SIGNING_ALG,
      publicJwk,
      privateJwkCipher: seal(JSON.stringify(privateJwk), env().AUTH_SECRET, PURPOSE),
    },
  });
  return { kid, alg: SIGNING_ALG, privateJwk, publicJwk, createdAt: row.createdAt };
}

/**
 * Every unretired key, newest first (the first one signs). Creates the first key on first use;
 * two servers starting at once may each create one, which is harmless (both are published, the
 * newest signs everywhere).
 */
export async function signingKeys(): Promise<SigningKey[]> {
  const rows = await db.oidcSigningKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (rows.length === 0) return [await createKey()];
  return rows.map((r) => ({
    kid: r.kid,
    alg: r.alg,
    publicJwk: r.publicJwk as JWK,
    privateJwk: JSON.parse(open(r.privateJwkCipher, env().AUTH_SECRET, PURPOSE)) as JWK,
    createdAt: r.createdAt,
  }));
}

/** The key that signs now. */
export async function currentSigningKey(): Promise<SigningKey> {
  return (await signingKeys())[0]!;
}

/** A cheap fingerprint of the key set: oidc-provider is rebuilt when it changes (rotation on another server). */
export async function signingKeysVersion(): Promise<string> {
  const rows = await db.oidcSigningKey.findMany({
    where: { retiredAt: null },
    select: { kid: true },
    orderBy: { kid: "asc" },
  });
  return rows.map((r) => r.kid).join(",");
}

/**
 * Rotation: a new key signs from now on; keys older than the newest previous one are retired (a
 * token lives an hour at most, so one previous key is enough to verify everything still valid).
 */
export async function rotateSigningKey(): Promise<{ kid: string; retired: string[] }> {
  const before = await db.oidcSigningKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  const fresh = await createKey();
  const retire = before.slice(1).map((k) => k.kid);
  if (retire.length)
    await db.oidcSigningKey.updateMany({ where: { kid: { in: retire } }, data: { retiredAt: new Date() } });
  return { kid: fresh.kid, retired: retire };
}
