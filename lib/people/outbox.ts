// The admin outbox viewer: what went out, what waits and why. Without SMTP in development this is
// where mail is read. Scoped by the ability on OutboxMessage (own municipality).
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import { retryNow } from "@/lib/mail/outbox";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/data/viewer";

export type OutboxRow = { id: string; to: string; subject: string; text: string; status: "PENDING" | "SENT" | "FAILED"; attempts: number; lastError: string | null; createdAt: Date; sentAt: Date | null; nextAttemptAt: Date };

/** Recent mail of a municipality, newest first. */
export async function listOutbox(viewer: Viewer, municipalityId: string): Promise<OutboxRow[]> {
  return db.outboxMessage.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("OutboxMessage"), { municipalityId }] },
    select: { id: true, to: true, subject: true, text: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true, nextAttemptAt: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}

/** "Retry now" for a waiting or given-up message of the viewer's municipality. */
export async function retryOutboxMessage(viewer: Viewer, municipalityId: string, id: string): Promise<void> {
  const m = await db.outboxMessage.findFirst({ where: { AND: [accessibleBy(viewer.ability, "read").ofType("OutboxMessage"), { municipalityId, id: id.slice(0, 64) }] }, select: { id: true } });
  if (!m) throw new NotFoundError();
  await retryNow(m.id);
  await kickMailer();
}
