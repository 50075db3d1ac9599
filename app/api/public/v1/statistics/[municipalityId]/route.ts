import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { statisticsAnswer } from "@/lib/http/statistics";

export async function GET(req: Request, ctx: { params: Promise<{ municipalityId: string }> }) {
  return statisticsAnswer(req, await anonymousViewer(), (await ctx.params).municipalityId, "public");
}
