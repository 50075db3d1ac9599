// Applies prisma/migrations/*/migration.sql in order, recording them in Prisma's own
// `_prisma_migrations` table, so `prisma migrate deploy` on a machine with the schema
// engine sees the same history. Written here because Prisma 7's migrate needs an engine
// binary that offline machines cannot download (TOOLCHAIN.md).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyClipsSchema } from "../../lib/clips/apply.ts";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Returns the names of the migrations applied by this call. `upTo` (tests of upgrades): stop after that one. */
export async function migrate(
  databaseUrl: string,
  log: (s: string) => void = () => {},
  opts: { upTo?: string } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    // Several app servers may start at once: one migrates, the others wait.
    await client.query("select pg_advisory_lock(727274001)");
    await client.query(`
      create table if not exists "_prisma_migrations" (
        "id" varchar(36) primary key,
        "checksum" varchar(64) not null,
        "finished_at" timestamptz,
        "migration_name" varchar(255) not null,
        "logs" text,
        "rolled_back_at" timestamptz,
        "started_at" timestamptz not null default now(),
        "applied_steps_count" integer not null default 0
      )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `select migration_name, checksum, finished_at from "_prisma_migrations" where rolled_back_at is null`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const m of listMigrations().filter((x) => opts.upTo === undefined || x.name <= opts.upTo!)) {
      const prior = done.get(m.name);
      if (prior?.finished_at) {
        if (prior.checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was edited after it was applied (checksum differs). Add a new migration instead.`,
          );
        }
        continue;
      }
      if (prior)
        throw new Error(`Migration ${m.name} failed earlier and was not rolled back; fix the database by hand.`);
      log(`applying migration ${m.name}`);
      await client.query("begin");
      try {
        await client.query(m.sql);
        await client.query(
          `insert into "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) values ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("commit");
        applied.push(m.name);
      } catch (err) {
        await client.query("rollback");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
    // The clips views follow the policies and the tables: regenerated when their SQL changes.
    if (opts.upTo === undefined) await applyClipsSchema(client, log);
  } finally {
    await client.query("select pg_advisory_unlock(727274001)").catch(() => {});
    await client.end();
  }
  return applied;
}
