// Creates an API token through lib/auth's own createApiToken (not by writing the table), run in
// a child process under the react-server condition, as the app's scripts run lib code.
// Usage (from tests): await createTokenFor("operator@riverton.test", "riverton", ["operator"]).
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `databaseUrl`: a database of the spec's own (default: the run's, DATABASE_URL). */
export function createTokenFor(email: string, slug: string, groups: string[], databaseUrl?: string): string {
  const r = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [
      "--conditions=react-server",
      path.join(ROOT, "e2e/support/create-api-token.main.ts"),
      email,
      slug,
      groups.join(","),
    ],
    {
      cwd: ROOT,
      env: databaseUrl ? { ...process.env, DATABASE_URL: databaseUrl } : process.env,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  if (r.status !== 0) throw new Error(`token creation failed: ${r.stderr || r.stdout}`);
  const token = r.stdout.trim().split("\n").at(-1) ?? "";
  if (!token.startsWith("gh_")) throw new Error(`unexpected output: ${r.stdout}`);
  return token;
}

/** The Authorization header of a fresh token for `email` in municipality `slug` with these groups. */
export function bearerFor(email: string, slug: string, groups: string[]): { Authorization: string } {
  return { Authorization: `Bearer ${createTokenFor(email, slug, groups)}` };
}
