import { clipRunFor } from "@/lib/data/clips";
import { pathId } from "@/lib/http/api";
import { clipsJson, clipsQuery, clipsRoute } from "@/lib/http/clips";
import { clipRunPageQuery } from "@/lib/schemas/clips";

/** One run: its SQL, status, error, columns, one page of rows (?page, ?pageSize), row count, cut, duration. */
export const GET = clipsRoute<{ runId: string }>(async (viewer, req, { runId }) =>
  clipsJson(await clipRunFor(viewer, pathId(runId), clipsQuery(req, clipRunPageQuery))),
);
