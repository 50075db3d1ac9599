// What a citizen account sees on /my: the reports it filed (ServiceRequest.reporterUserId) and the
// requests it follows (RequestFollower.userId), in every municipality. Which fields and which
// timeline entries is policy (policies/groups/citizen.yaml, plus the public group): every read is
// scoped by accessibleBy on the subject and cut per row. Child records (events, followers) are read
// only for requests the caller can read (DESIGN.md's rule for child records). Anyone who is not a
// citizen account gets "not found" from every function here.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { UserPrincipal } from "@/lib/identity/principal";
import type { Viewer } from "@/lib/identity/viewer";
import { project } from "./project";

/** A request as the citizen may see it: only the fields their ability grants on that row. */
export type CitizenRequest = {
  id: string;
  reference?: string;
  title?: string;
  category?: string;
  status?: string;
  area?: string;
  description?: string;
  address?: string | null;
  reporterName?: string | null;
  reporterEmail?: string | null;
  reporterPhone?: string | null;
  isPublic?: boolean;
  createdAt?: Date;
  updatedAt?: Date;
  municipality: { slug: string; name: string };
};

export type CitizenEvent = {
  id: string;
  kind?: string;
  body?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  createdAt?: Date;
};

const LIST_LIMIT = 200;

/** The citizen principal, or "not found" for anyone else (staff, anonymous). */
export function citizenOf(viewer: Viewer): UserPrincipal {
  const p = viewer.principal;
  if (p.kind !== "user" || !p.isCitizen) throw new NotFoundError();
  return p;
}

const readRequests = (viewer: Viewer, where: object) =>
  db.serviceRequest.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("ServiceRequest"), where] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
  });

/** Rows → DTOs of permitted fields, each with its municipality's public name and slug. */
async function toDtos(viewer: Viewer, rows: Awaited<ReturnType<typeof readRequests>>): Promise<CitizenRequest[]> {
  const munis = await db.municipality.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.municipalityId))] }, archivedAt: null },
    select: { id: true, slug: true, name: true },
  });
  const byId = new Map(munis.map((m) => [m.id, { slug: m.slug, name: m.name }]));
  return rows.flatMap((r) => {
    const municipality = byId.get(r.municipalityId);
    if (!municipality) return [];
    const dto = project(viewer.ability, "read", "ServiceRequest", r, MODEL_FIELDS.ServiceRequest);
    return [{ ...(dto as Omit<CitizenRequest, "municipality">), id: r.id, municipality }];
  });
}

/** The reports this citizen filed while signed in, newest first. */
export async function myReports(viewer: Viewer): Promise<CitizenRequest[]> {
  const me = citizenOf(viewer);
  return toDtos(viewer, await readRequests(viewer, { reporterUserId: me.userId }));
}

/** The requests this citizen follows (and has not unfollowed) that they may still read. */
export async function followedRequests(viewer: Viewer): Promise<CitizenRequest[]> {
  const me = citizenOf(viewer);
  const follows = await db.requestFollower.findMany({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("RequestFollower"),
        { userId: me.userId, unsubscribedAt: null },
      ],
    },
    select: { requestId: true },
    take: LIST_LIMIT,
  });
  if (follows.length === 0) return [];
  return toDtos(viewer, await readRequests(viewer, { id: { in: follows.map((f) => f.requestId) } }));
}

/** One of the citizen's own reports (public or not) with the timeline entries they may read. */
export async function myReport(
  viewer: Viewer,
  slug: string,
  reference: string,
): Promise<{ request: CitizenRequest; events: CitizenEvent[] }> {
  const me = citizenOf(viewer);
  if (!/^[a-z0-9-]{1,64}$/.test(slug) || reference.length > 40) throw new NotFoundError();
  const rows = await readRequests(viewer, { reporterUserId: me.userId, reference, municipality: { slug } });
  const [request] = await toDtos(viewer, rows);
  if (!request) throw new NotFoundError();
  const events = await db.requestEvent.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("RequestEvent"), { requestId: request.id }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  return {
    request,
    events: events.map((e) => ({
      ...(project(viewer.ability, "read", "RequestEvent", e, MODEL_FIELDS.RequestEvent) as CitizenEvent),
      id: e.id,
    })),
  };
}

/** A request the viewer may read, by its municipality and reference; else "not found". */
async function readableRequest(viewer: Viewer, slug: string, reference: string) {
  if (!/^[a-z0-9-]{1,64}$/.test(slug) || reference.length > 40) throw new NotFoundError();
  const row = await db.serviceRequest.findFirst({
    where: {
      AND: [accessibleBy(viewer.ability, "read").ofType("ServiceRequest"), { reference, municipality: { slug } }],
    },
    select: { id: true, municipalityId: true, reference: true },
  });
  if (!row) throw new NotFoundError();
  return row;
}

export type FollowState = { requestId: string; following: boolean } | null;

/** For the Follow button: null unless the viewer is a citizen who may follow this request. */
export async function followState(viewer: Viewer, slug: string, reference: string): Promise<FollowState> {
  const p = viewer.principal;
  if (p.kind !== "user" || !p.isCitizen) return null;
  const req = await readableRequest(viewer, slug, reference).catch(() => null);
  if (!req) return null;
  const row = await db.requestFollower.findFirst({
    where: {
      AND: [accessibleBy(viewer.ability, "read").ofType("RequestFollower"), { requestId: req.id, userId: p.userId }],
    },
    select: { unsubscribedAt: true },
  });
  return { requestId: req.id, following: !!row && row.unsubscribedAt === null };
}

/** Follows a request the citizen may read (again, if they had unfollowed it). Audited. */
export async function followRequest(viewer: Viewer, slug: string, reference: string): Promise<{ reference: string }> {
  const me = citizenOf(viewer);
  // A municipality that is not one (a choice the form never offered) is refused on its own field.
  const known =
    /^[a-z0-9-]{1,64}$/.test(slug) && (await db.municipality.count({ where: { slug, archivedAt: null } })) > 0;
  if (!known)
    throw new ValidationError("Choose a municipality from the list.", {
      slug: ["Choose a municipality from the list."],
    });
  const req = await readableRequest(viewer, slug, reference).catch((e: unknown) => {
    // No request they may read with this reference: the same words, on the field.
    if (!(e instanceof NotFoundError)) throw e;
    const message = "There is no public report with this reference in this municipality.";
    throw new ValidationError(message, { reference: [message] });
  });
  await followById(viewer, me, req);
  return { reference: req.reference };
}

/** The same, for a request the citizen just filed (lib/flows/public-submission.ts). */
export async function followOwnReport(viewer: Viewer, requestId: string): Promise<void> {
  const me = citizenOf(viewer);
  const req = await db.serviceRequest.findFirst({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("ServiceRequest"),
        { id: requestId, reporterUserId: me.userId },
      ],
    },
    select: { id: true, municipalityId: true },
  });
  if (req) await followById(viewer, me, req);
}

async function followById(viewer: Viewer, me: UserPrincipal, req: { id: string; municipalityId: string }) {
  const row = { municipalityId: req.municipalityId, requestId: req.id, userId: me.userId };
  if (!viewer.ability.can("create", subjectOf("RequestFollower", row)))
    throw new ForbiddenError("You may not follow this request.");
  await db.$transaction(async (tx) => {
    const existing = await tx.requestFollower.findUnique({
      where: { requestId_userId: { requestId: req.id, userId: me.userId } },
      select: { id: true, unsubscribedAt: true },
    });
    if (existing && existing.unsubscribedAt === null) return; // already following: nothing to write
    if (existing) {
      const r = await tx.requestFollower.updateMany({
        where: { AND: [accessibleBy(viewer.ability, "update").ofType("RequestFollower"), { id: existing.id }] },
        data: { unsubscribedAt: null },
      });
      if (r.count !== 1) throw new ForbiddenError("You may not follow this request.");
    } else {
      await tx.requestFollower.create({ data: row });
    }
    await recordAudit(tx, {
      action: "citizen.follow",
      actorId: me.userId,
      actorType: "user",
      municipalityId: req.municipalityId,
      targetType: "ServiceRequest",
      targetId: req.id,
    });
  });
}

/** Stops following (the row stays, with its time, so following again is the same row). Audited. */
export async function unfollowRequest(viewer: Viewer, requestId: string): Promise<void> {
  const me = citizenOf(viewer);
  await db.$transaction(async (tx) => {
    const rows = await tx.requestFollower.updateManyAndReturn({
      where: {
        AND: [
          accessibleBy(viewer.ability, "update").ofType("RequestFollower"),
          { requestId: requestId.slice(0, 64), userId: me.userId, unsubscribedAt: null },
        ],
      },
      data: { unsubscribedAt: new Date() },
      select: { municipalityId: true, requestId: true },
    });
    // Not following (or not theirs): nothing changed, and nothing to say about the request.
    if (rows.length === 0) throw new NotFoundError("You do not follow this request.");
    await recordAudit(tx, {
      action: "citizen.unfollow",
      actorId: me.userId,
      actorType: "user",
      municipalityId: rows[0]!.municipalityId,
      targetType: "ServiceRequest",
      targetId: rows[0]!.requestId,
    });
  });
}
