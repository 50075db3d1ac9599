// One PrismaClient per process (a globalThis singleton survives Next's dev reloads), on the
// pg driver adapter, extended for @casl/prisma 2 and with password hashes omitted by default.
// Record data is read and written only through lib/data, which scopes every query.
import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createCaslExtension } from "@casl/prisma/runtime";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";
import { log } from "@/lib/ops/log";

const POOL_MAX = 10;

function create() {
  // A bounded connect wait: with the database unreachable a request fails in seconds (503 through
  // lib/db-faults.ts) instead of hanging; idle connections a restarting server drops are logged, and
  // the pool opens new ones when it is back — the process never needs a restart.
  // The pool is ours (not the adapter's own) so /metrics can say how much of it is in use.
  const pool = (globalForDb.gatehouseDbPool = new pg.Pool({
    connectionString: databaseUrl(),
    max: POOL_MAX,
    connectionTimeoutMillis: 5000,
  }));
  const adapter = new PrismaPg(pool, {
    onPoolError: (e: Error) => log.warn({ reason: e.message }, "[db] an idle connection was closed"),
    disposeExternalPool: true,
  });
  // Audit appends queue on one advisory lock; give transactions time to get a connection under load.
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  }).$extends(createCaslExtension());
}

export type Db = ReturnType<typeof create>;

const globalForDb = globalThis as unknown as { gatehouseDb?: Db; gatehouseDbPool?: pg.Pool };

/** Connections of the app's pool (/metrics, lib/health/figures.ts); null before the first query made the client. */
export function dbPoolUse(): { total: number; idle: number; waiting: number; max: number } | null {
  const p = globalForDb.gatehouseDbPool;
  return p ? { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount, max: POOL_MAX } : null;
}

function instance(): Db {
  return (globalForDb.gatehouseDb ??= create());
}

// Created on first use, not at import: `next build` imports server modules without a database.
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = instance();
    const value: unknown = Reflect.get(real, prop, real);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});
