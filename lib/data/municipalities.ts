// The municipality directory: public tenant metadata (names, descriptions), not governed
// records, so it needs no ability. Only public columns are ever selected. The one record read
// (district suggestions) goes through the public ability.
import "server-only";
import { db } from "@/lib/db";
import type { UserPrincipal } from "@/lib/identity/principal";
import { accessibleBy } from "@/lib/policy/casl";
import { anonymousViewer } from "./anonymous-viewer";

export type MunicipalitySummary = { slug: string; name: string; region: string | null; description: string | null };

const publicColumns = { slug: true, name: true, region: true, description: true } as const;

export async function listMunicipalities(): Promise<MunicipalitySummary[]> {
  return db.municipality.findMany({ select: publicColumns, orderBy: { name: "asc" } });
}

export async function findMunicipalityBySlug(
  slug: string,
): Promise<(MunicipalitySummary & { id: string; districts: string[]; disabledCategories: string[] }) | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  // Which categories it does not use is public too: the report form and the filters leave them out.
  const m = await db.municipality.findUnique({
    where: { slug },
    select: { id: true, ...publicColumns, disabledCategories: true },
  });
  if (!m) return null;
  // Districts already used in reports the public may see: suggestions for the report form's area
  // field. Scoped by the anonymous ability like any record read, so a switched-off module or a
  // policy change applies here too.
  const anonymous = (await anonymousViewer()).ability;
  const areas = await db.serviceRequest.findMany({
    where: { AND: [accessibleBy(anonymous, "read").ofType("ServiceRequest"), { municipalityId: m.id }] },
    distinct: ["area"],
    select: { area: true },
    orderBy: { area: "asc" },
    take: 50,
  });
  return { ...m, districts: areas.map((a) => a.area) };
}

export type WorkspaceMunicipality = MunicipalitySummary & { id: string; groups: string[] };

/** Where a person works: their active memberships, or every municipality for platform groups. */
export async function workspaceMunicipalities(principal: UserPrincipal): Promise<WorkspaceMunicipality[]> {
  const everywhere = principal.platformGroups.length > 0;
  const rows = await db.municipality.findMany({
    where: everywhere ? {} : { id: { in: principal.memberships.map((m) => m.municipalityId) } },
    select: { id: true, ...publicColumns },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({
    ...r,
    groups: [
      ...principal.platformGroups,
      ...(principal.memberships.find((m) => m.municipalityId === r.id)?.groups ?? []),
    ],
  }));
}

/**
 * The departments a form offers: names and ids, organisational metadata shown to staff of that
 * municipality. Archived ones are left out (they take no new people or records), except `keep` —
 * the row's current department — marked "(archived)", so saving a row never drops its department.
 */
export async function departmentsOf(
  municipalityId: string,
  keep?: string | null,
): Promise<{ id: string; name: string }[]> {
  const rows = await db.department.findMany({
    where: { municipalityId, OR: [{ archivedAt: null }, ...(keep ? [{ id: keep }] : [])] },
    select: { id: true, name: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  return rows.map((d) => ({ id: d.id, name: d.archivedAt ? `${d.name} (archived)` : d.name }));
}
