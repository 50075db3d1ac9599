// Direct grants of a connected service to one person (seed 003: "individual user access", which
// holds "regardless of whether or not they are a member"): given by an administrator with a
// reason and an optional expiry, revoked with a reason, ended on time when they expire. Each is one
// transaction with its audit event; a revocation or expiry cuts the person's access there in the
// same transaction when it was their last source (lib/services/access-end.ts).
//
// Expiry on time: each grant with an expiry gets a queue job at that moment (startAfter), and a
// sweep every minute ends whatever is due (a job lost with a server, a grant made where no queue
// runs). Both end a grant with one conditional write, so running twice ends it once.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { dayStart, knownZone } from "@/lib/audit/when";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  createServiceGrant,
  endServiceGrant,
  grantRights,
  linksOf,
  mayGrantService,
  serviceInReach,
  servicesForMunicipality,
} from "@/lib/data/service-access";
import type { Viewer } from "@/lib/identity/viewer";
import { sendJob } from "@/lib/jobs/mail-worker";
import type { QueueWorker, ScheduledJob } from "@/lib/jobs/scheduled";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { BLOCK_WORDS, serviceAccess, type AccessSource } from "@/lib/services/access";
import { endLostAccess, resumeAccessChecks } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import { refuseSelfGrant } from "./grants";
import { actingUser, parseReason } from "./membership-tx";

export const GRANT_EXPIRY_QUEUE = "service-grant-expiry";
const SELF_GRANT = "Nobody grants their own access: another administrator must.";

const reasonSchema = z
  .string()
  .trim()
  .min(3, "Give a reason (3 characters or more).")
  .max(500, "Keep the reason under 500 characters.");

export type GrantInput = {
  serviceId: string;
  userId: string;
  reason: string;
  expiresAt?: Date | null;
  /** The end as the service's municipality's clock reads it (a form's date and time); time empty: end of that day. */
  expiresLocal?: { date: string; time: string };
};

/** The service's municipality's time zone (UTC for a platform-wide service). */
async function zoneOf(municipalityId: string | null): Promise<string> {
  if (!municipalityId) return "UTC";
  const m = await db.municipality.findUnique({ where: { id: municipalityId }, select: { timeZone: true } });
  return knownZone(m?.timeZone);
}

function localMoment(local: { date: string; time: string }, tz: string): Date | null {
  if (!local.date) return null;
  const [h, m] = (local.time || "23:59").split(":").map(Number);
  return new Date(dayStart(local.date, tz).getTime() + (h! * 60 + m!) * 60_000);
}

/** The person must be someone the viewer sees (through a membership, or as a user record). */
async function personInReach(viewer: Viewer, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId.slice(0, 64) },
    select: { id: true, email: true, isActive: true, isCitizen: true, platformGroups: true },
  });
  if (!user) throw new NotFoundError("No such person.");
  const visible = await db.membership.count({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { userId: user.id }] },
  });
  if (visible === 0 && !viewer.ability.can("read", subjectOf("User", { ...user })))
    throw new NotFoundError("No such person.");
  return user;
}

/** Grants the service to the person directly. */
export async function grantServiceAccess(viewer: Viewer, input: GrantInput): Promise<{ id: string }> {
  const me = actingUser(viewer);
  const reason = parseReason(reasonSchema, input.reason);
  const service = await serviceInReach(viewer, input.serviceId);
  const person = await personInReach(viewer, input.userId);
  if (person.id === me.userId)
    await refuseSelfGrant(
      me.userId,
      "service_grant",
      { municipalityId: service.municipalityId, targetType: "Service", targetId: service.id },
      SELF_GRANT,
    );
  if (!mayGrantService(viewer, service.municipalityId, person.id))
    throw new NotFoundError("You may not grant this service.");
  if (service.disabledAt)
    throw new ValidationError("This service is disabled.", { serviceId: ["The service is disabled."] });
  if (!person.isActive)
    throw new ValidationError("This account is deactivated: a grant would give no access.", {
      userId: ["The account is deactivated."],
    });
  if (person.isCitizen)
    throw new ValidationError("Citizen accounts never use staff services.", { userId: ["A citizen account."] });
  const expiresAt = input.expiresLocal
    ? localMoment(input.expiresLocal, await zoneOf(service.municipalityId))
    : (input.expiresAt ?? null);
  if (expiresAt && expiresAt.getTime() <= Date.now() + 60_000)
    throw new ValidationError("The expiry must be in the future.", { expiresAt: ["Choose a time in the future."] });
  const created = await db.$transaction(async (tx) => {
    const g = await createServiceGrant(tx, viewer, {
      serviceId: service.id,
      municipalityId: service.municipalityId,
      userId: person.id,
      reason,
      expiresAt,
      grantedById: me.userId,
    });
    await recordAudit(tx, {
      action: "service.grant",
      actorId: me.userId,
      actorType: "user",
      municipalityId: service.municipalityId,
      targetType: "ServiceGrant",
      targetId: g.id,
      subjectUserId: person.id,
      data: { serviceId: service.id, reason, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return g;
  });
  if (expiresAt) await sendJob(GRANT_EXPIRY_QUEUE, { grantId: created.id }, { startAfter: expiresAt });
  return { id: created.id };
}

/** Revokes a direct grant; the person's access there ends with it when it was the last source. */
export async function revokeServiceAccess(viewer: Viewer, grantId: string, reasonInput: string): Promise<void> {
  const me = actingUser(viewer);
  const reason = parseReason(reasonSchema, reasonInput);
  await db.$transaction(async (tx) => {
    const g = await endServiceGrant(tx, viewer, grantId, { endedById: me.userId, endReason: reason });
    if (!g) throw new ConflictError("This grant was already revoked or has expired. Reload the page.");
    await recordAudit(tx, {
      action: "service.revoke",
      actorId: me.userId,
      actorType: "user",
      municipalityId: g.municipalityId,
      targetType: "ServiceGrant",
      targetId: g.id,
      subjectUserId: g.userId,
      data: { serviceId: g.serviceId, reason },
    });
    await endLostAccess(tx, g.userId, "direct access revoked", [g.serviceId]);
  });
  kickServiceDeliveries();
}

/**
 * Ends the grants whose expiry has come (all, or only `grantIds`), each in its own transaction with
 * its audit event, cutting the person's access where it was the last source.
 */
export async function expireDueGrants(opts: { now?: Date; grantIds?: string[] } = {}): Promise<{ expired: string[] }> {
  const now = opts.now ?? new Date();
  const expired: string[] = [];
  const seen: string[] = [];
  for (;;) {
    const due = await db.serviceGrant.findMany({
      where: {
        endedAt: null,
        expiresAt: { lte: now },
        id: { notIn: seen, ...(opts.grantIds ? { in: opts.grantIds } : {}) },
      },
      select: { id: true },
      orderBy: { expiresAt: "asc" },
      take: 200,
    });
    if (due.length === 0) break;
    for (const { id } of due) {
      seen.push(id);
      if (await expireOne(id, now)) expired.push(id);
    }
  }
  if (expired.length) kickServiceDeliveries();
  return { expired };
}

/** One grant ended as expired, with its audit event and its consequences; false when ended meanwhile. */
function expireOne(id: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const r = await tx.serviceGrant.updateMany({
      where: { id, endedAt: null, expiresAt: { lte: now } },
      data: { endedAt: now, endKind: "EXPIRED", endReason: "expired" },
    });
    if (r.count !== 1) return false;
    const g = await tx.serviceGrant.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, {
      action: "service.grant_expired",
      actorType: "system",
      municipalityId: g.municipalityId,
      targetType: "ServiceGrant",
      targetId: id,
      subjectUserId: g.userId,
      data: { serviceId: g.serviceId, expiresAt: g.expiresAt?.toISOString() ?? null },
    });
    await endLostAccess(tx, g.userId, "direct access expired", [g.serviceId], { now });
    return true;
  });
}

export const GRANT_EXPIRY_WORKER: QueueWorker = {
  name: GRANT_EXPIRY_QUEUE,
  async run(data) {
    if (typeof data.grantId === "string") await expireDueGrants({ grantIds: [data.grantId] });
  },
};

/** Every minute: expired grants ended (the backstop of the timed jobs), stalled access checks resumed. */
export const SERVICE_ACCESS_SWEEP: ScheduledJob = {
  name: "service-access-sweep",
  cron: "* * * * *",
  async run() {
    await expireDueGrants();
    await resumeAccessChecks();
  },
};

// ---------------------------------------------------------------------------------------------
// The person page's "Connected services".

export type PersonServiceSource = { kind: AccessSource["kind"]; words: string; grantId?: string; mayRevoke?: boolean };

export type PersonServiceRow = {
  serviceId: string;
  name: string;
  platformWide: boolean;
  disabled: boolean;
  allowed: boolean;
  /** Why no source counts (deactivated, citizen, disabled), in words. */
  blocked: string | null;
  sources: PersonServiceSource[];
  lastSignInAt: Date | null;
  linkEnded: { at: Date; reason: string | null } | null;
};

/** Each service of the municipality (and the platform-wide ones the viewer may read) with the person's access and its sources. */
export async function personServices(
  viewer: Viewer,
  municipalityId: string,
  userId: string,
): Promise<{ rows: PersonServiceRow[]; grantable: { id: string; name: string }[]; zone: string }> {
  const services = await servicesForMunicipality(viewer, municipalityId);
  const links = new Map(
    (
      await linksOf(
        viewer,
        userId,
        services.map((s) => s.id),
      )
    ).map((l) => [l.serviceId, l]),
  );
  const accesses = await Promise.all(services.map((s) => serviceAccess(userId, s)));
  const grantIds = accesses.flatMap((a) => a.sources.flatMap((s) => (s.kind === "grant" ? [s.grantId] : [])));
  const rights = await grantRights(viewer, grantIds);
  const rows = services.map((s, i): PersonServiceRow => {
    const a = accesses[i]!;
    const link = links.get(s.id);
    return {
      serviceId: s.id,
      name: s.name,
      platformWide: s.municipalityId === null,
      disabled: s.disabledAt !== null,
      allowed: a.allowed,
      blocked: a.blocked ? BLOCK_WORDS[a.blocked] : null,
      sources: a.sources.flatMap((src): PersonServiceSource[] => {
        if (src.kind !== "grant") return [{ kind: src.kind, words: src.words }];
        // A grant the viewer may not read is not shown (its reason is the municipality's record).
        if (!rights.read.has(src.grantId)) return [];
        return [{ kind: "grant", words: src.words, grantId: src.grantId, mayRevoke: rights.end.has(src.grantId) }];
      }),
      lastSignInAt: link?.lastSignInAt ?? null,
      linkEnded: link?.endedAt ? { at: link.endedAt, reason: link.endReason } : null,
    };
  });
  const grantable = services
    .filter((s) => !s.disabledAt && mayGrantService(viewer, s.municipalityId, userId))
    .map((s) => ({ id: s.id, name: s.name }));
  return { rows, grantable, zone: await zoneOf(municipalityId) };
}
