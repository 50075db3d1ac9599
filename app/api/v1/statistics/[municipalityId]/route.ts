import { getStatistics } from "@/lib/data/statistics";
import { apiViewer, errorResponse, pathId } from "@/lib/http/api";

export async function GET(req: Request, ctx: { params: Promise<{ municipalityId: string }> }) {
  const viewer = await apiViewer(req, { staff: true });
  if (viewer instanceof Response) return viewer;
  try {
    return Response.json({ data: await getStatistics(viewer, pathId((await ctx.params).municipalityId), "internal") });
  } catch (err) {
    return errorResponse(err);
  }
}
