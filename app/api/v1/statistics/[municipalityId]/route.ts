import { getStatistics } from "@/lib/data/statistics";
import { apiViewer, errorResponse, pathId, queryOf } from "@/lib/http/api";

export async function GET(req: Request, ctx: { params: Promise<{ municipalityId: string }> }) {
  const viewer = await apiViewer(req, { staff: true });
  if (viewer instanceof Response) return viewer;
  try {
    // ?from=YYYY-MM-DD&to=YYYY-MM-DD: requests created on those days (UTC, both included).
    const { from, to } = queryOf(req);
    const id = pathId((await ctx.params).municipalityId);
    return Response.json({ data: await getStatistics(viewer, id, "internal", { from, to }) });
  } catch (err) {
    return errorResponse(err);
  }
}
