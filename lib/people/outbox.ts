import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/data/viewer";

/** Recent mail of a municipality as the outbox holds it: what went out, what waits, and why. */
export async function listOutbox(viewer: Viewer, municipalityId: string) {
  return db.outboxMessage.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("OutboxMessage"), { municipalityId }] },
    select: { id: true, to: true, subject: true, text: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}
