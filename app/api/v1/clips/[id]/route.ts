import { clipFor } from "@/lib/data/clips";
import { saveClip } from "@/lib/flows/clips";
import { pathId } from "@/lib/http/api";
import { clipsJson, clipsRoute } from "@/lib/http/clips";
import { jsonBody } from "@/lib/http/write-routes";

/** One saved clip: name, description, SQL, author, its latest successful run. */
export const GET = clipsRoute<{ id: string }>(async (viewer, _req, { id }) =>
  clipsJson(await clipFor(viewer, pathId(id))),
);

/** Changes a saved clip: any of { name, description, sql }; the others stay. */
export const PATCH = clipsRoute<{ id: string }>(async (viewer, req, { id }) => {
  // The clip first: an unknown id, or one out of reach, is a 404 whatever the body says.
  const clip = await clipFor(viewer, pathId(id));
  const body = await jsonBody(req);
  const current = { name: clip.name, description: clip.description, sql: clip.sql };
  await saveClip(viewer, clip.municipalityId, { ...current, ...body }, clip.id);
  return clipsJson(await clipFor(viewer, clip.id));
});
