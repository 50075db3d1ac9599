// Re-computes the keyed hash chain from the first event and compares its end with the signed head
// (lib/audit/record.ts). Reported, first problem only:
// - an edited event: its HMAC does not match (without AUDIT_KEY nobody can recompute one);
// - a removed or reordered event: the next event's previous hash does not match;
// - an event rewritten as "unkeyed" (version 1) after keyed ones: only pre-upgrade events are;
// - a removed tail: the signed head names an event that is gone, and a head for the new end
//   cannot be signed without the key; a missing or altered head, or one marked broken by an
//   append that found it not matching, fails too;
// - with a checkpoint (an earlier verification's end, kept outside the database by
//   `npm run audit:verify`): a chain that no longer contains that event. This also catches what
//   the head alone cannot: a database rolled back as a whole to an earlier state (tail removed and
//   an old, genuinely signed head row put back).
// Events appended while this runs are not checked: the walk stops at the head read first.
import "server-only";
import { db } from "@/lib/db";
import { auditKey } from "@/lib/env";
import {
  eventHash,
  GENESIS_HASH,
  HEAD_ID,
  headIsSigned,
  KEYED,
  UNKEYED,
  type EventContent,
  type HeadRow,
} from "./record";

type EventRow = EventContent & { seq: bigint; prevHash: string; hash: string; hashVersion: number };

/** Any client (app singleton, a script's own, a transaction): only what reading the trail needs. */
export type AuditReader = {
  auditEvent: {
    findMany(args: {
      where: { seq: { gt?: bigint; lte?: bigint } };
      orderBy: { seq: "asc" };
      take: number;
    }): PromiseLike<EventRow[]>;
  };
  auditHead: { findUnique(args: { where: { id: number } }): PromiseLike<HeadRow | null> };
};

export type Checkpoint = { seq: string; hash: string };

export type ChainReport =
  | { ok: true; events: number; legacyEvents: number; head: Checkpoint | null }
  | { ok: false; events: number; brokenAtSeq: string | null; problem: string };

export type ChainWalk =
  | { ok: true; events: number; legacyEvents: number; last: Checkpoint | null }
  | { ok: false; events: number; brokenAtSeq: string | null; problem: string };

const fail = (events: number, brokenAtSeq: string | null, problem: string) => ({
  ok: false as const,
  events,
  brokenAtSeq,
  problem,
});

/** The chain itself, up to `upTo` (inclusive): links, hashes, versions, and the checkpoint's event. */
export async function walkChain(
  client: AuditReader,
  key: string,
  opts: { upTo?: bigint; checkpoint?: Checkpoint; batch?: number } = {},
): Promise<ChainWalk> {
  const batch = opts.batch ?? 1000;
  const cp = opts.checkpoint ? { seq: BigInt(opts.checkpoint.seq), hash: opts.checkpoint.hash } : undefined;
  let prev = GENESIS_HASH;
  let after: bigint | undefined;
  let last: EventRow | undefined;
  let n = 0;
  let legacy = 0;
  let keyedSeen = false;
  let cpSeen = false;
  for (;;) {
    const rows = await client.auditEvent.findMany({
      where: {
        seq: { ...(after !== undefined ? { gt: after } : {}), ...(opts.upTo !== undefined ? { lte: opts.upTo } : {}) },
      },
      orderBy: { seq: "asc" },
      take: batch,
    });
    if (rows.length === 0) break;
    for (const e of rows) {
      n++;
      const at = e.seq.toString();
      if (cp && !cpSeen && e.seq > cp.seq)
        return fail(n, at, `the event the last verification ended at (#${cp.seq}) is gone: events were removed`);
      if (e.prevHash !== prev)
        return fail(n, at, "an event before this one was removed or changed (previous hash does not match)");
      if (e.hashVersion === UNKEYED && keyedSeen)
        return fail(
          n,
          at,
          "this event is marked as hashed without the key, after keyed events: it was rewritten without AUDIT_KEY",
        );
      const expected = eventHash(e.hashVersion, key, prev, e);
      if (expected === null) return fail(n, at, `this event has an unknown hash version (${e.hashVersion})`);
      if (expected !== e.hash)
        return fail(
          n,
          at,
          e.hashVersion === KEYED
            ? "this event's content was changed, or AUDIT_KEY is not the key it was written with (HMAC does not match)"
            : "this event's content was changed (hash does not match)",
        );
      if (cp && e.seq === cp.seq) {
        if (e.hash !== cp.hash)
          return fail(n, at, "this is not the event the last verification ended at: the trail up to it was rewritten");
        cpSeen = true;
      }
      if (e.hashVersion === KEYED) keyedSeen = true;
      else legacy++;
      prev = e.hash;
      after = e.seq;
      last = e;
    }
  }
  if (cp && !cpSeen)
    return fail(
      n,
      last?.seq.toString() ?? null,
      `the trail ends before the event the last verification ended at (#${cp.seq}): events at the end were removed`,
    );
  return {
    ok: true,
    events: n,
    legacyEvents: legacy,
    last: last ? { seq: last.seq.toString(), hash: last.hash } : null,
  };
}

export async function verifyAuditChain(
  opts: { client?: AuditReader; key?: string; checkpoint?: Checkpoint; batch?: number } = {},
): Promise<ChainReport> {
  const client = opts.client ?? (db as unknown as AuditReader);
  const key = opts.key ?? auditKey();
  // The head first: everything it names was committed with it (same transaction, under the lock).
  const head = await client.auditHead.findUnique({ where: { id: HEAD_ID } });
  if (head && !headIsSigned(key, head))
    return fail(
      0,
      head.seq.toString(),
      "the signed head of the trail was altered, or AUDIT_KEY is not the key the trail was written with",
    );
  const walk = await walkChain(client, key, { upTo: head?.seq, checkpoint: opts.checkpoint, batch: opts.batch });
  if (!walk.ok) return walk;
  if (!head) {
    if (walk.events === 0) return { ok: true, events: 0, legacyEvents: 0, head: null };
    return fail(
      walk.events,
      walk.last!.seq,
      "the trail has no signed head: events at the end may have been removed. Right after the upgrade from the unkeyed trail, `npm run audit:verify -- --seal` vouches for the events as they are",
    );
  }
  if (!walk.last)
    return fail(0, head.seq.toString(), `every event was removed: the signed head names event #${head.seq}`);
  if (walk.last.seq !== head.seq.toString())
    return fail(
      walk.events,
      walk.last.seq,
      `the trail ends at event #${walk.last.seq}, but the signed head names event #${head.seq}: events at the end were removed`,
    );
  if (walk.last.hash !== head.hash)
    return fail(
      walk.events,
      walk.last.seq,
      "the last event is not the one the signed head names: the trail was rewritten",
    );
  if (head.brokenAt !== null)
    return fail(
      walk.events,
      head.brokenAt.toString(),
      "when this event was appended, the signed head did not match the end of the trail (events removed, or the head deleted or altered). After investigating, `npm run audit:verify -- --seal` vouches for the trail as it is now",
    );
  return { ok: true, events: walk.events, legacyEvents: walk.legacyEvents, head: walk.last };
}
