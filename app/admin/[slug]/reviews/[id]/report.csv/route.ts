import { adminMunicipality } from "@/lib/people/admin-scope";
import { csvDownload } from "@/lib/http/csv-download";
import { mayRunReviews, reviewOfMunicipality } from "@/lib/pages/access-reviews";
import { reviewReport } from "@/lib/governance/review-report";
import { NotFoundError } from "@/lib/errors";

/** Every decision of one campaign as CSV (the report that is signed); outside reach "not found". */
export async function GET(req: Request, ctx: { params: Promise<{ slug: string; id: string }> }) {
  return csvDownload(req, async (viewer) => {
    const { slug, id } = await ctx.params;
    const muni = await adminMunicipality(viewer, slug);
    if (!mayRunReviews(viewer, muni.id)) throw new NotFoundError();
    const review = await reviewOfMunicipality(viewer, muni.id, id);
    const { csv } = await reviewReport(viewer, review.id);
    return { csv, filename: `access-review-${muni.slug}-${review.createdAt.toISOString().slice(0, 10)}.csv` };
  });
}
