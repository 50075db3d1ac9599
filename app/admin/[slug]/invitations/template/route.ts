// The CSV template for bulk invitations: the column names, then comment lines (ignored on upload)
// naming the groups this admin may grant and the municipality's departments.
import { getViewer } from "@/lib/auth/current-session";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { bulkTemplate } from "@/lib/flows/bulk-invite";
import { grantableGroups } from "@/lib/flows/invite";
import { departmentsOf } from "@/lib/data/municipalities";
import { groupChoices } from "@/lib/policy/summary";
import { csvFileResponse } from "@/lib/export/csv-response";
import { isAppError } from "@/lib/errors";

export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const viewer = await getViewer();
  if (viewer.principal.kind !== "user") return new Response("Sign in to download the template.", { status: 401 });
  // Outside the caller's reach: the typed error's status (404), as for the page itself.
  const muni = await adminMunicipality(viewer, (await ctx.params).slug).catch((e: unknown) => {
    if (isAppError(e)) return e;
    throw e;
  });
  if (isAppError(muni)) return new Response(muni.message, { status: muni.status });
  const text = bulkTemplate(
    // A deprecated group is given to nobody new: the template does not offer it.
    groupChoices(grantableGroups(viewer, muni.id)).filter((g) => !g.deprecated),
    await departmentsOf(muni.id),
  );
  return csvFileResponse(text, `invitations-${muni.slug}.csv`);
}
