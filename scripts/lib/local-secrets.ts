// Development secrets for the embedded setup: generated once per machine into .data/
// (git-ignored). Production sets AUTH_SECRET itself; nothing secret is ever committed.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const file = path.resolve(import.meta.dirname, "../../.data/secrets.json");

export function localAuthSecret(): string {
  if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { authSecret: string }).authSecret;
  mkdirSync(path.dirname(file), { recursive: true });
  const authSecret = randomBytes(32).toString("base64url");
  writeFileSync(file, JSON.stringify({ authSecret }), { mode: 0o600 });
  return authSecret;
}
