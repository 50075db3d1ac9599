// Deactivation without losing history (docs/requirements.md#staff-accounts, #municipal-platform, #service-access). Suspending a membership ends access
// in that municipality only; deactivating the account ends sign-in everywhere, revokes every
// session and API token, and stops mail. Both are reversible; nothing is deleted. Each is one
// transaction with its audit event, and bumps accessVersion so no cached ability survives it.
//
// Neither may remove the last active municipality admin (./last-admin.ts, the lock group changes
// take too); each confirms inside its transaction that the actor still holds the access their
// ability was built from (as record writes do); nobody reactivates themselves; and an account whose
// personal data was erased stays deactivated for good (it is no one's account any more).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertAccessCurrent } from "@/lib/data/access-version";
import type { Viewer } from "@/lib/identity/viewer";
import { subjectOf } from "@/lib/policy/casl";
import { endLostAccess } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MUNICIPALITY_ADMIN, refuseSelfGrant } from "./grants";
import { reassignIneligibleReviewers } from "./review-reassign";
import type { Tx } from "./tx";
import { assertNotLastAdmin, assertUserNotLastAdmin } from "./last-admin";
import {
  accountInReach,
  actingUser,
  auditAccount,
  auditMembership,
  confirmActorAndBumpAccess,
  membershipInReachWhere,
  parseReason,
  refuseOwnMembership,
} from "./membership-tx";

export const ERASED_FOR_GOOD =
  "This person's personal data was erased; the account cannot be reactivated. Invite them again to give them a new account.";
const CHANGED_MEANWHILE = "Someone else changed this membership meanwhile. Reload and try again.";

const reasonSchema = z.string().trim().min(3, "Give a reason (3 characters or more).").max(500);

async function membershipInReach(viewer: Viewer, membershipId: string) {
  const row = await db.membership.findFirst({
    where: membershipInReachWhere(viewer, membershipId),
    include: { user: { select: { erasedAt: true } } },
  });
  if (!row) throw new NotFoundError();
  const { user, ...m } = row;
  if (!viewer.ability.can("suspend", subjectOf("Membership", { ...m })))
    throw new ForbiddenError("You may not suspend or reactivate this membership.");
  return { ...m, erased: user.erasedAt !== null };
}

export async function suspendMembership(viewer: Viewer, membershipId: string, reasonInput: string): Promise<void> {
  const me = actingUser(viewer);
  const reason = parseReason(reasonSchema, reasonInput);
  const m = await membershipInReach(viewer, membershipId);
  if (m.userId === me.userId) throw new ForbiddenError("You cannot suspend your own membership.");
  if (m.status === "SUSPENDED") return;
  await db.$transaction(async (tx) => {
    await writeSuspension(tx, m, reason, { actorId: me.userId, confirmActor: () => assertAccessCurrent(tx, viewer) });
  });
  kickServiceDeliveries();
}

/**
 * The write of a suspension inside the caller's transaction: the last-admin guard, the conditional
 * update (a change meanwhile fails it), the actor's access check, the access version bumped, the
 * audit event and the services the membership gave cut at once. The path every suspension by a
 * decision takes — an admin's (above) and an access review's undecided rule (./access-reviews.ts,
 * actorId null: the system). A change since the membership was read: ConflictError.
 */
export async function writeSuspension(
  tx: Tx,
  m: { id: string; municipalityId: string; userId: string; status: string; groups: string[]; updatedAt: Date },
  reason: string,
  by: { actorId: string | null; confirmActor: () => Promise<void>; audit?: Record<string, Prisma.InputJsonValue> },
): Promise<void> {
  if (m.status === "ACTIVE" && m.groups.includes(MUNICIPALITY_ADMIN))
    await assertNotLastAdmin(tx, m.municipalityId, m.id);
  // Conditional on the membership as read (and checked): a change meanwhile makes this one fail.
  const r = await tx.membership.updateMany({
    where: { id: m.id, updatedAt: m.updatedAt },
    data: { status: "SUSPENDED", suspendedAt: new Date(), suspendedById: by.actorId, suspensionReason: reason },
  });
  if (r.count !== 1) throw new ConflictError(CHANGED_MEANWHILE);
  await by.confirmActor();
  await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
  await recordAudit(tx, {
    action: "membership.suspend",
    actorId: by.actorId,
    actorType: by.actorId ? "user" : "system",
    municipalityId: m.municipalityId,
    targetType: "Membership",
    targetId: m.id,
    subjectUserId: m.userId,
    data: { reason, from: m.status, ...by.audit },
  });
  // Seed 003: the services this membership gave them are cut in this very transaction.
  await endLostAccess(tx, m.userId, "membership suspended");
}

export async function reactivateMembership(viewer: Viewer, membershipId: string): Promise<void> {
  const me = actingUser(viewer);
  const m = await membershipInReach(viewer, membershipId);
  await refuseOwnMembership(
    me,
    m,
    "reactivation",
    "You cannot reactivate your own membership: another administrator must.",
  );
  if (m.erased) throw new ConflictError(ERASED_FOR_GOOD);
  if (m.status !== "SUSPENDED") throw new ValidationError("Only a suspended membership can be reactivated.");
  await db.$transaction(async (tx) => {
    const r = await tx.membership.updateMany({
      where: { id: m.id, status: "SUSPENDED" },
      // reactivatedAt restarts the inactivity clock (./inactivity.ts): not suspended again at once.
      data: {
        status: "ACTIVE",
        suspendedAt: null,
        suspendedById: null,
        suspensionReason: null,
        reactivatedAt: new Date(),
      },
    });
    if (r.count !== 1) throw new ConflictError(CHANGED_MEANWHILE);
    await confirmActorAndBumpAccess(tx, viewer, m.userId);
    await auditMembership(tx, me, m, "membership.reactivate");
  });
}

const userInReach = (viewer: Viewer, userId: string) =>
  accountInReach(viewer, userId, "This account also works elsewhere; ask a platform administrator to deactivate it.");

export async function deactivateUser(viewer: Viewer, userId: string, reasonInput: string): Promise<void> {
  const me = actingUser(viewer);
  const reason = parseReason(reasonSchema, reasonInput);
  if (userId === me.userId) throw new ForbiddenError("You cannot deactivate your own account.");
  const user = await userInReach(viewer, userId);
  if (!user.isActive) return;
  await db.$transaction(async (tx) => {
    await assertUserNotLastAdmin(tx, user.id);
    await assertAccessCurrent(tx, viewer);
    const now = new Date();
    const r = await tx.user.updateMany({
      where: { id: user.id, isActive: true },
      data: {
        isActive: false,
        deactivatedAt: now,
        deactivatedById: me.userId,
        deactivationReason: reason,
        accessVersion: { increment: 1 },
      },
    });
    // Someone else deactivated the account meanwhile: that is the outcome asked for, already done.
    if (r.count !== 1) return;
    const sessions = await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now },
    });
    const tokens = await tx.apiToken.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now, revokedById: me.userId },
    });
    // No more mail to a deactivated person (docs/requirements.md#staff-accounts): drop what is still queued for them.
    const mails = await tx.outboxMessage.updateMany({
      where: { userId: user.id, status: "PENDING" },
      data: { status: "FAILED", lastError: "recipient deactivated", linkCipher: null },
    });
    await auditAccount(tx, me, user.id, "user.deactivate", {
      reason,
      sessionsRevoked: sessions.count,
      tokensRevoked: tokens.count,
      mailsCancelled: mails.count,
    });
    // Seed 003: a deactivated person loses every service at once.
    await endLostAccess(tx, user.id, "account deactivated");
    // The people they were to review in open access reviews go to the municipality admins.
    await reassignIneligibleReviewers(tx, { userId: user.id });
  });
  kickServiceDeliveries();
}

export async function reactivateUser(viewer: Viewer, userId: string): Promise<void> {
  const me = actingUser(viewer);
  if (userId === me.userId) {
    await refuseSelfGrant(
      me.userId,
      "reactivation",
      { municipalityId: null, targetType: "User", targetId: me.userId },
      "You cannot reactivate your own account: another administrator must.",
    );
  }
  const user = await userInReach(viewer, userId);
  if (user.erasedAt) throw new ConflictError(ERASED_FOR_GOOD);
  if (user.isActive) return;
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    // Never an erased account, even one erased since the read above.
    const r = await tx.user.updateMany({
      where: { id: user.id, isActive: false, erasedAt: null },
      data: {
        isActive: true,
        deactivatedAt: null,
        deactivatedById: null,
        deactivationReason: null,
        failedLoginCount: 0,
        lockedUntil: null,
        reactivatedAt: new Date(),
        accessVersion: { increment: 1 },
      },
    });
    if (r.count !== 1) throw new ConflictError("Someone else changed this account meanwhile. Reload and try again.");
    await auditAccount(tx, me, user.id, "user.reactivate");
  });
}
