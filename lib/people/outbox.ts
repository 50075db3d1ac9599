// The admin outbox viewer: what went out, what waits and why. Scoped by the ability on
// OutboxMessage (own municipality). It shows recipient, subject, status, errors and the stored
// text — which never holds a secret link (lib/mail/outbox.ts keeps those sealed until sending) —
// and never the sealed copy. Mail is not read here: it goes to SMTP, or for local use without SMTP
// to the server's console.
import "server-only";
import { pagePosition } from "@/lib/records/list";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import { mailTransport, retryableWhere, retryNow } from "@/lib/mail/outbox";
import { LINK_TEMPLATES } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";

export type OutboxRow = {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: "PENDING" | "SENT" | "FAILED";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  /** "Retry now" applies. */
  retryable: boolean;
  /** A link mail that lost its link (given up, or its invitation resent or revoked): send the invitation again. */
  linkGone: boolean;
};

/** Rows written before links were sealed had them in the text; never show one, whatever the row. */
const redactLinks = (text: string) => text.replace(/\/invite\/[A-Za-z0-9_-]{8,}/g, "/invite/[link removed]");

/** One page of a municipality's mail, newest first. */
export async function listOutbox(
  viewer: Viewer,
  municipalityId: string,
  q: { page: number; pageSize: number } = { page: 1, pageSize: 25 },
): Promise<{ rows: OutboxRow[]; total: number; page: number; pageSize: number; pageCount: number }> {
  const where = { AND: [accessibleBy(viewer.ability, "read").ofType("OutboxMessage"), { municipalityId }] };
  const total = await db.outboxMessage.count({ where });
  const rows = await db.outboxMessage.findMany({
    where,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      template: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      nextAttemptAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (q.page - 1) * q.pageSize,
    take: q.pageSize,
  });
  // Which of them may be retried, decided by the same condition retryNow applies.
  const ids = rows.map((r) => r.id);
  const retryable = new Set(
    (
      await db.outboxMessage.findMany({ where: { AND: [{ id: { in: ids } }, retryableWhere] }, select: { id: true } })
    ).map((r) => r.id),
  );
  const out = rows.map(({ template, ...r }) => ({
    ...r,
    text: redactLinks(r.text),
    retryable: r.status !== "SENT" && retryable.has(r.id),
    linkGone:
      r.status !== "SENT" &&
      LINK_TEMPLATES.includes(template) &&
      !retryable.has(r.id) &&
      !r.lastError?.startsWith("recipient "),
  }));
  return { rows: out, ...pagePosition(total, q) };
}

/** How mail leaves this server, for the page's explanation. */
export function outboxDelivery(): "smtp" | "console" | "none" {
  return mailTransport();
}

/** "Retry now" for a waiting or given-up message of the viewer's municipality. */
export async function retryOutboxMessage(viewer: Viewer, municipalityId: string, id: string): Promise<void> {
  const m = await db.outboxMessage.findFirst({
    where: {
      AND: [accessibleBy(viewer.ability, "read").ofType("OutboxMessage"), { municipalityId, id: id.slice(0, 64) }],
    },
    select: { id: true },
  });
  if (!m) throw new NotFoundError();
  await retryNow(m.id);
  await kickMailer();
}
