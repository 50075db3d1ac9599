import { listClipRuns } from "@/lib/data/clips";
import { runClip } from "@/lib/flows/clips";
import { clipsJson, clipsMunicipality, clipsQuery, clipsRoute, runAnswer } from "@/lib/http/clips";
import { jsonBody } from "@/lib/http/write-routes";
import { clipRunPageQuery } from "@/lib/schemas/clips";

/** The municipality's runs, newest first (?page, ?pageSize): without their rows. */
export const GET = clipsRoute(async (viewer, req) => {
  const municipalityId = clipsMunicipality(viewer, req);
  const { rows, ...paging } = await listClipRuns(
    viewer,
    municipalityId,
    clipsQuery(req, clipRunPageQuery, ["municipalityId"]),
  );
  return clipsJson(rows, 200, paging);
});

/** Runs SQL { sql } in the municipality's clips schema (read-only, timed, capped); every run is audited. */
export const POST = clipsRoute(async (viewer, req) => {
  const municipalityId = clipsMunicipality(viewer, req);
  return runAnswer(viewer, await runClip(viewer, municipalityId, await jsonBody(req)));
});
