import { apiViewer } from "@/lib/http/api";
import { statisticsAnswer } from "@/lib/http/statistics";

export async function GET(req: Request, ctx: { params: Promise<{ municipalityId: string }> }) {
  const viewer = await apiViewer(req, { staff: true });
  if (viewer instanceof Response) return viewer;
  return statisticsAnswer(req, viewer, (await ctx.params).municipalityId, "internal");
}
