// The one deliberate way to make `npm run audit:verify` accept the trail as it stands: after the
// upgrade from the unkeyed chain (run automatically by the run that applies the keyed-chain
// migration, scripts/lib/audit-upgrade.ts), or after an investigated break (a head that did not
// match). It re-verifies every link and hash first — a trail edited in the middle is never sealed
// — and then appends an `audit.seal` event with a clean signed head. The event says what was
// vouched for and what the head said before, so a seal is itself on the record and cannot hide.
//
// Why the upgrade needs it: events written before the keyed chain carry unkeyed SHA-256 hashes
// (hashVersion 1) and no head. Nothing inside the database can prove that a database without a
// head was never keyed, so the verifier never accepts "no head" with events present; the seal,
// run with the key at the moment of the upgrade, is the trust-on-first-use step, explicit.
// From then on the signed head covers the old events too: each hash covers the previous one, so
// the head's hash commits to the whole chain, legacy part included.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAudit, AUDIT_LOCK, HEAD_ID, headIsSigned } from "./record";
import { walkChain, type AuditReader } from "./verify";

export type SealReport =
  | { ok: true; events: number; legacyEvents: number; sealedAtSeq: string }
  | { ok: false; events: number; brokenAtSeq: string | null; problem: string };

export async function sealAuditTrail(client: PrismaClient, opts: { key: string; reason: string }): Promise<SealReport> {
  return client.$transaction(
    async (tx) => {
      // Under the append lock: nothing is appended between the check and the seal.
      await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_LOCK})`;
      const walk = await walkChain(tx as unknown as AuditReader, opts.key);
      if (!walk.ok) return walk;
      const head = await tx.auditHead.findUnique({ where: { id: HEAD_ID } });
      const before =
        head === null
          ? "no signed head"
          : !headIsSigned(opts.key, head)
            ? "a head that was not signed with this key"
            : `a head naming event #${head.seq}${head.brokenAt !== null ? `, marked broken at event #${head.brokenAt}` : ""}`;
      const seq = await appendAudit(
        tx,
        {
          action: "audit.seal",
          actorType: "system",
          data: {
            reason: opts.reason,
            vouchedThroughSeq: walk.last?.seq ?? null,
            events: walk.events,
            unkeyedEvents: walk.legacyEvents,
            before,
          },
        },
        { key: opts.key, vouch: true },
      );
      return { ok: true as const, events: walk.events, legacyEvents: walk.legacyEvents, sealedAtSeq: seq.toString() };
    },
    { maxWait: 30_000, timeout: 30 * 60_000 },
  );
}
