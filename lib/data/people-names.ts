// People by name, never by id (issue 17): the "Created by", "Updated by" and "Assignee" of a
// record, the proposer and approver of a platform grant — whatever holds a user id — read as the
// person's name (and email where useful). Names come through the viewer's reach: a person whose
// membership the viewer may read (accessibleBy(…, "read").ofType("Membership"), so a municipality
// admin sees their colleagues, a platform admin everyone) reads by name; the viewer reads as
// themself; anyone else is "a staff member" — never an id, never a name the policy withholds.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/identity/viewer";

/** What stands in for a person the viewer may not see. */
export const UNSEEN_PERSON = "a staff member";

export type PersonName = { name: string; email: string | null };

/**
 * The names of `userIds` as the viewer may know them, within `municipalityId` (null: any
 * municipality the viewer's reach covers). Every id given gets an entry.
 */
export async function peopleNames(
  viewer: Viewer,
  userIds: readonly (string | null | undefined)[],
  municipalityId: string | null,
): Promise<Map<string, PersonName>> {
  const ids = [...new Set(userIds.filter((x): x is string => typeof x === "string" && x !== ""))];
  const out = new Map<string, PersonName>(ids.map((id) => [id, { name: UNSEEN_PERSON, email: null }]));
  if (!ids.length) return out;
  const rows = await db.membership.findMany({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("Membership"),
        { userId: { in: ids } },
        municipalityId ? { municipalityId } : {},
      ],
    },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  const me = viewer.principal.kind === "user" ? viewer.principal.userId : null;
  if (me && out.has(me)) {
    const self = await db.user.findUnique({ where: { id: me }, select: { id: true, name: true, email: true } });
    if (self) rows.push({ user: self });
  }
  for (const { user } of rows) out.set(user.id, { name: user.name ?? user.email, email: user.email });
  return out;
}

/** "Ada Admin (admin@riverton.test)", or the name alone when there is no email to add. */
export function personLine(p: PersonName): string {
  return p.email && p.email !== p.name ? `${p.name} (${p.email})` : p.name;
}

/**
 * The authors of records shared within a municipality under the author's name (saved clips and
 * their runs, issue 21: seed 000's shared queries show who wrote them). Callers pass only the
 * authors of records the viewer already reads. Beyond peopleNames' reach, a colleague who holds a
 * membership in that municipality reads by name alone — no email, nobody outside it.
 */
export async function sharedAuthorNames(
  viewer: Viewer,
  userIds: readonly (string | null | undefined)[],
  municipalityId: string,
): Promise<Map<string, PersonName>> {
  const out = await peopleNames(viewer, userIds, municipalityId);
  const unseen = [...out].filter(([, p]) => p.name === UNSEEN_PERSON).map(([id]) => id);
  if (!unseen.length) return out;
  const colleagues = await db.user.findMany({
    where: { id: { in: unseen }, memberships: { some: { municipalityId } } },
    select: { id: true, name: true },
  });
  for (const u of colleagues) if (u.name) out.set(u.id, { name: u.name, email: null });
  return out;
}
