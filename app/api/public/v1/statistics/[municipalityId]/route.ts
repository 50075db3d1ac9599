import { getStatistics } from "@/lib/data/statistics";
import { errorResponse, pathId, publicViewer } from "@/lib/http/api";

export async function GET(_req: Request, ctx: { params: Promise<{ municipalityId: string }> }) {
  const viewer = await publicViewer();
  try {
    return Response.json({ data: await getStatistics(viewer, pathId((await ctx.params).municipalityId), "public") });
  } catch (err) {
    return errorResponse(err);
  }
}
