// Jobs that run on pg-boss's scheduler beside the mail drain (./mail-worker.ts starts them with
// the queue, in every app server process). Whoever owns a job's logic (e.g. lib/flows, which this
// layer may not import) registers it here before the worker starts — instrumentation.ts does. The
// schedule is stored in PostgreSQL: pg-boss creates one job per tick for the whole deployment and
// hands it to one worker, so a job runs once per tick however many servers there are (the jobs
// are written to be safe if two runs ever overlap anyway).
import "server-only";

export type ScheduledJob = {
  /** The pg-boss queue name. */
  name: string;
  /** Cron expression, UTC. */
  cron: string;
  run(): Promise<void>;
};

const g = globalThis as unknown as { gatehouseScheduledJobs?: Map<string, ScheduledJob> };

/** Idempotent by name; takes effect when the worker starts (call it before keepStartingMailWorker). */
export function registerScheduledJob(job: ScheduledJob): void {
  (g.gatehouseScheduledJobs ??= new Map()).set(job.name, job);
}

export function scheduledJobs(): ScheduledJob[] {
  return [...(g.gatehouseScheduledJobs?.values() ?? [])];
}

/**
 * A queue that runs one-off jobs sent with sendJob (./mail-worker.ts): an access check, a direct
 * grant's expiry at its time. Registered like the scheduled jobs, before the worker starts.
 */
export type QueueWorker = {
  name: string;
  run(data: Record<string, unknown>): Promise<void>;
};

const w = globalThis as unknown as { gatehouseQueueWorkers?: Map<string, QueueWorker> };

export function registerQueueWorker(worker: QueueWorker): void {
  (w.gatehouseQueueWorkers ??= new Map()).set(worker.name, worker);
}

export function queueWorkers(): QueueWorker[] {
  return [...(w.gatehouseQueueWorkers?.values() ?? [])];
}
