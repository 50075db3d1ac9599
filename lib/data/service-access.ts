// Direct service grants, service links and access checks as governed records (ServiceGrant,
// ServiceLink, AccessCheck): read and written through the viewer's ability like every other one —
// the tenant is in the query, a record outside reach is "not found", and a grant the policies
// forbid (to oneself, outside the municipality) is refused before anything is written.
import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import type { DataTx } from "./tx";

const SERVICE_COLUMNS = { id: true, name: true, slug: true, municipalityId: true, disabledAt: true } as const;

/** A service the viewer may read (and, for a grant, grant on), or "not found". */
export async function serviceInReach(viewer: Viewer, serviceId: string) {
  const s = await db.service.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Service"), { id: serviceId.slice(0, 64) }] },
    select: SERVICE_COLUMNS,
  });
  if (!s) throw new NotFoundError("No such service.");
  return s;
}

/** The services a person page lists: the municipality's and the platform-wide ones the viewer may read. */
export function servicesForMunicipality(viewer: Viewer, municipalityId: string) {
  return db.service.findMany({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("Service"),
        { OR: [{ municipalityId }, { municipalityId: null }] },
      ],
    },
    select: SERVICE_COLUMNS,
    orderBy: [{ municipalityId: { sort: "asc", nulls: "last" } }, { name: "asc" }],
  });
}

/** May the viewer grant services of this municipality (or platform-wide ones) at all? */
export function mayGrantService(viewer: Viewer, municipalityId: string | null, userId: string): boolean {
  return viewer.ability.can("create", subjectOf("ServiceGrant", { municipalityId, userId }));
}

/** Which of these grants the viewer may read, and which they may end. */
export async function grantRights(viewer: Viewer, ids: string[]) {
  if (ids.length === 0) return { read: new Set<string>(), end: new Set<string>() };
  const ofAction = async (action: "read" | "update") =>
    new Set(
      (
        await db.serviceGrant.findMany({
          where: { AND: [accessibleBy(viewer.ability, action).ofType("ServiceGrant"), { id: { in: ids } }] },
          select: { id: true },
        })
      ).map((g) => g.id),
    );
  return { read: await ofAction("read"), end: await ofAction("update") };
}

/** The person's links (signed into the service through Gatehouse) the viewer may read. */
export function linksOf(viewer: Viewer, userId: string, serviceIds: string[]) {
  return db.serviceLink.findMany({
    where: {
      AND: [accessibleBy(viewer.ability, "read").ofType("ServiceLink"), { userId, serviceId: { in: serviceIds } }],
    },
    select: { serviceId: true, lastSignInAt: true, endedAt: true, endReason: true },
  });
}

export type GrantWrite = {
  serviceId: string;
  municipalityId: string | null;
  userId: string;
  reason: string;
  expiresAt: Date | null;
  grantedById: string;
};

/** Writes a direct grant the policies allow (create on ServiceGrant with these very attributes). */
export async function createServiceGrant(tx: DataTx, viewer: Viewer, data: GrantWrite) {
  if (!viewer.ability.can("create", subjectOf("ServiceGrant", { ...data })))
    throw new ForbiddenError("You may not grant this service to this person.");
  return tx.serviceGrant.create({ data, select: { id: true, expiresAt: true } });
}

/** A grant in reach that the viewer may end, ended now; null when it was ended meanwhile. */
export async function endServiceGrant(
  tx: DataTx,
  viewer: Viewer,
  grantId: string,
  end: { endedById: string; endReason: string },
) {
  const g = await tx.serviceGrant.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("ServiceGrant"), { id: grantId.slice(0, 64) }] },
  });
  if (!g) throw new NotFoundError("No such grant.");
  if (!viewer.ability.can("update", subjectOf("ServiceGrant", { ...g }), "endedAt"))
    throw new ForbiddenError("You may not revoke this grant.");
  const r = await tx.serviceGrant.updateMany({
    where: { AND: [accessibleBy(viewer.ability, "update").ofType("ServiceGrant"), { id: g.id, endedAt: null }] },
    data: { endedAt: new Date(), endKind: "REVOKED", ...end },
  });
  return r.count === 1 ? g : null;
}

/** A service's access checks the viewer may read, newest first. */
export function accessChecksOf(viewer: Viewer, serviceId: string, take = 20) {
  return db.accessCheck.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("AccessCheck"), { serviceId: serviceId.slice(0, 64) }] },
    select: {
      id: true,
      reason: true,
      group: true,
      state: true,
      total: true,
      checked: true,
      ended: true,
      status: true,
      lastError: true,
      startedAt: true,
      finishedAt: true,
    },
    orderBy: { startedAt: "desc" },
    take,
  });
}
