// The queue's part in graceful shutdown (scripts/graceful.mjs runs the hooks of lib/shutdown.ts
// on SIGTERM): starting the worker registers a "queue" hook, and running it is pg-boss's own
// graceful stop — a job the worker is busy with finishes (and is marked completed) before the
// hook resolves, and the process runs no queue afterwards.
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "@/test/fixtures/db";
import { shutdownHooks } from "@/lib/shutdown";
import { kickQueue, sendJob, startMailWorker, stopMailWorker } from "./mail-worker";
import { registerQueueWorker } from "./scheduled";

const QUEUE = `shutdown-test-${Date.now().toString(36)}`;
let startedAt = 0;
let finishedAt = 0;
registerQueueWorker({
  name: QUEUE,
  async run() {
    startedAt = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    finishedAt = Date.now();
  },
});

afterAll(() => stopMailWorker(1000));

describe("the queue on shutdown", () => {
  it("registers a hook that waits for the job in progress, then stops the queue", async () => {
    await startMailWorker();
    const hook = shutdownHooks().get("queue");
    expect(hook).toBeTypeOf("function");
    const id = await sendJob(QUEUE, { why: "graceful" });
    expect(id).toBeTruthy();
    await expect.poll(() => startedAt, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(finishedAt).toBe(0);

    await hook!(10_000);
    const stoppedAt = Date.now();
    expect(finishedAt).toBeGreaterThan(0);
    expect(finishedAt).toBeLessThanOrEqual(stoppedAt);
    const [job] = await sql<{ state: string }>(`select state::text from pgboss.job where id = $1`, [id]);
    expect(job?.state).toBe("completed");
    // Stopped: nothing is queued from this process any more (the other servers' queues carry on).
    expect(await kickQueue(QUEUE)).toBe(false);
  });
});
