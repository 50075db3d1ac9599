// Every real principal a policy-change preview replays, built exactly as lib/auth builds them on
// a request (ACCESS_COLUMNS + principalFromAccess): only active people, only ACTIVE memberships in
// municipalities that are not archived, a token narrowed to its own groups and its holder's
// current ones. One principal per membership (so the report speaks per municipality and group
// set), one per person holding platform groups, one per citizen account, one per usable API
// token, and the anonymous public.
//
// Read with `db` directly, like lib/auth's own principal loading: this is the authorization
// input itself (who holds which groups), not records shown to someone.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ACCESS_COLUMNS, principalFromAccess, type AccessRow } from "@/lib/auth/load-principal";
import { ANONYMOUS, type Principal } from "@/lib/identity/principal";
import type { DiffPrincipalKind } from "./policy-diff-types";

export type ReplayPrincipal = {
  kind: DiffPrincipalKind;
  /** The membership's or token's municipality; null for the public, citizens and platform groups. */
  municipalityId: string | null;
  /** The groups that make this principal's access (public: ["public"]). */
  groups: string[];
  /** Who it is, for the report: an email, or a token's name and prefix. */
  label: string;
  principal: Principal;
};

const PUBLIC: ReplayPrincipal = {
  kind: "public",
  municipalityId: null,
  groups: ["public"],
  label: "anyone (not signed in)",
  principal: ANONYMOUS,
};

const sorted = (groups: readonly string[]) => [...new Set(groups)].sort();

/**
 * municipalityIds: only memberships and tokens of these municipalities (and the public); platform
 * people and citizen accounts belong to no municipality and are left out. Absent: everyone.
 */
export async function replayPrincipals(opts: { municipalityIds?: readonly string[] } = {}): Promise<ReplayPrincipal[]> {
  const ids = opts.municipalityIds ? [...opts.municipalityIds] : null;
  const inScope = (municipalityId: string | null) => !ids || (municipalityId !== null && ids.includes(municipalityId));
  const users = await db.$queryRaw<AccessRow[]>`
    select ${ACCESS_COLUMNS} from "User" u
    where u."isActive" ${
      ids
        ? Prisma.sql`and exists (select 1 from "Membership" m where m."userId" = u.id and m.status = 'ACTIVE' and m."municipalityId" in (${Prisma.join(ids)}))`
        : Prisma.empty
    }
    order by u.id`;
  const tokens = await db.$queryRaw<
    (AccessRow & {
      tokenId: string;
      tokenName: string;
      tokenPrefix: string;
      tokenMunicipalityId: string | null;
      tokenGroups: string[];
    })[]
  >`
    select t.id as "tokenId", t.name as "tokenName", t.prefix as "tokenPrefix", t."municipalityId" as "tokenMunicipalityId",
           t.groups as "tokenGroups", ${ACCESS_COLUMNS}
    from "ApiToken" t join "User" u on u.id = t."userId"
    where t."revokedAt" is null and t."expiresAt" > now() and u."isActive"
      ${ids ? Prisma.sql`and t."municipalityId" in (${Prisma.join(ids)})` : Prisma.empty}
    order by t.id`;

  const out: ReplayPrincipal[] = [PUBLIC];
  for (const row of users) {
    if (row.isCitizen) {
      if (!ids)
        out.push({
          kind: "public",
          municipalityId: null,
          groups: ["citizen"],
          label: row.email,
          principal: principalFromAccess(row, "session"),
        });
      continue;
    }
    if (!ids && row.platformGroups.length > 0) {
      out.push({
        kind: "membership",
        municipalityId: null,
        groups: sorted(row.platformGroups),
        label: row.email,
        principal: principalFromAccess({ ...row, memberships: [] }, "session"),
      });
    }
    for (const m of row.memberships) {
      if (!inScope(m.municipalityId)) continue;
      out.push({
        kind: "membership",
        municipalityId: m.municipalityId,
        groups: sorted(m.groups),
        label: row.email,
        principal: principalFromAccess({ ...row, platformGroups: [], memberships: [m] }, "session"),
      });
    }
  }
  for (const row of tokens) {
    const principal = principalFromAccess(row, "token", {
      id: row.tokenId,
      municipalityId: row.tokenMunicipalityId,
      groups: row.tokenGroups,
    });
    if (principal.kind !== "user") continue;
    const held = [...principal.platformGroups, ...principal.memberships.flatMap((m) => m.groups)];
    // A token whose groups its holder no longer holds acts with nothing but the public's rules.
    out.push({
      kind: "token",
      municipalityId: row.tokenMunicipalityId,
      groups: sorted(held),
      label: `${row.tokenName} (${row.tokenPrefix}…)`,
      principal,
    });
  }
  return out;
}
