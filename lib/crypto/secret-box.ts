// Secrets we must be able to read back (SSO client secrets, mail links until they are sent) are
// stored AES-256-GCM encrypted with a key derived from AUTH_SECRET (HKDF, one key per purpose),
// never in plain text.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

function key(authSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "gatehouse", purpose, 32));
}

/** `purpose` picks the key: what was sealed for one use never opens for another. */
export function seal(plain: string, authSecret: string, purpose = "sso-client-secret"): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key(authSecret, purpose), iv);
  const data = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function open(sealed: string, authSecret: string, purpose = "sso-client-secret"): string {
  const [v, iv, tag, data] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || !data) throw new Error("not a sealed secret");
  const d = createDecipheriv("aes-256-gcm", key(authSecret, purpose), Buffer.from(iv, "base64url"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(data, "base64url")), d.final()]).toString("utf8");
}

/** The local development IdP's client secret: derived, so neither the repo nor the seed holds it. */
export function devIdpClientSecret(authSecret: string, slug: string): string {
  return createHmac("sha256", authSecret).update(`dev-idp-client:${slug}`).digest("base64url");
}
