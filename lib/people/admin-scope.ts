// The admin console is per municipality; a municipality whose people the viewer may not see
// answers "not found", like any record outside reach.
import "server-only";
import { subject } from "@casl/ability";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/data/viewer";

export async function adminMunicipality(viewer: Viewer, slug: string) {
  const m = await findMunicipalityBySlug(slug);
  if (!m || !viewer.ability.can("read", subject("Membership", { municipalityId: m.id }) as never)) throw new NotFoundError();
  return m;
}

/** For admin pages: the signed-in viewer and the municipality, or Next's 404 page. */
export async function requireAdminPage(slug: string) {
  const { requireUser } = await import("@/lib/auth/session");
  const { notFound } = await import("next/navigation");
  const { viewer } = await requireUser();
  try {
    return { viewer, muni: await adminMunicipality(viewer, slug) };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}
