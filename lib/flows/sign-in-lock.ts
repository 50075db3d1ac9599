// A municipality's strict lockout keeps an account locked until an administrator unlocks it
// (lib/auth/credentials.ts sets User.signInLockedAt). The unlock is one audited transaction,
// allowed to whoever may suspend and reactivate the person's membership shown on their admin
// page (the same ability as the other actions there). Unlocking grants no access — the person
// still needs their password, and each municipality's membership still decides what they may do
// — so an administrator of any one of the person's municipalities may do it; nobody unlocks
// their own account.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { strictKey } from "@/lib/auth/credentials";
import { idSchema } from "@/lib/records/list";

export type SignInLock = { locked: boolean; lockedAt: Date | null; strict: boolean; canUnlock: boolean };

async function membershipInReach(viewer: Viewer, membershipId: string) {
  // Not an id at all (a NUL byte would be a database error): no such membership.
  if (!idSchema.safeParse(membershipId).success) throw new NotFoundError();
  const m = await db.membership.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { id: membershipId }] },
  });
  if (!m) throw new NotFoundError();
  return { m, canUnlock: viewer.ability.can("suspend", subjectOf("Membership", { ...m })) };
}

/** What the person page shows: locked since when, under a strict lockout, may this viewer unlock. */
export async function signInLockOf(viewer: Viewer, membershipId: string): Promise<SignInLock> {
  const { m, canUnlock } = await membershipInReach(viewer, membershipId);
  const user = await db.user.findUniqueOrThrow({ where: { id: m.userId }, select: { signInLockedAt: true } });
  const strict =
    (await db.membership.count({ where: { userId: m.userId, municipality: { lockoutUntilUnlocked: true } } })) > 0;
  const self = viewer.principal.kind === "user" && viewer.principal.userId === m.userId;
  return { locked: user.signInLockedAt !== null, lockedAt: user.signInLockedAt, strict, canUnlock: canUnlock && !self };
}

/** Unlocks the account of the membership's person; `unlocked: false` when it was not locked. */
export async function unlockSignIn(viewer: Viewer, membershipId: string): Promise<{ unlocked: boolean }> {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  const me = viewer.principal;
  const { m, canUnlock } = await membershipInReach(viewer, membershipId);
  if (m.userId === me.userId)
    throw new ForbiddenError("You cannot unlock your own account; ask another administrator.");
  if (!canUnlock) throw new ForbiddenError("You may not unlock this person's sign-in.");
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: m.userId }, select: { signInLockedAt: true } });
    // Conditional on the lock still being there: two administrators unlocking at once write one event.
    const done = await tx.user.updateMany({
      where: { id: m.userId, signInLockedAt: { not: null } },
      data: { signInLockedAt: null },
    });
    if (done.count === 0) return { unlocked: false };
    // The failures that locked it start over, or the next wrong password would lock it again.
    await tx.rateLimitBucket.deleteMany({ where: { key: strictKey(m.userId) } });
    await recordAudit(tx, {
      action: "auth.unlock",
      actorId: me.userId,
      actorType: "user",
      municipalityId: m.municipalityId,
      targetType: "User",
      targetId: m.userId,
      subjectUserId: m.userId,
      data: { lockedAt: before.signInLockedAt?.toISOString() ?? null },
    });
    return { unlocked: true };
  });
}
