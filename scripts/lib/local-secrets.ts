// Development secrets for the embedded setup: generated once per machine into .data/
// (git-ignored). Production sets AUTH_SECRET and AUDIT_KEY itself; nothing secret is ever
// committed. The audit key sits next to the embedded database's files, not in the database: the
// audit chain resists whoever can write the database (SQL access), not whoever owns the machine.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const file = path.resolve(import.meta.dirname, "../../.data/secrets.json");

type Secrets = { authSecret: string; auditKey: string };

function localSecrets(): Secrets {
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>) : {};
  if (saved.authSecret && saved.auditKey) return saved as Secrets;
  // A file from before the audit key keeps its AUTH_SECRET (sessions stay valid) and gains the key.
  const secrets = {
    authSecret: saved.authSecret ?? randomBytes(32).toString("base64url"),
    auditKey: saved.auditKey ?? randomBytes(32).toString("base64url"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export function localAuthSecret(): string {
  return localSecrets().authSecret;
}

export function localAuditKey(): string {
  return localSecrets().auditKey;
}
