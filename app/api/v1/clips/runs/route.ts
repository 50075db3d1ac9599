import { listClipRuns } from "@/lib/data/clips";
import { runClip } from "@/lib/flows/clips";
import { clipsMunicipality, clipsPage, clipsQuery, clipsRoute, runAnswer } from "@/lib/http/clips";
import { jsonBody } from "@/lib/http/write-routes";
import { clipRunPageQuery } from "@/lib/schemas/clips";

/** The municipality's runs, newest first (?page, ?pageSize): without their rows. */
export const GET = clipsRoute(async (viewer, req) =>
  clipsPage(
    await listClipRuns(viewer, clipsMunicipality(viewer, req), clipsQuery(req, clipRunPageQuery, ["municipalityId"])),
  ),
);

/** Runs SQL { sql } in the municipality's clips schema (read-only, timed, capped); every run is audited. */
export const POST = clipsRoute(async (viewer, req) =>
  runAnswer(viewer, await runClip(viewer, clipsMunicipality(viewer, req), await jsonBody(req))),
);
