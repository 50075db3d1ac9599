import { clipFor, listClipRuns } from "@/lib/data/clips";
import { runSavedClip } from "@/lib/flows/clips";
import { pathId } from "@/lib/http/api";
import { clipsJson, clipsQuery, clipsRoute, runAnswer } from "@/lib/http/clips";
import { clipRunPageQuery } from "@/lib/schemas/clips";

/** A saved clip's runs, newest first (?page, ?pageSize): without their rows. */
export const GET = clipsRoute<{ id: string }>(async (viewer, req, { id }) => {
  const clip = await clipFor(viewer, pathId(id));
  const query = clipsQuery(req, clipRunPageQuery);
  const { rows, ...paging } = await listClipRuns(viewer, clip.municipalityId, { ...query, clipId: clip.id });
  return clipsJson(rows, 200, paging);
});

/** Runs a saved clip's SQL; the run becomes its latest result. */
export const POST = clipsRoute<{ id: string }>(async (viewer, req, { id }) =>
  runAnswer(viewer, await runSavedClip(viewer, pathId(id))),
);
