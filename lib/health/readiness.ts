// Is this server ready for traffic (/readyz)? A load balancer sends requests only to servers that
// say yes, so the answer covers what every request needs: PostgreSQL answers, every migration of
// this build is applied (a new version started before `npm run db:migrate` waits instead of
// failing requests), the policy files loaded, and this process's mail queue runs (pg-boss: mail,
// service deliveries and the scheduled jobs ride on it). /healthz only says the process answers.
//
// Cheap on purpose, like lib/db-health.ts (whose one-connection probe it reuses): the answer is
// kept for one second and at most one check runs at a time, so a balancer probing every server
// every second adds at most one `select 1` per second; the migrations are read at most once a
// minute once they were found complete. The answer names no check — the log does, when it changes.
//
// Infrastructure reads: the migration table is not a governed record and no viewer acts here,
// so it is read with `db` directly.
import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { databaseAnswering } from "@/lib/db-health";
import { loadPolicies } from "@/lib/policy/load";
import { mailWorkerRunning } from "@/lib/jobs/mail-worker";
import { log } from "@/lib/ops/log";

export type ReadinessCheck = "database" | "migrations" | "policies" | "mail_queue";
export type Readiness = { ready: boolean; failing: ReadinessCheck[] };

/** Where this build's migrations are (the app runs from the project directory, as lib/policy reads policies/). */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

const CACHE_MS = 1000;
const MIGRATIONS_OK_MS = 60_000;
const QUERY_TIMEOUT_MS = 2000;

/** The migrations this build knows: folders of prisma/migrations with a migration.sql, as scripts/lib/migrate.ts applies them. */
export function expectedMigrations(dir: string = MIGRATIONS_DIR): string[] {
  // Read at run time from the project directory (not traced into the build's output).
  if (!existsSync(/* turbopackIgnore: true */ dir)) return [];
  return readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/* turbopackIgnore: true */ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

type RawReader = Pick<typeof db, "$queryRaw">;

/** `p`, or a rejection once `ms` have passed without an answer. */
export function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Every migration of this build is recorded as finished in `_prisma_migrations` (the runner's and
 * Prisma's own table). A database with more migrations than this build knows is fine: that is an
 * old server still running during an upgrade. No table, or no build migrations found: not ready.
 */
export async function migrationsApplied(dir: string = MIGRATIONS_DIR, reader: RawReader = db): Promise<boolean> {
  const expected = expectedMigrations(dir);
  if (expected.length === 0) return false;
  try {
    const rows = await within(
      reader.$queryRaw<{ migration_name: string }[]>`
        select migration_name from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`,
      QUERY_TIMEOUT_MS,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return expected.every((m) => applied.has(m));
  } catch {
    return false;
  }
}

/** The group files load (lib/policy keeps them for the life of the process, so this is a cache hit). */
export function policiesLoaded(dir?: string): boolean {
  try {
    return loadPolicies(dir).groups.size > 0;
  } catch {
    return false;
  }
}

type State = { at: number; last?: Readiness; checking?: Promise<Readiness>; migrationsOkAt?: number };
const g = globalThis as unknown as { gatehouseReadiness?: State };
const state = (g.gatehouseReadiness ??= { at: 0 });

async function check(): Promise<Readiness> {
  const failing: ReadinessCheck[] = [];
  const database = await databaseAnswering();
  if (!database) failing.push("database");
  // With the database away the migration table cannot be read; "database" already says why.
  else if (!(state.migrationsOkAt && Date.now() - state.migrationsOkAt < MIGRATIONS_OK_MS)) {
    if (await migrationsApplied()) state.migrationsOkAt = Date.now();
    else {
      state.migrationsOkAt = undefined;
      failing.push("migrations");
    }
  }
  if (!policiesLoaded()) failing.push("policies");
  if (!mailWorkerRunning()) failing.push("mail_queue");
  return { ready: failing.length === 0, failing };
}

/** The server's readiness, at most a second old. */
export async function readiness(): Promise<Readiness> {
  if (state.last && Date.now() - state.at < CACHE_MS) return state.last;
  state.checking ??= check()
    .catch((): Readiness => ({ ready: false, failing: ["database"] }))
    .then((r) => {
      const before = state.last;
      if (!before || before.ready !== r.ready || before.failing.join() !== r.failing.join()) {
        if (r.ready) log.info(before ? "[ready] ready again" : "[ready] ready");
        else log.warn({ failing: r.failing }, "[ready] not ready");
      }
      Object.assign(state, { last: r, at: Date.now(), checking: undefined });
      return r;
    });
  return state.checking;
}
