// The last active municipality admin cannot be removed by any flow (DESIGN.md trust rules):
// nobody could manage the municipality then. Every flow that takes admin rights away — a group
// change, a suspension, a deactivation, an erasure — calls one of these inside its transaction,
// before its other writes, so all of them take the same lock and two removals at the same moment
// are serialized: the second one sees the first and is refused.
//
// Lock order, to stay free of deadlocks: these Membership row locks come first in a flow's
// transaction, then the actor's access check (User FOR SHARE, lib/data/access-version.ts), then the
// writes to User rows. Record writes hold only the User share lock and never a Membership lock.
import "server-only";
import { ConflictError } from "@/lib/errors";
import type { Tx } from "./tx";
import { MUNICIPALITY_ADMIN } from "./grants";

export const LAST_ADMIN =
  "This is the last active municipality admin here. Make someone else municipality admin first.";

/**
 * Throws unless the municipality keeps at least one active admin once `removing` (membership ids)
 * lose their admin rights. Active admin = ACTIVE membership with the group, on an active account.
 *
 * First locks every ACTIVE admin membership of the municipality (FOR UPDATE, in id order), then
 * counts in a new statement. Under READ COMMITTED each statement reads what was committed before
 * it began, and a competing removal holds these locks until it commits — so the count sees its
 * outcome, including one that changed only the User row (a deactivation), which the locking
 * statement itself, reading its rows from an older snapshot, would not.
 */
export async function assertNotLastAdmin(tx: Tx, municipalityId: string, removing: string | string[]): Promise<void> {
  const ids = [removing].flat();
  await tx.$queryRaw`
    select m.id from "Membership" m
    where m."municipalityId" = ${municipalityId} and m.status = 'ACTIVE' and ${MUNICIPALITY_ADMIN} = any(m.groups)
    order by m.id for update`;
  const counted = await tx.$queryRaw<{ id: string }[]>`
    select m.id from "Membership" m join "User" u on u.id = m."userId"
    where m."municipalityId" = ${municipalityId} and m.status = 'ACTIVE' and ${MUNICIPALITY_ADMIN} = any(m.groups) and u."isActive"`;
  // Removing someone who does not count (suspended, inactive, not an admin) removes no admin.
  if (counted.some((a) => ids.includes(a.id)) && !counted.some((a) => !ids.includes(a.id)))
    throw new ConflictError(LAST_ADMIN);
}

/**
 * For flows that end a whole account (deactivation, erasure): the guard above for every
 * municipality where the account is an active admin, taken in municipality order so that two such
 * flows lock in the same order. Reads the account's memberships inside the transaction.
 */
export async function assertUserNotLastAdmin(tx: Tx, userId: string): Promise<void> {
  const mine = await tx.$queryRaw<{ id: string; municipalityId: string }[]>`
    select m.id, m."municipalityId" from "Membership" m join "User" u on u.id = m."userId"
    where m."userId" = ${userId} and m.status = 'ACTIVE' and ${MUNICIPALITY_ADMIN} = any(m.groups) and u."isActive"
    order by m."municipalityId"`;
  for (const m of mine) await assertNotLastAdmin(tx, m.municipalityId, m.id);
}
