// The mail queue on pg-boss 10 (PostgreSQL-backed, schema "pgboss", so every app server shares
// it): a "drain" job is sent after each flow commits (fast path) and scheduled every minute
// (retries: the outbox rows carry their own exponential backoff). Started once per Node server
// process by instrumentation.ts; pg-boss coordinates the servers through PostgreSQL. The same
// queue runs the other scheduled jobs registered in ./scheduled.ts (inactive accounts).
import "server-only";
import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/env";
import { drainOutboxOnce, mailTransport } from "@/lib/mail/outbox";
import { isDatabaseUnavailable } from "@/lib/db-faults";
import { queueWorkers, scheduledJobs } from "./scheduled";
import { log } from "@/lib/ops/log";
import { onShutdown } from "@/lib/shutdown";

export const MAIL_QUEUE = "mail-drain";
const g = globalThis as unknown as { gatehouseBoss?: Promise<PgBoss>; gatehouseBossStarted?: PgBoss };

async function start(): Promise<PgBoss> {
  g.gatehouseBossStarted = undefined;
  const boss = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss", max: 4 });
  boss.on("error", (e: unknown) => {
    // While PostgreSQL is away pg-boss reports every failed poll; it reconnects by itself, and
    // nothing is lost (the outbox rows are the truth). One line each, not a driver object dump.
    if (isDatabaseUnavailable(e))
      log.warn({ reason: e instanceof Error ? e.message : String(e) }, "[mail] queue waits for the database");
    else log.error({ err: e }, "[mail] queue error");
  });
  await boss.start();
  // On SIGTERM (scripts/graceful.mjs): pg-boss's own graceful stop — no new jobs fetched, the
  // active ones finish (a drain mid-send completes its mail), then its pool closes.
  onShutdown("queue", (ms) => stopMailWorker(ms));
  const transport = mailTransport();
  if (transport === "console")
    log.info(
      "[mail] no SMTP_URL: mail, links included, is printed to this console instead of sent (MAIL_CONSOLE=1, local use)",
    );
  if (transport === "none") log.warn("[mail] no SMTP_URL: mail waits in the outbox until SMTP_URL is set");
  await boss.createQueue(MAIL_QUEUE);
  await boss.schedule(MAIL_QUEUE, "* * * * *");
  await boss.work(MAIL_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const r = await drainOutboxOnce();
    if (r.failed) log.warn(`[mail] sending failed; the mail stays in the outbox and is retried with backoff`);
  });
  for (const job of scheduledJobs()) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    await boss.work(job.name, async () => {
      try {
        await job.run();
      } catch (e) {
        // pg-boss marks the job failed; the next tick runs it again.
        log.error({ err: e, job: job.name }, `[${job.name}] run failed`);
        throw e;
      }
    });
  }
  for (const worker of queueWorkers()) {
    await boss.createQueue(worker.name);
    await boss.work(worker.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) await worker.run((job.data ?? {}) as Record<string, unknown>);
    });
  }
  g.gatehouseBossStarted = boss;
  return boss;
}

/** Whether this process's queue has started and not been stopped since (readiness, lib/health/readiness.ts). */
export function mailWorkerRunning(): boolean {
  return g.gatehouseBoss !== undefined && g.gatehouseBossStarted !== undefined;
}

/** Idempotent per process. */
export function startMailWorker(): Promise<PgBoss> {
  g.gatehouseBoss ??= start().catch((e: unknown) => {
    // Let a later call try again instead of caching the failure forever.
    g.gatehouseBoss = undefined;
    throw e;
  });
  return g.gatehouseBoss;
}

/**
 * For the server's start (instrumentation.ts): if PostgreSQL is not answering yet, keep trying
 * every 30 seconds instead of running without a mail worker until the next restart. Once started,
 * pg-boss rides out outages itself (its pool reconnects; failures arrive as 'error' events).
 */
export function keepStartingMailWorker(retryMs = 30_000): void {
  startMailWorker().catch((e: unknown) => {
    log.error(
      { reason: e instanceof Error ? e.message : String(e) },
      `[mail] worker did not start; trying again in ${retryMs / 1000} s`,
    );
    setTimeout(() => keepStartingMailWorker(retryMs), retryMs).unref();
  });
}

/** Graceful: waits up to `timeoutMs` for the jobs this process is working on. */
export async function stopMailWorker(timeoutMs = 30_000): Promise<void> {
  const boss = await g.gatehouseBoss?.catch(() => undefined);
  g.gatehouseBoss = undefined;
  await boss?.stop({ graceful: true, wait: true, timeout: Math.max(1000, timeoutMs) });
}

/**
 * After a flow commits: ask a worker to send now. Best effort, and only where a worker runs (the
 * app server); scripts and tests do not start a queue as a side effect. The schedule catches up.
 */
export async function kickMailer(): Promise<void> {
  if (!g.gatehouseBoss) return;
  try {
    const boss = await g.gatehouseBoss;
    // No singleton key: pg-boss refuses a singleton job while one with that key is queued or
    // active, so a kick arriving while the minute's scheduled drain was finishing was dropped and
    // the new mail waited for the next minute. Drains may run side by side (rows are claimed with
    // FOR UPDATE SKIP LOCKED and a lease), so every kick gets its own.
    await boss.send(MAIL_QUEUE, {});
  } catch (e) {
    log.error({ err: e }, "[mail] could not kick the queue; the scheduled drain will send it");
  }
}

/**
 * Asks a worker to run the queue `name` now (another job on this pg-boss: service deliveries).
 * Best effort, and only where a worker runs: false when no queue runs in this process.
 */
export async function kickQueue(name: string): Promise<boolean> {
  return (await sendJob(name, {})) !== null;
}

/**
 * A one-off job for a queue worker (./scheduled.ts registerQueueWorker), e.g. at a time
 * (`startAfter`). Only where a worker runs (the app server): elsewhere it answers null, and the
 * job's owner has a scheduled backstop that finds the work in PostgreSQL.
 */
export async function sendJob(
  name: string,
  data: Record<string, unknown>,
  options: { startAfter?: Date; singletonKey?: string } = {},
): Promise<string | null> {
  if (!g.gatehouseBoss) return null;
  try {
    const boss = await g.gatehouseBoss;
    return await boss.send(name, data, options);
  } catch (e) {
    log.error({ err: e, job: name }, `[${name}] could not queue the job; the scheduled sweep will pick it up`);
    return null;
  }
}
