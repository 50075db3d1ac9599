import { clipFor, listClipRuns } from "@/lib/data/clips";
import { validationErrorOf } from "@/lib/errors";
import { runClip } from "@/lib/flows/clips";
import { pathId } from "@/lib/http/api";
import { clipsJson, clipsQuery, clipsRoute, runAnswer } from "@/lib/http/clips";
import { jsonBody } from "@/lib/http/write-routes";
import { clipRunPageQuery, clipSavedRunInput } from "@/lib/schemas/clips";

/** A saved clip's runs, newest first (?page, ?pageSize): without their rows. */
export const GET = clipsRoute<{ id: string }>(async (viewer, req, { id }) => {
  const clip = await clipFor(viewer, pathId(id));
  const query = clipsQuery(req, clipRunPageQuery);
  const { rows, ...paging } = await listClipRuns(viewer, clip.municipalityId, { ...query, clipId: clip.id });
  return clipsJson(rows, 200, paging);
});

/** Runs the clip: { "saved": true } its saved SQL (its latest result afterwards), or { "sql": … } an edited one. */
export const POST = clipsRoute<{ id: string }>(async (viewer, req, { id }) => {
  const clip = await clipFor(viewer, pathId(id));
  const parsed = clipSavedRunInput.safeParse(await jsonBody(req));
  if (!parsed.success)
    throw validationErrorOf(parsed.error, { message: "Please correct the marked fields", known: ["sql", "saved"] });
  const sql = parsed.data.sql ?? clip.sql;
  return runAnswer(viewer, await runClip(viewer, clip.municipalityId, { sql, clipId: clip.id }));
});
