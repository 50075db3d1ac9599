// Vitest global setup: a fresh, migrated, seeded PostgreSQL database for this run, on the
// embedded server (or on DATABASE_URL's server), dropped afterwards. No mocks of the database.
import { createTestDatabase, openDatabaseServer } from "../lib/database.ts";
import { migrate } from "../lib/migrate.ts";
import { seedDemo } from "../lib/seed-runner.ts";

export default async function setup() {
  const server = await openDatabaseServer();
  const testDb = await createTestDatabase(server, "unit");
  await migrate(testDb.url);
  process.env.DATABASE_URL = testDb.url;
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  process.env.AUDIT_KEY ??= "test-audit-key-test-audit-key-0123456789";
  Object.assign(process.env, { NODE_ENV: "test" });
  await seedDemo(testDb.url);
  return async () => {
    if (process.env.KEEP_TEST_DATABASE !== "1") await testDb.drop();
    await server.stop();
  };
}
