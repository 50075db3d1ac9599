// What a person may do in one municipality's workspace, for navigation. The pages and lib/data
// enforce it again; this only decides which links to show.
import "server-only";
import { findMunicipalityBySlug } from "./municipalities";
import { statisticsScopeFor } from "./statistics";
import { mayUseClips } from "./clips";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";

export type Workspace = Awaited<ReturnType<typeof workspaceFor>>;

export async function workspaceFor(viewer: Viewer, slug: string) {
  const m = await findMunicipalityBySlug(slug);
  if (!m || viewer.principal.kind !== "user") throw new NotFoundError();
  // A staff link shows when some rule grants the subject in this municipality specifically (or
  // everywhere, for platform groups) — not merely through the public group's rules.
  const can = (action: "read" | "create", s: "ServiceRequest" | "HeritageSite" | "Document" | "Membership") =>
    viewer.ability.rulesFor(action, s as never).some((r) => {
      if (r.inverted) return false;
      const c = r.conditions as { municipalityId?: unknown } | undefined;
      return !c || c.municipalityId === m.id;
    });
  const member =
    viewer.principal.platformGroups.length > 0 || viewer.principal.memberships.some((ms) => ms.municipalityId === m.id);
  if (!member) throw new NotFoundError();
  return {
    municipality: m,
    links: {
      requests: can("read", "ServiceRequest"),
      heritage: can("read", "HeritageSite"),
      documents: can("read", "Document"),
      statistics: statisticsScopeFor(viewer, m.id) === "internal",
      people: can("read", "Membership"),
      // Clips (issue 21): the clips group (analyst) and who extends it.
      clips: mayUseClips(viewer, m.id),
    },
  };
}
