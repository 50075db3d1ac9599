// Reads a person's access fresh from the database: the user (must be active) and only their
// ACTIVE memberships. Called on every request, so deactivation, suspension and group changes
// take effect on the very next one (seed 003: removal is immediate).
import "server-only";
import { db } from "@/lib/db";
import { ANONYMOUS, type Principal, type UserPrincipal } from "./principal";

export async function loadUserPrincipal(userId: string, via: UserPrincipal["via"] = "session", token?: { id: string; municipalityId: string | null; groups: string[] }): Promise<Principal> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true, email: true, name: true, isActive: true, platformGroups: true, accessVersion: true,
      memberships: {
        where: { status: "ACTIVE" },
        select: { id: true, municipalityId: true, departmentId: true, allowedCategories: true, groups: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user || !user.isActive) return ANONYMOUS;
  let memberships = user.memberships.map((m) => ({ membershipId: m.id, municipalityId: m.municipalityId, departmentId: m.departmentId, allowedCategories: m.allowedCategories, groups: m.groups }));
  let platformGroups = user.platformGroups;
  if (token) {
    // A token acts with at most its own groups, and never more than its holder has right now.
    memberships = memberships
      .filter((m) => token.municipalityId === null || m.municipalityId === token.municipalityId)
      .map((m) => ({ ...m, groups: m.groups.filter((g) => token.groups.includes(g)) }))
      .filter((m) => m.groups.length > 0);
    platformGroups = platformGroups.filter((g) => token.groups.includes(g));
  }
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    platformGroups,
    memberships,
    accessVersion: user.accessVersion,
    via,
    ...(token ? { tokenId: token.id } : {}),
  };
}
