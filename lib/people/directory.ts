// What the Directory page shows about a municipality's SCIM sync: the directory groups with the
// Gatehouse groups each one maps to (the claim mapping for claim `groups`, policies/sso.yaml
// merged with the console's mappings — lib/auth/claim-mapping.ts) and the people the directory
// provisioned, read through the viewer's Membership permission like every people list.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import { groupLabel } from "@/lib/policy/summary";
import { groupsFromMappings, municipalityMapping } from "@/lib/auth/claim-mapping";
import type { Viewer } from "@/lib/identity/viewer";

export type DirectoryGroupRow = { id: string; displayName: string; members: number; maps: string[] };
export type ProvisionedPerson = {
  membershipId: string;
  name: string | null;
  email: string;
  active: boolean;
  groups: string[];
};

export async function directoryOverview(
  viewer: Viewer,
  muni: { id: string; slug: string },
): Promise<{ groups: DirectoryGroupRow[]; people: ProvisionedPerson[] }> {
  const [rules, groups, people] = await Promise.all([
    municipalityMapping(muni.slug),
    db.directoryGroup.findMany({
      where: { municipalityId: muni.id },
      select: { id: true, displayName: true, _count: { select: { members: true } } },
      orderBy: { displayName: "asc" },
      take: 500,
    }),
    db.membership.findMany({
      where: {
        AND: [
          accessibleBy(viewer.ability, "read").ofType("Membership"),
          { municipalityId: muni.id, scimLinkedAt: { not: null } },
        ],
      },
      select: { id: true, status: true, groups: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { email: "asc" } },
      take: 500,
    }),
  ]);
  return {
    groups: groups.map((g) => ({
      id: g.id,
      displayName: g.displayName,
      members: g._count.members,
      maps: rules
        ? groupsFromMappings(rules.mappings, { groups: [g.displayName] }).groups.map((g) => groupLabel(g))
        : [],
    })),
    people: people.map((p) => ({
      membershipId: p.id,
      name: p.user.name,
      email: p.user.email,
      active: p.status === "ACTIVE",
      groups: p.groups.map((g) => groupLabel(g)),
    })),
  };
}
