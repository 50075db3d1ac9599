// Photos of a service request. Who may see, add or publish one is policy (subject RequestPhoto);
// like every child record they are reached only through a request the caller can read
// (accessibleBy on ServiceRequest first) AND accessibleBy on RequestPhoto, fields projected per
// row. The storage keys never leave this module: callers get ids, and the bytes come from
// `photoBytes`, which runs the same two checks — so a published photo of a public request is what
// the public gets, and everything else is "not found", exactly like an unknown id.
// Photos are checked and re-encoded (lib/photos) before the transaction; their bytes are written
// inside it through lib/storage, so a refused or failed write stores nothing.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WriteTx } from "./scoped-records";
import type { Viewer } from "@/lib/identity/viewer";
import { storage, storeAtomically, type StorageTx } from "@/lib/storage";
import type { ProcessedPhoto } from "@/lib/photos";
import { assertAccessCurrent } from "./access-version";
import { loadInReach } from "./scoped-records";
import { idSchema } from "@/lib/records/list";
import { permittedFields } from "./project";
import { appendRequestEvent, type RequestRef } from "./request-events";

export type RequestPhotoDTO = {
  id: string;
  requestId: string;
  width?: number;
  height?: number;
  createdAt?: Date;
  isPublished?: boolean;
  publishedAt?: Date | null;
  /** The viewer may publish / unpublish it (policy: update RequestPhoto isPublished). */
  canPublish: boolean;
};

const FIELDS = MODEL_FIELDS.RequestPhoto;
type PhotoRow = Prisma.RequestPhotoGetPayload<object>;

function actorOf(viewer: Viewer) {
  const p = viewer.principal;
  return p.kind === "user"
    ? { actorId: p.userId, actorType: p.via === "token" ? ("token" as const) : ("user" as const) }
    : { actorId: null, actorType: "anonymous" as const };
}

function toDTO(viewer: Viewer, row: PhotoRow): RequestPhotoDTO {
  const s = subjectOf("RequestPhoto", row);
  const fields = new Set(permittedFields(viewer.ability, "read", "RequestPhoto", row, FIELDS));
  const pick = <K extends keyof PhotoRow>(k: K) => (fields.has(k) ? row[k] : undefined);
  return {
    id: row.id,
    requestId: row.requestId,
    width: pick("width"),
    height: pick("height"),
    createdAt: pick("createdAt"),
    isPublished: pick("isPublished"),
    publishedAt: pick("publishedAt"),
    canPublish: viewer.ability.can("update", s, "isPublished"),
  };
}

async function requestRef(
  viewer: Viewer,
  requestId: string,
  municipalityId: string,
  action: "read" | "update" = "read",
): Promise<RequestRef> {
  const r = await loadInReach(viewer, "ServiceRequest", requestId, action, { municipalityId });
  // The copies the photo rows carry come from the row itself, not from what the viewer may read of it.
  const own = await db.serviceRequest.findUniqueOrThrow({
    where: { id: String(r.id) },
    select: { id: true, municipalityId: true, isPublic: true, reporterUserId: true },
  });
  return own;
}

/** The photos of a request the viewer can read, oldest first, as far as the policy lets them see each. */
export async function listRequestPhotos(
  viewer: Viewer,
  municipalityId: string,
  requestId: string,
): Promise<RequestPhotoDTO[]> {
  const request = await requestRef(viewer, requestId, municipalityId);
  const rows = await db.requestPhoto.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("RequestPhoto"), { requestId: request.id }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => toDTO(viewer, r));
}

/** Where a photo's bytes are served: the staff routes (session) or the public ones (published only). */
export function photoUrls(where: { slug: string; requestId: string; photoId: string }, audience: "staff" | "public") {
  const url =
    audience === "staff"
      ? `/w/${where.slug}/requests/${where.requestId}/photos/${where.photoId}`
      : `/m/${where.slug}/photos/${where.photoId}`;
  return { url, thumbnailUrl: `${url}/thumb` };
}

export type ApiPhoto = {
  id: string;
  url: string;
  thumbnailUrl: string;
  width?: number;
  height?: number;
  isPublished?: boolean;
};

/**
 * The photos of a request as the JSON API lists them (beside the record GET returns): for staff
 * every photo their policy shows, with the staff URLs; for the public only published photos of a
 * public request (the public group's rule), with the public URLs. Ids and URLs only, never keys.
 */
export async function apiRequestPhotos(
  viewer: Viewer,
  record: { id?: unknown; municipalityId?: unknown },
  audience: "staff" | "public",
): Promise<ApiPhoto[]> {
  if (typeof record.id !== "string" || typeof record.municipalityId !== "string") return [];
  const m = await db.municipality.findUnique({ where: { id: record.municipalityId }, select: { slug: true } });
  if (!m) return [];
  const photos = await listRequestPhotos(viewer, record.municipalityId, record.id);
  return photos.map((p) => ({
    id: p.id,
    ...photoUrls({ slug: m.slug, requestId: p.requestId, photoId: p.id }, audience),
    width: p.width,
    height: p.height,
    ...(audience === "staff" ? { isPublished: p.isPublished } : {}),
  }));
}

/**
 * The bytes of one photo (or its thumbnail) for a route handler: only a photo the viewer may read,
 * of a request they may read, in that municipality (and that request, when the URL names one).
 * Anything else — unknown, unpublished for the public, another tenant's — is NotFoundError.
 */
export async function photoBytes(
  viewer: Viewer,
  where: { municipalityId: string; requestId?: string; photoId: string },
  variant: "full" | "thumb",
): Promise<{ bytes: Buffer; contentType: string; etag: string }> {
  if (!idSchema.safeParse(where.photoId).success) throw new NotFoundError();
  if (where.requestId !== undefined && !idSchema.safeParse(where.requestId).success) throw new NotFoundError();
  const photo = await db.requestPhoto.findFirst({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("RequestPhoto"),
        { id: where.photoId, municipalityId: where.municipalityId },
        where.requestId ? { requestId: where.requestId } : {},
      ],
    },
    select: { id: true, requestId: true, storageKey: true, thumbKey: true },
  });
  if (!photo) throw new NotFoundError();
  await loadInReach(viewer, "ServiceRequest", photo.requestId, "read", { municipalityId: where.municipalityId });
  const stored = await storage().get(variant === "thumb" ? photo.thumbKey : photo.storageKey);
  if (!stored) throw new NotFoundError();
  // Stored bytes under a key never change (a new photo gets new keys): the key names the version.
  return { ...stored, etag: `"${photo.id}-${variant}"` };
}

/** The municipality of a portal address (not archived), or NotFoundError: for the public photo routes. */
export async function portalMunicipalityId(slug: string): Promise<string> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) throw new NotFoundError();
  const m = await db.municipality.findUnique({ where: { slug }, select: { id: true, archivedAt: true } });
  if (!m || m.archivedAt) throw new NotFoundError();
  return m.id;
}

type Put = (tx: StorageTx, key: string, bytes: Buffer, contentType: string) => Promise<void>;

/**
 * Writes the photos of one request inside `tx`: their bytes through `put`, a RequestPhoto row and
 * a PHOTO_ADDED timeline entry each, one audit event. The viewer must be allowed to create each
 * row (policy: create RequestPhoto) — the public for its own new report, staff on requests of
 * their municipality.
 */
export async function writeRequestPhotos(
  tx: WriteTx,
  put: Put,
  viewer: Viewer,
  request: RequestRef,
  photos: readonly ProcessedPhoto[],
): Promise<string[]> {
  const actor = actorOf(viewer);
  const ids: string[] = [];
  for (const p of photos) {
    const data = {
      municipalityId: request.municipalityId,
      requestId: request.id,
      contentType: p.contentType,
      width: p.width,
      height: p.height,
      byteSize: p.byteSize,
    };
    const s = subjectOf("RequestPhoto", data);
    if (!viewer.ability.can("create", s) || Object.keys(data).some((f) => !viewer.ability.can("create", s, f)))
      throw new ForbiddenError("You may not add photos to this request.");
    const base = `photos/${request.municipalityId}/${request.id}/${randomUUID()}`;
    await put(tx, `${base}.jpg`, p.image, p.contentType);
    await put(tx, `${base}_thumb.jpg`, p.thumb, p.contentType);
    const row = await tx.requestPhoto.create({
      data: {
        ...data,
        storageKey: `${base}.jpg`,
        thumbKey: `${base}_thumb.jpg`,
        onPublicRequest: request.isPublic,
        reporterUserId: request.reporterUserId,
        uploadedById: actor.actorId,
      },
      select: { id: true },
    });
    await appendRequestEvent(tx, request, { kind: "PHOTO_ADDED", authorId: actor.actorId, photoId: row.id });
    ids.push(row.id);
  }
  if (ids.length)
    await recordAudit(tx, {
      action: "RequestPhoto.create",
      ...actor,
      municipalityId: request.municipalityId,
      targetType: "ServiceRequest",
      targetId: request.id,
      data: { photoIds: ids },
    });
  return ids;
}

/**
 * The photos a just-created request is filed with (the public report form), in the transaction
 * that created it (lib/data/record-store.ts `create(..., { within })`): a refused photo or a
 * failed write takes the request back too.
 */
export function reportPhotosWriter(viewer: Viewer, photos: readonly ProcessedPhoto[], put: Put) {
  return async (tx: WriteTx, created: { id: string }) => {
    if (photos.length === 0) return;
    // The row was created in this very transaction; its copies for the photo rows come from it.
    const request = await tx.serviceRequest.findUniqueOrThrow({
      where: { id: created.id },
      select: { id: true, municipalityId: true, isPublic: true, reporterUserId: true },
    });
    await writeRequestPhotos(tx, put, viewer, request, photos);
  };
}

/** Whether the viewer may add photos to this request (the same rule as addRequestPhotos). */
export async function canAddRequestPhotos(viewer: Viewer, municipalityId: string, requestId: string): Promise<boolean> {
  if (!viewer.ability.can("create", subjectOf("RequestPhoto", { municipalityId, requestId }))) return false;
  return loadInReach(viewer, "ServiceRequest", requestId, "update", { municipalityId }).then(
    () => true,
    (e: unknown) => {
      if (e instanceof NotFoundError) return false;
      throw e;
    },
  );
}

/**
 * Staff add photos to a request they work on: one they may update (the public group's create
 * rule is for the report being filed, so "may create a photo" alone is not enough) and whose
 * photos they may create.
 */
export async function addRequestPhotos(
  viewer: Viewer,
  municipalityId: string,
  requestId: string,
  photos: readonly ProcessedPhoto[],
): Promise<string[]> {
  const request = await requestRef(viewer, requestId, municipalityId, "update");
  return storeAtomically(storage(), (put) =>
    db.$transaction(async (tx) => {
      await assertAccessCurrent(tx, viewer);
      return writeRequestPhotos(tx, put, viewer, request, photos);
    }),
  );
}

/**
 * Publishes or unpublishes one photo (policy: update RequestPhoto isPublished). Publishing writes a
 * PHOTO_PUBLISHED timeline entry (public once the request is); both are audited. No change, no write.
 */
export async function setPhotoPublished(
  viewer: Viewer,
  where: { municipalityId: string; requestId: string; photoId: string },
  publish: boolean,
): Promise<{ changed: boolean }> {
  const request = await requestRef(viewer, where.requestId, where.municipalityId);
  if (!idSchema.safeParse(where.photoId).success) throw new NotFoundError();
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const scope = { id: where.photoId, requestId: request.id, municipalityId: request.municipalityId };
    const row = await tx.requestPhoto.findFirst({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("RequestPhoto"), scope] },
    });
    if (!row) throw new NotFoundError();
    if (!viewer.ability.can("update", subjectOf("RequestPhoto", row), "isPublished"))
      throw new ForbiddenError("You may not publish photos of this request.");
    if (row.isPublished === publish) return { changed: false };
    const actor = actorOf(viewer);
    const done = await tx.requestPhoto.updateMany({
      where: { AND: [accessibleBy(viewer.ability, "update").ofType("RequestPhoto"), scope, { isPublished: !publish }] },
      data: publish
        ? { isPublished: true, publishedAt: new Date(), publishedById: actor.actorId }
        : { isPublished: false, publishedAt: null, publishedById: null },
    });
    if (done.count !== 1) return { changed: false };
    if (publish)
      await appendRequestEvent(tx, request, { kind: "PHOTO_PUBLISHED", authorId: actor.actorId, photoId: row.id });
    await recordAudit(tx, {
      action: publish ? "RequestPhoto.publish" : "RequestPhoto.unpublish",
      ...actor,
      municipalityId: request.municipalityId,
      targetType: "RequestPhoto",
      targetId: row.id,
      data: { requestId: request.id },
    });
    return { changed: true };
  });
}
