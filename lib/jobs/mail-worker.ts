// The mail queue on pg-boss (PostgreSQL-backed, so every app server shares it): a "drain" job
// is sent after each flow commits (fast path) and scheduled every minute (retries with backoff).
import "server-only";
import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/env";
import { drainOutbox } from "@/lib/mail/outbox";

const QUEUE = "mail-drain";
const g = globalThis as unknown as { gatehouseBoss?: Promise<PgBoss> };

async function start(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss" });
  boss.on("error", (e: unknown) => console.error("[mail] queue error", e));
  await boss.start();
  await boss.createQueue(QUEUE);
  await boss.schedule(QUEUE, "* * * * *");
  await boss.work(QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const r = await drainOutbox();
    if (r.failed) console.warn(`[mail] ${r.failed} mail(s) failed; they stay in the outbox and are retried`);
  });
  return boss;
}

export function startMailWorker(): Promise<PgBoss> {
  return (g.gatehouseBoss ??= start());
}

/** After a flow commits: ask a worker to send now. Best effort; the schedule catches up anyway. */
export async function kickMailer(): Promise<void> {
  try {
    const boss = await startMailWorker();
    await boss.send(QUEUE, {}, { singletonKey: "drain", singletonSeconds: 1 });
  } catch (e) {
    console.error("[mail] could not kick the queue; the scheduled drain will send it", e);
  }
}
