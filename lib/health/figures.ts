// The figures /metrics reads from PostgreSQL when it is scraped (the gauges live in
// lib/ops/metrics.ts): whether the database answers and the server is ready, the mail outbox's
// backlog and its oldest message's age, pg-boss jobs by queue and state, back-channel logout and
// webhook deliveries by kind and state, and this process's database pool. Each query is bounded
// (two seconds): a slow database must not hold a scrape up; figures that could not be read are
// left out of the scrape rather than shown stale as current.
//
// Infrastructure reads: counts over the outbox, the delivery table and pg-boss's own tables, with
// `db` directly — no viewer acts here and no record's fields leave this module.
import "server-only";
import { db, dbPoolUse } from "@/lib/db";
import { databaseAnswering } from "@/lib/db-health";
import type { Metrics } from "@/lib/ops/metrics";
import { readiness, within } from "./readiness";

const QUERY_TIMEOUT_MS = 2000;
const bounded = <T>(p: Promise<T>) => within(p, QUERY_TIMEOUT_MS);

const seconds = (v: unknown) => Math.max(0, Number(v ?? 0));

/** pg-boss's own table (schema "pgboss", lib/jobs/mail-worker.ts); absent until a queue first started. */
async function queueJobCounts(): Promise<{ name: string; state: string; n: number }[]> {
  const [t] = await bounded(
    db.$queryRaw<{ present: boolean }[]>`select to_regclass('pgboss.job') is not null as present`,
  );
  if (!t?.present) return [];
  return bounded(
    db.$queryRaw<{ name: string; state: string; n: number }[]>`
      select name, state::text, count(*)::int as n from pgboss.job group by name, state`,
  );
}

async function readDatabaseFigures(m: Metrics): Promise<void> {
  const [outbox, jobs, deliveries] = await Promise.all([
    bounded(
      db.$queryRaw<{ status: string; n: number; oldest: number | null }[]>`
        select status::text, count(*)::int as n, extract(epoch from now() - min("createdAt"))::float8 as oldest
          from "OutboxMessage" where status in ('PENDING', 'FAILED') group by status`,
    ),
    queueJobCounts(),
    bounded(
      db.$queryRaw<{ kind: string; status: string; n: number; oldest: number | null }[]>`
        select kind::text, status::text, count(*)::int as n,
               extract(epoch from now() - min("createdAt") filter (where status in ('PENDING', 'FAILED')))::float8 as oldest
          from "ServiceDelivery" group by kind, status`,
    ),
  ]);
  const pending = outbox.find((r) => r.status === "PENDING");
  m.outboxBacklog.set(pending?.n ?? 0);
  m.outboxOldest.set(seconds(pending?.oldest));
  m.outboxFailed.set(outbox.find((r) => r.status === "FAILED")?.n ?? 0);
  m.queueJobs.reset();
  for (const j of jobs) m.queueJobs.set({ queue: j.name, state: j.state }, j.n);
  m.deliveries.reset();
  m.deliveryOldest.reset();
  for (const kind of ["BACKCHANNEL_LOGOUT", "WEBHOOK"]) {
    const label = kind.toLowerCase();
    const rows = deliveries.filter((d) => d.kind === kind);
    for (const status of ["PENDING", "SENT", "FAILED", "GAVE_UP"])
      m.deliveries.set({ kind: label, status: status.toLowerCase() }, rows.find((r) => r.status === status)?.n ?? 0);
    m.deliveryOldest.set({ kind: label }, Math.max(0, ...rows.map((r) => seconds(r.oldest))));
  }
}

/** Leaves the database figures out of the scrape rather than showing stale ones as current. */
function dropDatabaseFigures(m: Metrics): void {
  for (const gauge of [m.outboxBacklog, m.outboxOldest, m.outboxFailed, m.queueJobs, m.deliveries, m.deliveryOldest])
    gauge.reset();
}

/** Sets the scrape-time gauges of `m` (metricsText's refresh, app/metrics/route.ts). */
export async function collectFigures(m: Metrics): Promise<void> {
  const up = await databaseAnswering();
  m.databaseUp.set(up ? 1 : 0);
  m.ready.set((await readiness()).ready ? 1 : 0);
  const pool = dbPoolUse();
  m.pool.reset();
  if (pool) {
    m.pool.set({ state: "total" }, pool.total);
    m.pool.set({ state: "idle" }, pool.idle);
    m.pool.set({ state: "waiting" }, pool.waiting);
    m.poolMax.set(pool.max);
  }
  let ok = false;
  if (up)
    ok = await readDatabaseFigures(m).then(
      () => true,
      () => false,
    );
  if (!ok) dropDatabaseFigures(m);
  m.collectOk.set(ok ? 1 : 0);
}
