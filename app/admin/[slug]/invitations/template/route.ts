// The CSV template for bulk invitations: the column names, then comment lines (ignored on upload)
// naming the groups this admin may grant and the municipality's departments.
import { getViewer } from "@/lib/auth/current-session";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { bulkTemplate } from "@/lib/flows/bulk-invite";
import { grantableGroups } from "@/lib/flows/invite";
import { departmentsOf } from "@/lib/data/municipalities";
import { groupChoices } from "@/lib/policy/summary";
import { isAppError } from "@/lib/errors";

export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const viewer = await getViewer();
  if (viewer.principal.kind !== "user") return new Response("Sign in to download the template.", { status: 401 });
  try {
    const muni = await adminMunicipality(viewer, (await ctx.params).slug);
    const groups = groupChoices(grantableGroups(viewer, muni.id));
    const text = bulkTemplate(groups, await departmentsOf(muni.id));
    return new Response(text, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="invitations-${muni.slug}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isAppError(e)) return new Response(e.message, { status: e.status });
    throw e;
  }
}
