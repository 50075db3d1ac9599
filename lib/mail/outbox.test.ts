import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testPrisma } from "@/test/fixtures/db";
import { freePort } from "@/test/fixtures/free-port";
import { startSmtp } from "@/test/fixtures/smtp";
import { freshUser } from "@/test/fixtures/people";
import { uniq } from "@/test/fixtures/unique";
import { drainOutboxOnce, enqueueMail, MAX_ATTEMPTS } from "./outbox";

const raw = testPrisma();

async function enqueue(to: string, userId: string | null = null): Promise<string> {
  return db.$transaction((tx) =>
    enqueueMail(tx, { to, userId, template: "test", subject: "Outbox test", text: `Hello ${to}` }),
  );
}

describe("mail outbox", () => {
  it("keeps a mail PENDING with the error while SMTP is down, retries with backoff, and sends once SMTP is back", async () => {
    const port = await freePort();
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    const to = `retry.${uniq()}@example.test`;
    const id = await enqueue(to);

    // SMTP down: nothing listens on the port.
    const down = await drainOutboxOnce({ smtpUrl, ids: [id] });
    expect(down).toMatchObject({ sent: 0, failed: 1 });
    const afterFail = await raw.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(afterFail.status).toBe("PENDING");
    expect(afterFail.attempts).toBe(1);
    expect(afterFail.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(afterFail.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

    const server = await startSmtp(port);
    const inbox = server.mails();
    try {
      // Not due yet: backoff is respected even though SMTP is back.
      expect(await drainOutboxOnce({ smtpUrl, ids: [id] })).toMatchObject({ sent: 0, failed: 0 });
      await raw.outboxMessage.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
      expect(await drainOutboxOnce({ smtpUrl, ids: [id] })).toMatchObject({ sent: 1 });
      const sent = await raw.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(sent).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
      expect(inbox).toHaveLength(1);
      expect(inbox[0]!.to).toEqual([to]);
      expect(inbox[0]!.raw).toContain("Subject: Outbox test");
      // Sent once: another drain finds nothing.
      expect(await drainOutboxOnce({ smtpUrl, ids: [id] })).toMatchObject({ sent: 0 });
      expect(inbox).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it("gives up after MAX_ATTEMPTS but keeps the row (FAILED, readable); never mails a deactivated person", async () => {
    const port = await freePort();
    const id = await enqueue(`giveup.${uniq()}@example.test`);
    await raw.outboxMessage.update({ where: { id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    await drainOutboxOnce({ smtpUrl: `smtp://127.0.0.1:${port}`, ids: [id] });
    expect(await raw.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "FAILED",
      attempts: MAX_ATTEMPTS,
    });

    const gone = await freshUser({ email: `inactive.${uniq()}@example.test`, isActive: false, name: null });
    const id2 = await enqueue(gone.email, gone.id);
    const server = await startSmtp(port);
    const inbox = server.mails();
    try {
      expect(await drainOutboxOnce({ smtpUrl: `smtp://127.0.0.1:${port}`, ids: [id2] })).toMatchObject({
        sent: 0,
        skipped: 1,
      });
      expect(inbox).toHaveLength(0);
      expect(await raw.outboxMessage.findUniqueOrThrow({ where: { id: id2 } })).toMatchObject({
        status: "FAILED",
        lastError: "recipient deactivated",
      });
    } finally {
      await server.stop();
    }
  });

  it("without SMTP configured, nothing is sent and mail stays in the outbox", async () => {
    const id = await enqueue(`dev.${uniq()}@example.test`);
    expect(await drainOutboxOnce({ ids: [id] })).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect((await raw.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });
});
