// A flow's change that queues mail (lib/mail/outbox.ts enqueueMail, inside the change): one
// transaction, then the mailer woken, so the mail leaves now instead of at the next scheduled drain.
import "server-only";
import { db } from "@/lib/db";
import { kickMailer } from "@/lib/jobs/mail-worker";
import type { Tx } from "./tx";

export async function mailingTransaction<T>(change: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.$transaction(change);
  await kickMailer();
  return result;
}
