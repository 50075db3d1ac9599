// GET /api/v1/statistics/{municipalityId} and /api/public/v1/statistics/{municipalityId}: the same
// answer for both APIs — the figures of the scope, over ?from=YYYY-MM-DD&to=YYYY-MM-DD (requests
// created on those days, UTC, both included) — or the problem document.
import "server-only";
import { getStatistics, type StatisticsScope } from "@/lib/data/statistics";
import type { Viewer } from "@/lib/identity/viewer";
import { errorResponse, pathId, queryOf } from "./api";

export async function statisticsAnswer(req: Request, viewer: Viewer, rawId: string, scope: StatisticsScope) {
  try {
    const { from, to } = queryOf(req);
    return Response.json({ data: await getStatistics(viewer, pathId(rawId), { scope, from, to }) });
  } catch (err) {
    return errorResponse(err);
  }
}
