// The mail outbox. Flows write an OutboxMessage row in their own transaction (the mail exists iff
// the change does); drainOutbox() sends due rows through nodemailer to SMTP_URL. A failure keeps
// the row PENDING with exponential backoff, so a mail is never lost while SMTP is down.
// Rows are claimed with FOR UPDATE SKIP LOCKED: several app servers never send one mail twice.
import "server-only";
import nodemailer from "nodemailer";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export type MailInput = { to: string; subject: string; text: string; template: string; municipalityId?: string | null; userId?: string | null };

type OutboxTx = { outboxMessage: { create(args: { data: Prisma.OutboxMessageUncheckedCreateInput }): PromiseLike<unknown> } };

export async function enqueueMail(tx: OutboxTx, mail: MailInput): Promise<void> {
  await tx.outboxMessage.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, template: mail.template, municipalityId: mail.municipalityId ?? null, userId: mail.userId ?? null } });
}

export const MAX_ATTEMPTS = 12;
const backoffSeconds = (attempts: number) => Math.min(3600, 15 * 2 ** attempts);

let transport: nodemailer.Transporter | undefined;
function mailer(): nodemailer.Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  return (transport ??= nodemailer.createTransport(url));
}

/** Sends what is due; returns how many went out and how many failed this round. */
export async function drainOutbox(limit = 20): Promise<{ sent: number; failed: number }> {
  const smtp = mailer();
  // Without SMTP (development) mail stays readable in the admin outbox.
  if (!smtp) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; to: string; subject: string; text: string; attempts: number; userId: string | null }[]>`
        select id, "to", subject, text, attempts, "userId" from "OutboxMessage"
        where status = 'PENDING' and "nextAttemptAt" <= now() order by "createdAt" limit 1 for update skip locked`;
      const m = rows[0];
      if (!m) return null;
      // No mail to a deactivated person (seed 000), even if it was queued before.
      if (m.userId) {
        const u = await tx.user.findUnique({ where: { id: m.userId }, select: { isActive: true } });
        if (u && !u.isActive) {
          await tx.outboxMessage.update({ where: { id: m.id }, data: { status: "FAILED", lastError: "recipient deactivated" } });
          return "skipped";
        }
      }
      try {
        await smtp.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
        await tx.outboxMessage.update({ where: { id: m.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
        return "sent";
      } catch (err) {
        const attempts = m.attempts + 1;
        await tx.outboxMessage.update({
          where: { id: m.id },
          data: { attempts, lastError: String((err as Error).message ?? err).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING", nextAttemptAt: new Date(Date.now() + backoffSeconds(attempts) * 1000) },
        });
        return "failed";
      }
    }, { timeout: 30_000 });
    if (done === null) break;
    if (done === "sent") sent++;
    if (done === "failed") failed++;
  }
  return { sent, failed };
}
