// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the difference between the schema
// the existing migrations produce (kept as migrations/schema.snapshot.prisma) and schema.prisma.
// The drift test (lib/db/migrations.test.ts) checks the result against a real database.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSql } from "./lib/prisma6.ts";
import { MIGRATIONS_DIR } from "./lib/migrate.ts";
import { withDatabaseServer } from "./lib/database.ts";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const schema = path.resolve(import.meta.dirname, "../prisma/schema.prisma");
const snapshot = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

await withDatabaseServer(async (server) => {
  const sql = diffSql(server.adminUrl, schema, existsSync(snapshot) ? snapshot : undefined);
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
    console.log("schema.prisma matches the migrations: nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  copyFileSync(schema, snapshot);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
});
