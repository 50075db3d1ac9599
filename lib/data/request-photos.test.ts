// Photos of a request on the real PostgreSQL: a report filed with photos stores them in its own
// transaction, a refused photo or a refused report stores nothing at all; staff see every photo,
// the public only published photos of public requests (the bytes too), publishing is policy,
// audited and on the timeline, and another municipality's staff get "not found".
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality, type FreshMunicipality } from "@/test/fixtures/municipalities";
import { freshViewer, type Viewer } from "@/test/fixtures/viewers";
import { EXIF_MARK, phoneJpeg, pngBomb } from "@/test/fixtures/images";
import { uniq } from "@/test/fixtures/unique";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { submitPublicReport } from "@/lib/flows/public-submission";
import { anonymousViewer } from "./anonymous-viewer";
import { addRequestPhotos, listRequestPhotos, photoBytes, setPhotoPublished } from "./request-photos";
import { processPhotos } from "@/lib/photos";
import { storage } from "@/lib/storage";

const raw = testPrisma();
// Two towns; in the first a manager and a viewer, in the second a manager; and the public.
let town: FreshMunicipality, other: FreshMunicipality;
let manager: Viewer, viewerRole: Viewer, strangerManager: Viewer, anon: Viewer;

beforeAll(async () => {
  town = await freshMunicipality();
  other = await freshMunicipality();
  manager = await freshViewer(town.id, ["manager"]);
  viewerRole = await freshViewer(town.id, ["viewer"]);
  strangerManager = await freshViewer(other.id, ["manager"]);
  anon = await anonymousViewer();
});

function report(title = `Broken bench ${uniq()}`) {
  return {
    municipalityId: town.id,
    category: "OTHER",
    title,
    description: "The bench by the pond has a broken slat.",
    area: "Centre",
  };
}

/** Stored objects of the town, in whichever backend STORAGE chose. */
async function objectsOfTown(): Promise<number> {
  if (storage().backend === "pg")
    return raw.storedObject.count({ where: { key: { startsWith: `photos/${town.id}/` } } });
  const dir = path.join(process.env.STORAGE_DIR!, "photos", town.id);
  const files = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return files.filter((f) => f.isFile() && !f.name.endsWith(".type")).length;
}

const counts = async () => ({
  requests: await raw.serviceRequest.count({ where: { municipalityId: town.id } }),
  photos: await raw.requestPhoto.count({ where: { municipalityId: town.id } }),
  objects: await objectsOfTown(),
});

async function fileReport(files: Uint8Array[], input = report()) {
  await submitPublicReport(anon, input, `203.0.113.${Math.floor(Math.random() * 250)}-${uniq()}`, files);
  return raw.serviceRequest.findFirstOrThrow({ where: { municipalityId: town.id, title: input.title } });
}

// Every case on the default PostgreSQL backend and on the file backend (STORAGE=fs).
describe.each(["pg", "fs"] as const)("with STORAGE=%s", (backend) => {
  const was = { STORAGE: process.env.STORAGE, STORAGE_DIR: process.env.STORAGE_DIR };
  beforeAll(async () => {
    process.env.STORAGE = backend;
    if (backend === "fs") process.env.STORAGE_DIR = await mkdtemp(path.join(tmpdir(), "gatehouse-photos-"));
  });
  afterAll(async () => {
    if (backend === "fs") await rm(process.env.STORAGE_DIR!, { recursive: true, force: true });
    for (const [k, v] of Object.entries(was))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
  it("stores through the chosen backend", () => expect(storage().backend).toBe(backend));

  describe("a report filed with photos", () => {
    it("stores each photo re-encoded, without its EXIF, with a thumbnail and a PHOTO_ADDED entry", async () => {
      const request = await fileReport([await phoneJpeg(), await phoneJpeg(30, 20)]);
      const photos = await raw.requestPhoto.findMany({ where: { requestId: request.id } });
      expect(photos).toHaveLength(2);
      for (const p of photos) {
        expect(p).toMatchObject({ isPublished: false, onPublicRequest: request.isPublic, contentType: "image/jpeg" });
        for (const key of [p.storageKey, p.thumbKey]) {
          const o = await storage().get(key);
          expect(o?.contentType).toBe("image/jpeg");
          expect(o!.bytes.includes(EXIF_MARK)).toBe(false);
          expect((await sharp(o!.bytes).metadata()).exif).toBeUndefined();
        }
      }
      const events = await raw.requestEvent.findMany({ where: { requestId: request.id, kind: "PHOTO_ADDED" } });
      expect(events.map((e) => e.photoId).sort()).toEqual(photos.map((p) => p.id).sort());
    });

    it("stores nothing when one photo is refused: no request, no photo row, no bytes", async () => {
      const before = await counts();
      const input = report();
      const err = await submitPublicReport(anon, input, `198.51.100.1-${uniq()}`, [
        await phoneJpeg(),
        Buffer.from("just text"),
      ]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fieldErrors.photos?.[0]).toMatch(/Photo 2 is not a photo/);
      await expect(submitPublicReport(anon, report(), `198.51.100.2-${uniq()}`, [await pngBomb()])).rejects.toThrow(
        /more than we accept/,
      );
      expect(await counts()).toEqual(before);
    });

    it("stores no photo when the report itself is refused", async () => {
      const before = await counts();
      await expect(fileReport([await phoneJpeg()], { ...report(), description: "short" })).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await counts()).toEqual(before);
    });
  });

  describe("who sees, adds and publishes photos", () => {
    let requestId: string;
    let photoId: string;
    beforeAll(async () => {
      const r = await fileReport([await phoneJpeg()]);
      requestId = r.id;
      photoId = (await raw.requestPhoto.findFirstOrThrow({ where: { requestId } })).id;
      await raw.serviceRequest.update({ where: { id: requestId }, data: { isPublic: true } });
      await raw.requestPhoto.updateMany({ where: { requestId }, data: { onPublicRequest: true } });
      await raw.requestEvent.updateMany({ where: { requestId }, data: { onPublicRequest: true } });
    });
    const where = () => ({ municipalityId: town.id, requestId, photoId });

    it("staff see an unpublished photo and its bytes; the public and other towns get not found", async () => {
      expect(
        (await listRequestPhotos(manager, town.id, requestId)).map((p) => [p.id, p.isPublished, p.canPublish]),
      ).toEqual([[photoId, false, true]]);
      expect((await listRequestPhotos(viewerRole, town.id, requestId))[0]).toMatchObject({
        id: photoId,
        canPublish: false,
      });
      expect((await photoBytes(manager, where(), "full")).contentType).toBe("image/jpeg");
      expect(await listRequestPhotos(anon, town.id, requestId)).toEqual([]);
      await expect(photoBytes(anon, { municipalityId: town.id, photoId }, "full")).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(photoBytes(anon, { municipalityId: town.id, photoId }, "thumb")).rejects.toBeInstanceOf(
        NotFoundError,
      );
      // Another town's manager sees a public request as anybody does: no unpublished photo.
      expect(await listRequestPhotos(strangerManager, town.id, requestId)).toEqual([]);
      await expect(photoBytes(strangerManager, { municipalityId: other.id, photoId }, "full")).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(photoBytes(manager, { ...where(), requestId: "nope" }, "full")).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it("a viewer may not publish; a manager publishes once (timeline + audit), then the public sees it", async () => {
      await expect(setPhotoPublished(viewerRole, where(), true)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        setPhotoPublished(strangerManager, { ...where(), municipalityId: other.id }, true),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(await setPhotoPublished(manager, where(), true)).toEqual({ changed: true });
      expect(await setPhotoPublished(manager, where(), true)).toEqual({ changed: false });
      expect(await raw.requestEvent.count({ where: { requestId, kind: "PHOTO_PUBLISHED", photoId } })).toBe(1);
      expect(await raw.auditEvent.count({ where: { action: "RequestPhoto.publish", targetId: photoId } })).toBe(1);

      const pub = await listRequestPhotos(anon, town.id, requestId);
      expect(pub.map((p) => p.id)).toEqual([photoId]);
      expect(pub[0]?.isPublished).toBeUndefined(); // not a field the public group reads
      const bytes = await photoBytes(anon, { municipalityId: town.id, photoId }, "thumb");
      expect((await sharp(bytes.bytes).metadata()).format).toBe("jpeg");
    });

    it("the public loses it when it is unpublished or the request stops being public", async () => {
      expect(await setPhotoPublished(manager, where(), false)).toEqual({ changed: true });
      expect(await raw.auditEvent.count({ where: { action: "RequestPhoto.unpublish", targetId: photoId } })).toBe(1);
      await expect(photoBytes(anon, { municipalityId: town.id, photoId }, "full")).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await setPhotoPublished(manager, where(), true);
      await raw.serviceRequest.update({ where: { id: requestId }, data: { isPublic: false } });
      // The request row is checked too, even if a copy were ever out of step.
      await expect(photoBytes(anon, { municipalityId: town.id, photoId }, "full")).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await raw.serviceRequest.update({ where: { id: requestId }, data: { isPublic: true } });
    });

    it("staff who work the request add photos; a viewer, the public and other towns may not", async () => {
      const processed = await processPhotos([await phoneJpeg()]);
      const ids = await addRequestPhotos(manager, town.id, requestId, processed);
      expect(ids).toHaveLength(1);
      expect(await raw.requestPhoto.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({
        uploadedById: manager.principal.kind === "user" ? manager.principal.userId : "",
        isPublished: false,
      });
      const before = await counts();
      await expect(addRequestPhotos(viewerRole, town.id, requestId, processed)).rejects.toBeInstanceOf(NotFoundError);
      await expect(addRequestPhotos(anon, town.id, requestId, processed)).rejects.toBeInstanceOf(NotFoundError);
      await expect(addRequestPhotos(strangerManager, town.id, requestId, processed)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await counts()).toEqual(before);
    });
  });
});
