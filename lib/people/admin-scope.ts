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
