// Ending access everywhere (seed 003, "Removing access"): after any change that may end a person's
// access to a service, the person's services are checked again and each one they lost is cut — the
// link ended, their provider sessions and refresh tokens there ended, a back-channel logout token
// and an `access.revoked` webhook queued — in the transaction of the change itself, so the change
// and its consequences commit together or not at all. Callers kick the deliveries after commit.
//
// A source many people hold (a group file, a membership state) is checked in an AccessCheck: only
// that group's (or state's) members of the service's municipality, and only that service, in
// batches of 500 with a keyset cursor — each batch one transaction that holds the check's row, so
// two runners never do the same batch, and a check that stopped (a fault, a restart) resumes from
// its cursor. A pg-boss job runs it; the minute's sweep resumes checks nobody is running.
//
// Infrastructure of the access engine: it reads and writes links, grants and checks with the
// transaction client or `db` directly (not through a viewer's ability) — it acts on what a change
// already decided; who may make the change was checked by the flow that made it.
import "server-only";
import { db } from "@/lib/db";
import type { DataTx } from "@/lib/data/tx";
import type { MembershipStatus } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import { sendJob } from "@/lib/jobs/mail-worker";
import type { QueueWorker } from "@/lib/jobs/scheduled";
import { loadPolicies, type CompiledPolicies } from "@/lib/policy/load";
import { serviceAccess, STATE_WORDS } from "./access";
import { queueAccessEnded } from "./deliveries";
import { endOidcAccess } from "./oidc-adapter";
import { log } from "@/lib/ops/log";

export type EndOptions = {
  policies?: CompiledPolicies;
  now?: Date;
  /** false: the caller records one audit event for many cuts (an access check's batch). */
  auditEach?: boolean;
};

/** Tests and the bench: a smaller batch, or stop after some batches (the check stays resumable). */
export type CheckOptions = EndOptions & { batchSize?: number; maxBatches?: number };

const LINK_SERVICE = {
  id: true,
  slug: true,
  name: true,
  clientId: true,
  municipalityId: true,
  backchannelLogoutUri: true,
  webhookUrl: true,
} as const;

type LinkService = { id: string; clientId: string; municipalityId: string | null } & Record<string, unknown> & {
    backchannelLogoutUri: string | null;
    webhookUrl: string | null;
  };

/** Cuts one open link: ended, the provider forgets the person there, logout and webhook queued, audited. */
async function cutLink(
  tx: DataTx,
  link: { id: string; userId: string; service: LinkService },
  user: { id: string; email: string },
  reason: string,
  now: Date,
  auditEach = true,
): Promise<boolean> {
  const r = await tx.serviceLink.updateMany({
    where: { id: link.id, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  // Ended meanwhile by another change: its cut was done there.
  if (r.count !== 1) return false;
  const { sids } = await endOidcAccess(user.id, link.service.clientId, tx);
  const s = link.service;
  await queueAccessEnded(tx, {
    service: {
      id: s.id,
      municipalityId: s.municipalityId,
      backchannelLogoutUri: s.backchannelLogoutUri,
      webhookUrl: s.webhookUrl,
    },
    user,
    reason,
    sids,
  });
  if (!auditEach) return true;
  await recordAudit(tx, {
    action: "service.access_ended",
    actorType: "system",
    municipalityId: s.municipalityId,
    targetType: "ServiceLink",
    targetId: link.id,
    subjectUserId: user.id,
    data: { serviceId: s.id, reason, sessions: sids.length },
  });
  return true;
}

/**
 * Checks the person's services again (all of them, or only `serviceIds`) and cuts each one they no
 * longer may use. Call it inside the transaction of the change, after the change is written; call
 * kickServiceDeliveries() after the commit.
 */
export async function endLostAccess(
  tx: DataTx,
  userId: string,
  reason: string,
  serviceIds?: string[],
  opts: EndOptions = {},
): Promise<{ ended: string[] }> {
  const links = await tx.serviceLink.findMany({
    where: { userId, endedAt: null, ...(serviceIds ? { serviceId: { in: serviceIds } } : {}) },
    select: { id: true, userId: true, serviceId: true, service: { select: LINK_SERVICE } },
    orderBy: { serviceId: "asc" },
  });
  if (links.length === 0) return { ended: [] };
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) return { ended: [] };
  const now = opts.now ?? new Date();
  const ended: string[] = [];
  for (const link of links) {
    const access = await serviceAccess(userId, link.serviceId, { tx, policies: opts.policies, now });
    if (access.allowed) continue;
    if (await cutLink(tx, link, user, reason, now, opts.auditEach ?? true)) ended.push(link.serviceId);
  }
  return { ended };
}

/** A service disabled: everyone who uses it is cut. */
export async function endAccessForService(tx: DataTx, serviceId: string, reason: string): Promise<{ ended: number }> {
  const links = await tx.serviceLink.findMany({
    where: { serviceId, endedAt: null },
    select: { id: true, userId: true, service: { select: LINK_SERVICE } },
    orderBy: { userId: "asc" },
  });
  const users = new Map(
    (
      await tx.user.findMany({
        where: { id: { in: links.map((l) => l.userId) } },
        select: { id: true, email: true },
      })
    ).map((u) => [u.id, u]),
  );
  const now = new Date();
  let ended = 0;
  for (const link of links) {
    const user = users.get(link.userId);
    if (user && (await cutLink(tx, link, user, reason, now))) ended++;
  }
  return { ended };
}

// ---------------------------------------------------------------------------------------------
// Access checks: many people, one service.

export const ACCESS_CHECK_QUEUE = "service-access-check";
export const ACCESS_CHECK_BATCH = 500;

type CheckScope = {
  serviceId: string;
  municipalityId: string | null;
  group: string | null;
  state: MembershipStatus | null;
};

/** Platform groups sit on the user, not a membership: their checks walk users. */
function isPlatformGroup(group: string | null, policies: CompiledPolicies): boolean {
  return group !== null && policies.groups.get(group)?.scope === "platform";
}

function membersWhere(c: CheckScope) {
  return {
    ...(c.municipalityId ? { municipalityId: c.municipalityId } : {}),
    ...(c.group ? { groups: { has: c.group } } : {}),
    ...(c.state ? { status: c.state } : {}),
  };
}

async function countMembers(reader: DataTx | typeof db, c: CheckScope, policies: CompiledPolicies): Promise<number> {
  if (isPlatformGroup(c.group, policies)) return reader.user.count({ where: { platformGroups: { has: c.group! } } });
  return reader.membership.count({ where: membersWhere(c) });
}

/** One page of the people to check after `cursor` (a membership id, or a user id for platform groups). */
async function memberPage(tx: DataTx, c: CheckScope, cursor: string | null, policies: CompiledPolicies, take: number) {
  const after = cursor ? { id: { gt: cursor } } : {};
  if (isPlatformGroup(c.group, policies)) {
    const rows = await tx.user.findMany({
      where: { platformGroups: { has: c.group! }, ...after },
      select: { id: true },
      orderBy: { id: "asc" },
      take,
    });
    return rows.map((r) => ({ key: r.id, userId: r.id }));
  }
  const rows = await tx.membership.findMany({
    where: { ...membersWhere(c), ...after },
    select: { id: true, userId: true },
    orderBy: { id: "asc" },
    take,
  });
  return rows.map((r) => ({ key: r.id, userId: r.userId }));
}

export function accessCheckReason(input: { group?: string | null; state?: MembershipStatus | null }): string {
  if (input.group) return `the ${input.group} group no longer grants access`;
  if (input.state) return `${STATE_WORDS[input.state].toLowerCase()} no longer have access`;
  return "access to the service changed";
}

/**
 * A source that many people hold stopped granting a service (a group file, a membership state):
 * checks only those people and that service, in batches, with progress in an AccessCheck row.
 */
export async function startAccessCheck(
  input: {
    serviceId: string;
    reason: string;
    group?: string;
    state?: MembershipStatus;
    requestedById?: string;
  },
  opts: { tx?: DataTx } = {},
): Promise<{ id: string }> {
  const writer = opts.tx ?? db;
  const service = await writer.service.findUniqueOrThrow({
    where: { id: input.serviceId },
    select: { id: true, municipalityId: true },
  });
  const scope: CheckScope = {
    serviceId: service.id,
    municipalityId: service.municipalityId,
    group: input.group ?? null,
    state: input.state ?? null,
  };
  const total = await countMembers(writer, scope, loadPolicies());
  const row = await writer.accessCheck.create({
    data: {
      serviceId: service.id,
      municipalityId: service.municipalityId,
      reason: input.reason,
      group: scope.group,
      state: scope.state,
      total,
      requestedById: input.requestedById ?? null,
    },
    select: { id: true },
  });
  // Inside a caller's transaction the job is sent after its commit (kickAccessCheck).
  if (!opts.tx) await kickAccessCheck(row.id);
  return row;
}

/** Asks the queue to run the check now (the minute's sweep runs it otherwise). */
export async function kickAccessCheck(id: string): Promise<void> {
  await sendJob(ACCESS_CHECK_QUEUE, { id });
}

type CheckRow = {
  id: string;
  serviceId: string;
  municipalityId: string | null;
  reason: string;
  group: string | null;
  state: MembershipStatus | null;
  cursor: string | null;
  status: "RUNNING" | "DONE" | "FAILED";
};

/** One batch in one transaction holding the check's row; false when the check is done or someone else holds it. */
async function runBatch(id: string, opts: CheckOptions, policies: CompiledPolicies): Promise<boolean> {
  const size = opts.batchSize ?? ACCESS_CHECK_BATCH;
  return db.$transaction(
    async (tx) => {
      const [c] = await tx.$queryRaw<CheckRow[]>`
        select id, "serviceId", "municipalityId", reason, "group", state, cursor, status
        from "AccessCheck" where id = ${id} for update skip locked`;
      if (!c || c.status === "DONE") return false;
      const scope: CheckScope = c;
      const page = await memberPage(tx, scope, c.cursor, policies, size);
      // Only people with an open link have anything to cut; the rest are checked by that fact.
      const linked = new Set(
        (
          await tx.serviceLink.findMany({
            where: { serviceId: c.serviceId, endedAt: null, userId: { in: [...new Set(page.map((p) => p.userId))] } },
            select: { userId: true },
          })
        ).map((l) => l.userId),
      );
      const endedFor: string[] = [];
      for (const userId of [...linked].sort()) {
        const r = await endLostAccess(tx, userId, c.reason, [c.serviceId], {
          policies,
          now: opts.now,
          auditEach: false,
        });
        if (r.ended.length) endedFor.push(userId);
      }
      const ended = endedFor.length;
      // One audit event per batch, naming everyone it cut (thousands of events would say the same).
      if (ended)
        await recordAudit(tx, {
          action: "service.access_ended",
          actorType: "system",
          municipalityId: c.municipalityId,
          targetType: "AccessCheck",
          targetId: c.id,
          data: { serviceId: c.serviceId, reason: c.reason, users: endedFor },
        });
      const done = page.length < size;
      await tx.accessCheck.update({
        where: { id },
        data: {
          checked: { increment: page.length },
          ended: { increment: ended },
          cursor: page.at(-1)?.key ?? c.cursor,
          status: done ? "DONE" : "RUNNING",
          lastError: null,
          ...(done ? { finishedAt: new Date() } : {}),
        },
      });
      return !done;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/**
 * Runs (or resumes, from its cursor) an access check to the end. A fault marks it FAILED with the
 * error and rethrows (the queue retries; a retry resumes where it stopped).
 */
export async function runAccessCheck(id: string, opts: CheckOptions = {}): Promise<void> {
  const policies = opts.policies ?? loadPolicies();
  await db.accessCheck.updateMany({ where: { id, status: "FAILED" }, data: { status: "RUNNING" } });
  try {
    let batches = 0;
    while (await runBatch(id, opts, policies)) {
      if (opts.maxBatches !== undefined && ++batches >= opts.maxBatches) break;
    }
  } catch (e) {
    await db.accessCheck.updateMany({
      where: { id },
      data: { status: "FAILED", lastError: e instanceof Error ? e.message.slice(0, 500) : String(e).slice(0, 500) },
    });
    throw e;
  }
}

/** Checks that are RUNNING (a server stopped mid-way, or no queue took the job): run them. */
export async function resumeAccessChecks(): Promise<number> {
  const open = await db.accessCheck.findMany({
    where: { status: "RUNNING" },
    select: { id: true },
    orderBy: { startedAt: "asc" },
    take: 20,
  });
  for (const c of open) {
    try {
      await runAccessCheck(c.id);
    } catch (e) {
      log.error({ err: e, checkId: c.id }, `[${ACCESS_CHECK_QUEUE}] a check failed; it stays resumable`);
    }
  }
  return open.length;
}

export const ACCESS_CHECK_WORKER: QueueWorker = {
  name: ACCESS_CHECK_QUEUE,
  async run(data) {
    if (typeof data.id === "string") await runAccessCheck(data.id);
  },
};
