import { getStatistics } from "@/lib/data/statistics";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { errorResponse, pathId } from "@/lib/http/api";

export async function GET(_req: Request, ctx: { params: Promise<{ municipalityId: string }> }) {
  const viewer = await anonymousViewer();
  try {
    return Response.json({ data: await getStatistics(viewer, pathId((await ctx.params).municipalityId), "public") });
  } catch (err) {
    return errorResponse(err);
  }
}
