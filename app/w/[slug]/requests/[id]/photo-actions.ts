"use server";

import { z } from "zod";
import { defineAction, idField } from "@/lib/actions/action-client";
import { addRequestPhotos, setPhotoPublished } from "@/lib/data/request-photos";
import { processPhotos } from "@/lib/photos";
import { photoUploads, uploadedBytes } from "@/lib/photos/upload";
import type { ActionResult } from "@/lib/action-result";

const requestPath = ({ ws, scope }: { ws: { municipality: { slug: string } }; scope: { id: string } }) =>
  `/w/${ws.municipality.slug}/requests/${scope.id}`;

const add = defineAction(
  {
    who: "workspace",
    form: true,
    scope: z.object({ id: idField() }),
    input: z.object({ photos: photoUploads }),
    revalidate: requestPath,
  },
  async ({ viewer, ws, scope, input }) => {
    if (input.photos.length === 0)
      return { ok: false, fieldErrors: { photos: ["Choose a photo first."] }, formError: "Choose a photo first." };
    const photos = await processPhotos(await uploadedBytes(input.photos));
    const ids = await addRequestPhotos(viewer, ws.municipality.id, scope.id, photos);
    return { ok: true, message: ids.length === 1 ? "Photo added." : `${ids.length} photos added.` };
  },
);

export async function addRequestPhotosAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return add(form);
}

const publish = defineAction(
  {
    who: "workspace",
    form: true,
    scope: z.object({ id: idField(), photoId: idField(), publish: z.enum(["yes", "no"]) }),
    revalidate: requestPath,
  },
  async ({ viewer, ws, scope }) => {
    const on = scope.publish === "yes";
    const { changed } = await setPhotoPublished(
      viewer,
      { municipalityId: ws.municipality.id, requestId: scope.id, photoId: scope.photoId },
      on,
    );
    const message = on ? "The photo is now public." : "The photo is no longer public.";
    return {
      ok: true,
      message: changed ? message : on ? "The photo was already public." : "The photo was not public.",
    };
  },
);

export async function setRequestPhotoPublishedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return publish(form);
}
