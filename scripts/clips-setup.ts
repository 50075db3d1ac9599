// npm run clips:setup — creates (or brings up to date) the clips roles, one per municipality, on the
// database DATABASE_URL names; without DATABASE_URL, on the embedded one under .data/ (`npm start`
// does that by itself), after applying any migration not applied yet. The database user needs CREATEROLE; AUTH_SECRET must be the app's own, since
// each role's password is derived from it. Run it again after adding a municipality or changing
// CLIPS_STATEMENT_TIMEOUT_MS or AUTH_SECRET.
import { appDatabaseUrl, openDatabaseServer } from "./lib/database.ts";
import { localAuthSecret } from "./lib/local-secrets.ts";
import { setupClips } from "./lib/clips-setup.ts";
import { migrate } from "./lib/migrate.ts";
import { assertMayCreateRoles, ClipsSetupError } from "../lib/clips/roles.ts";

const log = (s: string) => console.log(`[clips:setup] ${s}`);

async function main(): Promise<number> {
  const server = await openDatabaseServer();
  try {
    const url = await appDatabaseUrl(server);
    const authSecret = process.env.AUTH_SECRET ?? (server.embedded ? localAuthSecret() : undefined);
    if (!authSecret || authSecret.length < 32) {
      console.error(
        "[clips:setup] AUTH_SECRET is not set: use the app's own (the clips roles' passwords are derived from it).",
      );
      return 1;
    }
    log(server.embedded ? `using the embedded PostgreSQL in ${server.location}` : "using DATABASE_URL");
    await assertMayCreateRoles(url);
    // The clips views need the tables: a database nobody migrated yet is migrated first.
    await migrate(url, log);
    const roles = await setupClips(url, authSecret, log);
    for (const r of roles) log(`  ${r}`);
    return 0;
  } catch (e) {
    console.error(`[clips:setup] ${e instanceof ClipsSetupError ? e.message : String((e as Error).message ?? e)}`);
    return 1;
  } finally {
    await server.stop();
  }
}

main().then((code) => process.exit(code));
