// Inactive accounts (NIST SP 800-53 AC-2(3), CJIS 5.5.2): a scheduled job suspends the ACTIVE
// memberships of people who have not signed in for `Municipality.inactivityDays` days (default
// 90, 30–365, null: off), mails each of them and their municipality's administrators through the
// outbox, and audits each suspension as the system (`membership.suspend`, reason "inactive").
// It is the suspension of ./deactivation.ts without an actor: status SUSPENDED, the access version
// bumped (no cached ability survives), the last-admin guard of ./last-admin.ts, and reactivation
// stays the usual one on the person's page.
//
// Decisions, so a reviewer can check them:
// - "Signed in" means to the account, by any method (password, SSO, Google/Microsoft, passkey:
//   lib/auth/sign-in-record.ts), anywhere: sign-in is account-wide, so someone who works daily in
//   one municipality is not inactive in another.
// - The clock starts at the latest of: the last sign-in; when the membership was created, approved,
//   completed its profile or was reactivated; when the account was reactivated. So someone who
//   never signed in counts from when their membership became active (createdAt for memberships
//   made active directly, e.g. by SSO or the seed), and a person an admin just reactivated is not
//   suspended again at the next run for the same old sign-in.
// - The last active municipality admin is never suspended by this job (DESIGN.md: no flow removes
//   the last admin; a municipality nobody can manage is worse than one inactive admin). Instead the
//   job audits `membership.inactivity_kept_last_admin` and mails that admin and every platform
//   administrator — once per period of inactivity (the event records when the clock started), not
//   every hour. Other inactive admins are suspended while another active admin remains.
// - Service accounts (API tokens) are not people and never sign in: skipped. Deactivated or erased
//   accounts are already out: skipped. Only ACTIVE memberships are touched (an invitation or a
//   request waiting for approval is not an account in use). Platform groups sit on the user, not a
//   membership, and are not touched here.
//
// Safe on several app servers: pg-boss creates one job per schedule tick for the whole deployment
// and hands it to one worker; besides, every batch runs under one advisory lock and every
// suspension is a conditional write (still ACTIVE, still inactive — a sign-in meanwhile wins), so
// two runs at once never suspend, mail or audit anyone twice, and a second run finds nothing to do.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { enqueueMail, type MailInput } from "@/lib/mail/outbox";
import {
  inactiveLastAdminMail,
  inactiveSuspendedAdminMail,
  inactiveSuspendedMail,
} from "@/lib/mail/inactivity-templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import type { ScheduledJob } from "@/lib/jobs/scheduled";
import { ConflictError } from "@/lib/errors";
import { effectiveInactivityDays } from "@/lib/schemas/inactivity";
import { endLostAccess } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import { MUNICIPALITY_ADMIN } from "./grants";
import { assertNotLastAdmin } from "./last-admin";
import type { Tx } from "./tx";
import { log } from "@/lib/ops/log";

const DAY_MS = 86_400_000;
/** Memberships per transaction: the audit lock is held only while its events are appended. */
const BATCH = 25;
/** Serializes the job's batches across app servers (a different key from the audit chain's). */
export const INACTIVITY_LOCK = 727274015;
export const KEPT_LAST_ADMIN = "membership.inactivity_kept_last_admin";
const PLATFORM_GROUPS = ["platform_admin", "superuser"];

/** Every hour at minute 7: a server that was down at one tick catches up at the next. */
export const INACTIVITY_JOB: ScheduledJob = {
  name: "inactive-accounts",
  cron: "7 * * * *",
  async run() {
    const r = await suspendInactiveMemberships();
    if (r.suspended.length || r.keptLastAdmin.length)
      log.info(
        `[inactive-accounts] suspended ${r.suspended.length} membership(s); kept ${r.keptLastAdmin.length} last admin(s)`,
      );
  },
};

export type InactivityResult = { suspended: string[]; keptLastAdmin: string[] };

const onOrBefore = (cutoff: Date) => ({ lte: cutoff });

/**
 * The ACTIVE memberships in `municipalityId` whose clock (see the top of this file) started on or
 * before `cutoff`, of people who are active, not service accounts and not erased. Also the
 * condition of the suspending write itself, so a sign-in or reactivation meanwhile wins.
 */
function inactiveWhere(municipalityId: string, cutoff: Date): Prisma.MembershipWhereInput {
  return {
    municipalityId,
    status: "ACTIVE",
    createdAt: onOrBefore(cutoff),
    AND: [
      { OR: [{ approvedAt: null }, { approvedAt: onOrBefore(cutoff) }] },
      { OR: [{ profileCompletedAt: null }, { profileCompletedAt: onOrBefore(cutoff) }] },
      { OR: [{ reactivatedAt: null }, { reactivatedAt: onOrBefore(cutoff) }] },
    ],
    user: {
      isActive: true,
      isServiceAccount: false,
      erasedAt: null,
      AND: [
        { OR: [{ lastLoginAt: null }, { lastLoginAt: onOrBefore(cutoff) }] },
        { OR: [{ reactivatedAt: null }, { reactivatedAt: onOrBefore(cutoff) }] },
      ],
    },
  };
}

const candidateSelect = {
  id: true,
  userId: true,
  groups: true,
  createdAt: true,
  approvedAt: true,
  profileCompletedAt: true,
  reactivatedAt: true,
  user: { select: { email: true, name: true, lastLoginAt: true, reactivatedAt: true } },
} satisfies Prisma.MembershipSelect;
type Candidate = Prisma.MembershipGetPayload<{ select: typeof candidateSelect }>;

/** When this membership's inactivity clock started: the latest of the moments at the top of this file. */
function clockStart(m: Candidate): Date {
  const t = [m.createdAt, m.approvedAt, m.profileCompletedAt, m.reactivatedAt, m.user.lastLoginAt, m.user.reactivatedAt]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  return new Date(Math.max(...t));
}

/**
 * One pass over every municipality with the control on (or only `municipalityIds`), as of `now`.
 * Tests pass `now` and their own municipality; the schedule passes nothing.
 */
export async function suspendInactiveMemberships(
  opts: { now?: Date; municipalityIds?: string[] } = {},
): Promise<InactivityResult> {
  const now = opts.now ?? new Date();
  const result: InactivityResult = { suspended: [], keptLastAdmin: [] };
  const municipalities = await db.municipality.findMany({
    where: { inactivityDays: { not: null }, ...(opts.municipalityIds ? { id: { in: opts.municipalityIds } } : {}) },
    select: { id: true, name: true, inactivityDays: true },
    orderBy: { id: "asc" },
  });
  for (const muni of municipalities) {
    const days = effectiveInactivityDays(muni.inactivityDays);
    if (days === null) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    // Paged by id: a kept last admin stays ACTIVE and must not be read again in this pass.
    let after = "";
    for (;;) {
      const batch = await db.membership.findMany({
        where: { AND: [inactiveWhere(muni.id, cutoff), { id: { gt: after } }] },
        select: candidateSelect,
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.id;
      const done = await db.$transaction((tx) => suspendBatch(tx, { ...muni, days, cutoff, now }, batch), {
        timeout: 60_000,
      });
      result.suspended.push(...done.suspended);
      result.keptLastAdmin.push(...done.keptLastAdmin);
      if (batch.length < BATCH) break;
    }
  }
  if (result.suspended.length || result.keptLastAdmin.length) await kickMailer();
  if (result.suspended.length) kickServiceDeliveries();
  return result;
}

type Muni = { id: string; name: string; days: number; cutoff: Date; now: Date };

async function suspendBatch(tx: Tx, muni: Muni, batch: Candidate[]): Promise<InactivityResult> {
  const out: InactivityResult = { suspended: [], keptLastAdmin: [] };
  const audits: AuditInput[] = [];
  await tx.$executeRaw`select pg_advisory_xact_lock(${INACTIVITY_LOCK})`;
  // Lock order of ./last-admin.ts: Membership rows first (the batch and the municipality's active
  // admins, in id order), then User rows; audit events (the chain's lock) come last.
  const ids = batch.map((m) => m.id);
  await tx.$queryRaw`
    select m.id from "Membership" m
    where m."municipalityId" = ${muni.id}
      and (m.id = any(${ids}) or (m.status = 'ACTIVE' and ${MUNICIPALITY_ADMIN} = any(m.groups)))
    order by m.id for update`;
  for (const m of batch) {
    const since = clockStart(m);
    if (m.groups.includes(MUNICIPALITY_ADMIN)) {
      try {
        // Sees this batch's own suspensions: of two inactive admins, the second one is kept.
        await assertNotLastAdmin(tx, muni.id, m.id);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        if (await keepLastAdmin(tx, muni, m, since, audits)) out.keptLastAdmin.push(m.id);
        continue;
      }
    }
    const r = await tx.membership.updateMany({
      where: { AND: [{ id: m.id }, inactiveWhere(muni.id, muni.cutoff)] },
      data: {
        status: "SUSPENDED",
        suspendedAt: muni.now,
        suspendedById: null,
        suspensionReason: `Not signed in for ${muni.days} days or more (inactive account, suspended automatically).`,
      },
    });
    // Signed in, reactivated or suspended by someone else (or another run) meanwhile: not ours to do.
    if (r.count !== 1) continue;
    await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
    await enqueueMail(tx, {
      to: m.user.email,
      userId: m.userId,
      municipalityId: muni.id,
      ...inactiveSuspendedMail({ municipality: muni.name, days: muni.days }),
    });
    audits.push(inactivityAudit("membership.suspend", muni, m, since, { reason: "inactive", from: "ACTIVE" }));
    out.suspended.push(m.id);
  }
  if (out.suspended.length) {
    const people = batch.filter((m) => out.suspended.includes(m.id)).map((m) => m.user);
    for (const admin of await activeAdmins(tx, muni.id)) {
      await enqueueMail(tx, {
        to: admin.email,
        userId: admin.id,
        municipalityId: muni.id,
        ...inactiveSuspendedAdminMail({ municipality: muni.name, days: muni.days, people }),
      });
    }
  }
  for (const a of audits) await recordAudit(tx, a);
  // The services the suspended memberships gave them are cut in this transaction (seed 003).
  for (const m of batch)
    if (out.suspended.includes(m.id)) await endLostAccess(tx, m.userId, "membership suspended for inactivity");
  return out;
}

/** The municipality's active admins (after this batch's suspensions): real people with an active account. */
/** An audit event of the job about one membership: the system acting, with the person's inactivity in its data. */
function inactivityAudit(
  action: string,
  muni: Muni,
  m: Candidate,
  since: Date,
  data: Record<string, string | number>,
): AuditInput {
  return {
    action,
    actorType: "system",
    actorId: null,
    municipalityId: muni.id,
    targetType: "Membership",
    targetId: m.id,
    subjectUserId: m.userId,
    data: {
      ...data,
      days: muni.days,
      lastSignIn: m.user.lastLoginAt?.toISOString() ?? null,
      since: since.toISOString(),
    },
  };
}

function activeAdmins(tx: Tx, municipalityId: string) {
  return tx.user.findMany({
    where: {
      isActive: true,
      isServiceAccount: false,
      erasedAt: null,
      memberships: { some: { municipalityId, status: "ACTIVE", groups: { has: MUNICIPALITY_ADMIN } } },
    },
    select: { id: true, email: true },
    orderBy: { id: "asc" },
  });
}

/**
 * The last active admin is inactive: kept, audited and told (with the platform administrators),
 * once per period of inactivity. Returns whether this run was the one that told them.
 */
async function keepLastAdmin(tx: Tx, muni: Muni, m: Candidate, since: Date, audits: AuditInput[]): Promise<boolean> {
  const told = await tx.auditEvent.findFirst({
    where: { action: KEPT_LAST_ADMIN, targetId: m.id, data: { path: ["since"], equals: since.toISOString() } },
    select: { seq: true },
  });
  if (told) return false;
  const platform = await tx.user.findMany({
    where: { isActive: true, isServiceAccount: false, erasedAt: null, platformGroups: { hasSome: PLATFORM_GROUPS } },
    select: { id: true, email: true },
    orderBy: { id: "asc" },
  });
  const mails: MailInput[] = [
    {
      to: m.user.email,
      userId: m.userId,
      municipalityId: muni.id,
      ...inactiveLastAdminMail({ municipality: muni.name, days: muni.days, admin: m.user, toAdmin: true }),
    },
    ...platform.map((p) => ({
      to: p.email,
      userId: p.id,
      municipalityId: muni.id,
      ...inactiveLastAdminMail({ municipality: muni.name, days: muni.days, admin: m.user, toAdmin: false }),
    })),
  ];
  for (const mail of mails) await enqueueMail(tx, mail);
  audits.push(
    inactivityAudit(KEPT_LAST_ADMIN, muni, m, since, { reason: "last_admin", platformAdminsTold: platform.length }),
  );
  return true;
}
