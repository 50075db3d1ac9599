import { clipFor, listClips } from "@/lib/data/clips";
import { saveClip } from "@/lib/flows/clips";
import { clipsJson, clipsMunicipality, clipsQuery, clipsRoute } from "@/lib/http/clips";
import { jsonBody } from "@/lib/http/write-routes";
import { clipListQuery } from "@/lib/schemas/clips";

/** The municipality's saved clips: ?q, sort (name|updatedAt|createdAt), dir, page, pageSize. */
export const GET = clipsRoute(async (viewer, req) => {
  const municipalityId = clipsMunicipality(viewer, req);
  const { rows, ...paging } = await listClips(
    viewer,
    municipalityId,
    clipsQuery(req, clipListQuery, ["municipalityId"]),
  );
  return clipsJson(rows, 200, paging);
});

/** Saves a new clip { name, description?, sql }, shared within the municipality. */
export const POST = clipsRoute(async (viewer, req) => {
  const municipalityId = clipsMunicipality(viewer, req);
  const { id } = await saveClip(viewer, municipalityId, await jsonBody(req));
  return clipsJson(await clipFor(viewer, id), 201);
});
