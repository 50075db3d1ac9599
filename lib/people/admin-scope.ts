// The admin console is per municipality; a municipality whose people the viewer may not see
// answers "not found", like any record outside reach.
import "server-only";
import { subject } from "@casl/ability";
import { findMunicipalityBySlug, workspaceMunicipalities } from "@/lib/data/municipalities";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";

export async function adminMunicipality(viewer: Viewer, slug: string) {
  const m = await findMunicipalityBySlug(slug);
  if (!m || !viewer.ability.can("read", subject("Membership", { municipalityId: m.id }) as never))
    throw new NotFoundError();
  return m;
}

/** For admin pages: the signed-in viewer and the municipality, or Next's 404 page. */
export async function requireAdminPage(slug: string) {
  // Imported when called: lib/people/explain.ts and its Vitest tests load this module outside Next.
  const { requireUser } = await import("@/lib/auth/current-session");
  const { orNotFound } = await import("@/lib/pages/scope");
  const { viewer } = await requireUser();
  return { viewer, muni: await orNotFound(adminMunicipality(viewer, slug)) };
}

/**
 * The municipalities whose administration the viewer may open (the same check as
 * `adminMunicipality`), for the header's "Administration" link and the /admin chooser.
 */
export async function adminMunicipalities(viewer: Viewer): Promise<{ slug: string; name: string }[]> {
  if (viewer.principal.kind !== "user") return [];
  const candidates = await workspaceMunicipalities(viewer.principal);
  return candidates
    .filter((m) => viewer.ability.can("read", subject("Membership", { municipalityId: m.id }) as never))
    .map((m) => ({ slug: m.slug, name: m.name }));
}

/** Where the header's "Administration" link goes: the one municipality's people, the chooser, or nowhere. */
export function administrationHref(munis: readonly { slug: string }[]): string | null {
  if (munis.length === 0) return null;
  return munis.length === 1 ? `/admin/${munis[0]!.slug}/people` : "/admin";
}
