// The clips roles (lib/clips/roles.ts) for every municipality, with the limits from the environment:
// `npm start` on the embedded database and `npm run clips:setup` wherever DATABASE_URL points.
import pg from "pg";
import { applyClipsSchema } from "../../lib/clips/apply.ts";
import { DEFAULT_ROLE_LIMITS, setupClipsRoles } from "../../lib/clips/roles.ts";
import { clipsSettings } from "../../lib/env.ts";

export async function setupClips(databaseUrl: string, authSecret: string, log: (s: string) => void): Promise<string[]> {
  // The views first (the migration runner keeps them current; this also covers a database migrated elsewhere).
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await applyClipsSchema(client, log);
  } finally {
    await client.end();
  }
  const limits = { ...DEFAULT_ROLE_LIMITS, statementTimeoutMs: clipsSettings().statementTimeoutMs };
  return setupClipsRoles(databaseUrl, authSecret, limits, log);
}
