// Re-computes the hash chain from the first event. Any edited field, removed event or reordered
// event breaks it; the first broken link is reported.
import "server-only";
import { db } from "@/lib/db";
import { eventHash, GENESIS_HASH } from "./record";

export type ChainReport = { ok: true; events: number } | { ok: false; events: number; brokenAtSeq: string; problem: string };

export async function verifyAuditChain(batch = 1000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let after: bigint | undefined;
  let n = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: after === undefined ? {} : { seq: { gt: after } }, orderBy: { seq: "asc" }, take: batch });
    if (rows.length === 0) return { ok: true, events: n };
    for (const e of rows) {
      n++;
      if (e.prevHash !== prev) return { ok: false, events: n, brokenAtSeq: e.seq.toString(), problem: "an event before this one was removed or changed (previous hash does not match)" };
      const expected = eventHash(prev, { at: e.at, action: e.action, actorId: e.actorId, actorType: e.actorType, municipalityId: e.municipalityId, targetType: e.targetType, targetId: e.targetId, subjectUserId: e.subjectUserId, data: e.data, ip: e.ip });
      if (expected !== e.hash) return { ok: false, events: n, brokenAtSeq: e.seq.toString(), problem: "this event's content was changed (hash does not match)" };
      prev = e.hash;
      after = e.seq;
    }
  }
}
