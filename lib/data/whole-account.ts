// Acting on a whole account (deactivating, erasing) rather than on one membership: what is read of
// the user to decide, and the rule that the actor must be able to suspend every membership it
// holds, so a municipality admin cannot act on someone who also works elsewhere. The admin pages
// (lib/people) show the buttons by it; the flows (lib/flows/membership-tx.ts) enforce it.
import "server-only";
import type { Viewer } from "@/lib/identity/viewer";
import { subjectOf } from "@/lib/policy/casl";

/** What deciding on a whole account reads of its user: who, active or erased, and where they are a member. */
export const WHOLE_ACCOUNT = {
  id: true,
  email: true,
  isActive: true,
  erasedAt: true,
  memberships: { select: { municipalityId: true } },
} as const;

/** Whether `viewer` may suspend every one of the account's memberships: acting on the whole account needs that. */
export function maySuspendEveryMembership(viewer: Viewer, memberships: readonly { municipalityId: string }[]): boolean {
  return memberships.every((m) =>
    viewer.ability.can("suspend", subjectOf("Membership", { municipalityId: m.municipalityId })),
  );
}
