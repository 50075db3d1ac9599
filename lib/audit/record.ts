// Append-only audit trail, keyed. Each event's hash is an HMAC-SHA256 (AUDIT_KEY, which never
// lives in the database) over its content and the previous event's hash, so editing, removing or
// reordering any event breaks the chain, and whoever can only write the database cannot
// recompute it. What a chain alone cannot show is a removed tail — the shorter chain is still
// valid — so every append also rewrites one signed head row (AuditHead: last seq + hash, MAC'd
// with the key) in the same transaction. After a tail is removed the head names an event that is
// gone, and without the key nobody can sign a head for the new end; `npm run audit:verify`
// compares them (lib/audit/verify.ts). The head lives in PostgreSQL, so every app server of a
// deployment appends to the same chain and head; the advisory lock keeps them one linear chain.
//
// An append that finds the head not matching the chain's end (missing, altered, tail removed)
// still succeeds — refusing would let anyone with database access stop every audited action —
// but marks the new head `brokenAt`, signed, so the next append cannot launder a removal. Only an
// explicit seal (lib/audit/seal.ts) clears it.
import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditKey } from "@/lib/env";
import { currentRequestId } from "@/lib/ops/log";

export type AuditInput = {
  action: string;
  actorId?: string | null;
  /** "directory": a municipality's SCIM directory sync; actorId is its ScimConnection id. */
  actorType: "user" | "token" | "system" | "anonymous" | "directory";
  municipalityId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  subjectUserId?: string | null;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
  /**
   * The request that wrote the event (X-Request-Id, lib/ops/log.ts); by default the one being
   * served, none outside a request. Stored beside the event, not in the hash: an operator joins
   * it with the logs, and chains written before it existed still verify.
   */
  requestId?: string | null;
};

export type HeadRow = { seq: bigint; hash: string; brokenAt: bigint | null; mac: string };

/** Any transaction client (plain or extended): only what appending needs. */
export type AuditTx = {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
  auditEvent: {
    findFirst(args: {
      orderBy: { seq: "desc" };
      select: { seq: true; hash: true };
    }): PromiseLike<{ seq: bigint; hash: string } | null>;
    create(args: { data: Prisma.AuditEventCreateInput; select: { seq: true } }): PromiseLike<{ seq: bigint }>;
  };
  auditHead: {
    findUnique(args: { where: { id: number } }): PromiseLike<HeadRow | null>;
    upsert(args: {
      where: { id: number };
      create: Prisma.AuditHeadCreateInput;
      update: Prisma.AuditHeadUpdateInput;
    }): PromiseLike<unknown>;
  };
};

export const GENESIS_HASH = "0".repeat(64);
export const HEAD_ID = 1;
/** hashVersion of events written before the keyed chain (SHA-256, no key), and of keyed ones. */
export const UNKEYED = 1;
export const KEYED = 2;
export const AUDIT_LOCK = 727274002;

export type EventContent = {
  at: Date;
  action: string;
  actorId: string | null;
  actorType: string;
  municipalityId: string | null;
  targetType: string | null;
  targetId: string | null;
  subjectUserId: string | null;
  data: unknown;
  ip: string | null;
};

/** Canonical JSON (sorted keys) so the hash does not depend on key order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

function body(e: EventContent): string {
  return canonical({
    at: e.at.toISOString(),
    action: e.action,
    actorId: e.actorId,
    actorType: e.actorType,
    municipalityId: e.municipalityId,
    targetType: e.targetType,
    targetId: e.targetId,
    subjectUserId: e.subjectUserId,
    data: e.data,
    ip: e.ip,
  });
}

/** The hash of version 1 (before the keyed chain): anyone can compute it. Kept to verify old events. */
export function unkeyedEventHash(prevHash: string, e: EventContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(body(e)).digest("hex");
}

/** The hash of version 2: HMAC-SHA256 with the audit key over the previous hash and the content. */
export function keyedEventHash(key: string, prevHash: string, e: EventContent): string {
  return createHmac("sha256", key)
    .update("gatehouse-audit-event\n")
    .update(prevHash)
    .update("\n")
    .update(body(e))
    .digest("hex");
}

export function eventHash(version: number, key: string, prevHash: string, e: EventContent): string | null {
  if (version === UNKEYED) return unkeyedEventHash(prevHash, e);
  if (version === KEYED) return keyedEventHash(key, prevHash, e);
  return null;
}

export function headMac(key: string, h: { seq: bigint; hash: string; brokenAt: bigint | null }): string {
  return createHmac("sha256", key)
    .update(`gatehouse-audit-head\n${h.seq}\n${h.hash}\n${h.brokenAt ?? "-"}`)
    .digest("hex");
}

/** A checkpoint `npm run audit:verify` keeps outside the database (scripts/audit-verify.ts). */
export function checkpointMac(key: string, c: { database: string; seq: string; hash: string }): string {
  return createHmac("sha256", key)
    .update(`gatehouse-audit-checkpoint\n${c.database}\n${c.seq}\n${c.hash}`)
    .digest("hex");
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export function headIsSigned(key: string, head: HeadRow): boolean {
  return sameMac(head.mac, headMac(key, head));
}

/** Appends one event inside the caller's transaction, so the event exists iff the change does. */
export async function recordAudit(tx: AuditTx, input: AuditInput): Promise<void> {
  await appendAudit(tx, input, { key: auditKey(), vouch: false });
}

/**
 * The append itself. `vouch` is for the seal only: the new head is clean even if the old one did
 * not match, because the sealer verified the chain as it stands and says so in the event.
 */
export async function appendAudit(
  tx: AuditTx,
  input: AuditInput,
  opts: { key: string; vouch: boolean },
): Promise<bigint> {
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const head = await tx.auditHead.findUnique({ where: { id: HEAD_ID } });
  const headSigned = head !== null && headIsSigned(opts.key, head);
  // The head must name exactly the chain's last event (or be absent while there are no events).
  const headMatches = last === null ? head === null : headSigned && head.seq === last.seq && head.hash === last.hash;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const e: EventContent = {
    at: new Date(),
    action: input.action,
    actorId: input.actorId ?? null,
    actorType: input.actorType,
    municipalityId: input.municipalityId ?? null,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    subjectUserId: input.subjectUserId ?? null,
    data: (input.data ?? {}) as Prisma.InputJsonValue,
    ip: input.ip ?? null,
  };
  const hash = keyedEventHash(opts.key, prevHash, e);
  const { seq } = await tx.auditEvent.create({
    data: {
      ...e,
      data: e.data as Prisma.InputJsonValue,
      prevHash,
      hash,
      hashVersion: KEYED,
      requestId: input.requestId ?? currentRequestId(),
    },
    select: { seq: true },
  });
  // A break, once seen, stays on record (signed) until someone seals the trail deliberately.
  const brokenAt = opts.vouch
    ? null
    : headMatches
      ? (head?.brokenAt ?? null)
      : headSigned && head.brokenAt !== null
        ? head.brokenAt
        : seq;
  const next = { seq, hash, brokenAt, mac: headMac(opts.key, { seq, hash, brokenAt }) };
  await tx.auditHead.upsert({ where: { id: HEAD_ID }, create: { id: HEAD_ID, ...next }, update: next });
  return seq;
}
