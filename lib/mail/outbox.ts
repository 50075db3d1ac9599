// The mail outbox. Flows write an OutboxMessage row in their own transaction (the mail exists iff
// the change does); drainOutboxOnce() sends due rows through nodemailer to SMTP_URL. A failure
// keeps the row PENDING with lastError and an exponentially later nextAttemptAt, so a mail is never
// lost while SMTP is down; after MAX_ATTEMPTS it is marked FAILED and stays readable in the admin
// outbox. Rows are claimed with FOR UPDATE SKIP LOCKED plus a short lease, so several app servers
// never send one mail at the same time, and no database connection is held while SMTP talks.
import "server-only";
import nodemailer from "nodemailer";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { MailContent } from "./templates";

export type MailInput = MailContent & { to: string; municipalityId?: string | null; userId?: string | null };

type OutboxTx = { outboxMessage: { create(args: { data: Prisma.OutboxMessageUncheckedCreateInput; select: { id: true } }): PromiseLike<{ id: string }> } };

/** Writes the mail inside the caller's transaction. Returns the row id. */
export async function enqueueMail(tx: OutboxTx, mail: MailInput): Promise<string> {
  const row = await tx.outboxMessage.create({
    data: { to: mail.to, subject: mail.subject, text: mail.text, template: mail.template, municipalityId: mail.municipalityId ?? null, userId: mail.userId ?? null },
    select: { id: true },
  });
  return row.id;
}

export const MAX_ATTEMPTS = 12;
/** 30 s, 1 min, 2 min, … capped at one hour: about seven hours before a mail is given up. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 15 * 2 ** attempts);
/** A claimed row is not due again for this long, in case the sender dies mid-send. */
const LEASE_SECONDS = 120;

const transports = new Map<string, nodemailer.Transporter>();
function mailer(url: string): nodemailer.Transporter {
  let t = transports.get(url);
  if (!t) {
    // Timeouts well under the lease, so a hanging server cannot make two senders overlap.
    t = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    transports.set(url, t);
  }
  return t;
}

export type DrainOptions = {
  /** Defaults to SMTP_URL. Without either, nothing is sent (development: read the outbox page). */
  smtpUrl?: string;
  /** Only these rows (tests, and "retry now" on one message). */
  ids?: string[];
  /** How many messages at most. */
  limit?: number;
};

export type DrainResult = { sent: number; failed: number; skipped: number };

type Claimed = { id: string; to: string; subject: string; text: string; attempts: number; userId: string | null };

async function claimOne(ids: string[] | undefined): Promise<Claimed | null> {
  const rows = ids
    ? await db.$queryRaw<Claimed[]>`
        update "OutboxMessage" set "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
        where id = (select id from "OutboxMessage" where status = 'PENDING' and "nextAttemptAt" <= now() and id = any(${ids})
                    order by "createdAt" limit 1 for update skip locked)
        returning id, "to", subject, text, attempts, "userId"`
    : await db.$queryRaw<Claimed[]>`
        update "OutboxMessage" set "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
        where id = (select id from "OutboxMessage" where status = 'PENDING' and "nextAttemptAt" <= now()
                    order by "createdAt" limit 1 for update skip locked)
        returning id, "to", subject, text, attempts, "userId"`;
  return rows[0] ?? null;
}

/** Sends what is due, one pass. Safe to run on every server at once. */
export async function drainOutboxOnce(opts: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, skipped: 0 };
  const url = opts.smtpUrl ?? env().SMTP_URL;
  if (!url) return result;
  const smtp = mailer(url);
  for (let i = 0; i < (opts.limit ?? 50); i++) {
    const m = await claimOne(opts.ids);
    if (!m) break;
    // No mail to a deactivated person (seed 000), even if it was queued before the deactivation.
    if (m.userId) {
      const u = await db.user.findUnique({ where: { id: m.userId }, select: { isActive: true } });
      if (u && !u.isActive) {
        await db.outboxMessage.update({ where: { id: m.id }, data: { status: "FAILED", lastError: "recipient deactivated" } });
        result.skipped++;
        continue;
      }
    }
    try {
      await smtp.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
      await db.outboxMessage.update({ where: { id: m.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
      result.sent++;
    } catch (err) {
      const attempts = m.attempts + 1;
      await db.outboxMessage.update({
        where: { id: m.id },
        data: {
          attempts,
          lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(Date.now() + backoffSeconds(attempts) * 1000),
        },
      });
      result.failed++;
      // SMTP is most likely down: leave the rest for the next round instead of failing each one.
      break;
    }
  }
  return result;
}

/** Makes a message due now again (admin "retry now"), given-up ones included. */
export async function retryNow(id: string): Promise<void> {
  // Mail stopped on purpose (recipient deactivated or erased) stays stopped.
  await db.outboxMessage.updateMany({
    where: { id, status: { in: ["PENDING", "FAILED"] }, OR: [{ lastError: null }, { NOT: { lastError: { startsWith: "recipient " } } }] },
    data: { status: "PENDING", nextAttemptAt: new Date(), attempts: 0 },
  });
}
