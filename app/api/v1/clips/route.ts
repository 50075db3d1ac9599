import { clipFor, listClips } from "@/lib/data/clips";
import { saveClip } from "@/lib/flows/clips";
import { clipsJson, clipsMunicipality, clipsPage, clipsQuery, clipsRoute } from "@/lib/http/clips";
import { jsonBody } from "@/lib/http/write-routes";
import { clipListQuery } from "@/lib/schemas/clips";

/** The municipality's saved clips: ?q, sort (name|updatedAt|createdAt), dir, page, pageSize. */
export const GET = clipsRoute(async (viewer, req) =>
  clipsPage(
    await listClips(viewer, clipsMunicipality(viewer, req), clipsQuery(req, clipListQuery, ["municipalityId"])),
  ),
);

/** Saves a new clip { name, description?, sql }, shared within the municipality. */
export const POST = clipsRoute(async (viewer, req) => {
  const { id } = await saveClip(viewer, clipsMunicipality(viewer, req), await jsonBody(req));
  return clipsJson(await clipFor(viewer, id), 201);
});
