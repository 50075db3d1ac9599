// Append-only audit trail. Each event's hash covers its content and the previous event's hash,
// so editing or removing any event breaks the chain (`npm run audit:verify`). Appends take a
// transaction-scoped advisory lock: several app servers still produce one linear chain.
import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditInput = {
  action: string;
  actorId?: string | null;
  actorType: "user" | "token" | "system" | "anonymous";
  municipalityId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  subjectUserId?: string | null;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
};

/** Any transaction client (plain or extended): only what appending needs. */
export type AuditTx = {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
  auditEvent: {
    findFirst(args: { orderBy: { seq: "desc" }; select: { hash: true } }): PromiseLike<{ hash: string } | null>;
    create(args: { data: Prisma.AuditEventCreateInput }): PromiseLike<unknown>;
  };
};

export const GENESIS_HASH = "0".repeat(64);
const AUDIT_LOCK = 727274002;

/** Canonical JSON (sorted keys) so the hash does not depend on key order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function eventHash(prevHash: string, e: { at: Date; action: string; actorId: string | null; actorType: string; municipalityId: string | null; targetType: string | null; targetId: string | null; subjectUserId: string | null; data: unknown; ip: string | null }): string {
  const body = canonical({ ...e, at: e.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Appends one event inside the caller's transaction, so the event exists iff the change does. */
export async function recordAudit(tx: AuditTx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const e = {
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
  await tx.auditEvent.create({ data: { ...e, prevHash, hash: eventHash(prevHash, e) } });
}
