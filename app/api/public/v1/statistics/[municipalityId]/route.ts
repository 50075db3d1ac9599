import { getStatistics } from "@/lib/data/statistics";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { errorResponse, pathId, queryOf } from "@/lib/http/api";

export async function GET(req: Request, ctx: { params: Promise<{ municipalityId: string }> }) {
  const viewer = await anonymousViewer();
  try {
    // ?from=YYYY-MM-DD&to=YYYY-MM-DD: requests created on those days (UTC, both included).
    const { from, to } = queryOf(req);
    const id = pathId((await ctx.params).municipalityId);
    return Response.json({ data: await getStatistics(viewer, id, "public", { from, to }) });
  } catch (err) {
    return errorResponse(err);
  }
}
