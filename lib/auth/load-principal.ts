// Reads a person's access fresh from the database: the user (must be active) and only their
// ACTIVE memberships in municipalities that are not archived. Called on every request, so deactivation, suspension and group changes
// take effect on the very next one (docs/requirements.md#service-access: removal is immediate).
//
// One round trip: the user, their active memberships (aggregated) and the municipalities' module
// switches come back in a single statement; the switches are remembered with this very principal
// object (rememberModuleSwitches in ./viewer), so building its ability costs no second query.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceCategory } from "@/lib/generated/prisma/enums";
import { ANONYMOUS, type MembershipGrant, type Principal } from "@/lib/identity/principal";
import { rememberModuleSwitches } from "./viewer";

/** Municipality id → modules switched off there, as the database returns it. */
export type ModuleSwitchRow = Record<string, string[]>;

/** What a principal is made of: the columns ACCESS_COLUMNS selects (user alias `u`). */
export type AccessRow = {
  userId: string;
  email: string;
  name: string | null;
  isActive: boolean;
  isCitizen: boolean;
  platformGroups: string[];
  accessVersion: number;
  memberships: {
    membershipId: string;
    municipalityId: string;
    departmentId: string | null;
    allowedCategories: string[];
    groups: string[];
  }[];
  modules: ModuleSwitchRow;
};

export type TokenScope = { id: string; municipalityId: string | null; groups: string[] };

/** The user `u`'s access and the module switches, for a SELECT that joins "User" u. */
export const ACCESS_COLUMNS = Prisma.sql`
  u.id as "userId", u.email, u.name, u."isActive", u."isCitizen", u."platformGroups", u."accessVersion",
  coalesce((
    select json_agg(json_build_object(
      'membershipId', m.id, 'municipalityId', m."municipalityId", 'departmentId', m."departmentId",
      'allowedCategories', m."allowedCategories", 'groups', m.groups) order by m."createdAt", m.id)
    from "Membership" m where m."userId" = u.id and m.status = 'ACTIVE'
      -- An archived municipality's memberships carry no access (lib/data/platform-municipalities.ts).
      and exists (select 1 from "Municipality" a where a.id = m."municipalityId" and a."archivedAt" is null)
  ), '[]'::json) as memberships,
  coalesce((
    select json_object_agg(x.id, x."disabledModules") from "Municipality" x where cardinality(x."disabledModules") > 0
  ), '{}'::json) as modules`;

export async function loadUserPrincipal(
  userId: string,
  via: "session" | "token" = "session",
  token?: TokenScope,
): Promise<Principal> {
  const rows = await db.$queryRaw<AccessRow[]>`select ${ACCESS_COLUMNS} from "User" u where u.id = ${userId}`;
  return principalFromAccess(rows[0], via, token);
}

/** An access row → principal: anonymous for a missing or inactive user; a token narrows it. */
export function principalFromAccess(
  row: AccessRow | undefined,
  via: "session" | "token",
  token?: TokenScope,
): Principal {
  if (!row || !row.isActive) return ANONYMOUS;
  let memberships: MembershipGrant[] = row.memberships.map((m) => ({
    membershipId: m.membershipId,
    municipalityId: m.municipalityId,
    departmentId: m.departmentId,
    allowedCategories: m.allowedCategories as ServiceCategory[],
    groups: m.groups,
  }));
  let platformGroups = row.platformGroups;
  // A citizen account holds the public-scope citizen group and nothing else: a membership or
  // platform group on its row (which no flow grants, lib/flows/citizen-guard.ts) carries no access.
  if (row.isCitizen) {
    memberships = [];
    platformGroups = [];
  }
  if (token) {
    // A token acts with at most its own groups, and never more than its holder has right now.
    memberships = memberships
      .filter((m) => token.municipalityId === null || m.municipalityId === token.municipalityId)
      .map((m) => ({ ...m, groups: m.groups.filter((g) => token.groups.includes(g)) }))
      .filter((m) => m.groups.length > 0);
    platformGroups = platformGroups.filter((g) => token.groups.includes(g));
  }
  const principal: Principal = {
    kind: "user",
    userId: row.userId,
    email: row.email,
    name: row.name,
    platformGroups,
    memberships,
    accessVersion: row.accessVersion,
    via,
    ...(token ? { tokenId: token.id } : {}),
    ...(row.isCitizen ? { isCitizen: true } : {}),
  };
  rememberModuleSwitches(principal, row.modules);
  return principal;
}
