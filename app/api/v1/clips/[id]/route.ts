import { clipFor } from "@/lib/data/clips";
import { validationErrorOf } from "@/lib/errors";
import { saveClip } from "@/lib/flows/clips";
import { pathId } from "@/lib/http/api";
import { clipsJson, clipsRoute } from "@/lib/http/clips";
import { jsonBody } from "@/lib/http/write-routes";
import { clipPatchInput } from "@/lib/schemas/clips";

/** One saved clip: name, description, SQL, author, its latest successful run. */
export const GET = clipsRoute<{ id: string }>(async (viewer, _req, { id }) =>
  clipsJson(await clipFor(viewer, pathId(id))),
);

/** Changes a saved clip: any of { name, description, sql }, at least one; the others stay. */
export const PATCH = clipsRoute<{ id: string }>(async (viewer, req, { id }) => {
  // The clip first: an unknown id, or one out of reach, is a 404 whatever the body says.
  const clip = await clipFor(viewer, pathId(id));
  const parsed = clipPatchInput.safeParse(await jsonBody(req));
  if (!parsed.success)
    throw validationErrorOf(parsed.error, {
      message: "Please correct the marked fields",
      known: ["name", "description", "sql"],
    });
  const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  await saveClip(
    viewer,
    clip.municipalityId,
    { name: clip.name, description: clip.description, sql: clip.sql, ...changes },
    clip.id,
  );
  return clipsJson(await clipFor(viewer, clip.id));
});
