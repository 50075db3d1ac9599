// Deactivation without losing history (seeds 000, 002, 003). Suspending a membership ends access
// in that municipality only; deactivating the account ends sign-in everywhere, revokes every
// session and API token, and stops mail. Both are reversible; nothing is deleted. Each is one
// transaction with its audit event, and bumps accessVersion so no cached ability survives it.
import "server-only";
import { subject } from "@casl/ability";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/data/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";

const reasonSchema = z.string().trim().min(3, "Give a reason (3 characters or more).").max(500);

function actor(viewer: Viewer) {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  return viewer.principal;
}

async function membershipInReach(viewer: Viewer, membershipId: string) {
  const m = await db.membership.findFirst({ where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { id: membershipId }] } });
  if (!m) throw new NotFoundError();
  if (!viewer.ability.can("suspend", subject("Membership", { ...m }) as never)) throw new ForbiddenError("You may not suspend or reactivate this membership.");
  return m;
}

export async function suspendMembership(viewer: Viewer, membershipId: string, reasonInput: string): Promise<void> {
  const me = actor(viewer);
  const reason = reasonSchema.safeParse(reasonInput);
  if (!reason.success) throw new ValidationError(reason.error.issues[0]!.message, { reason: [reason.error.issues[0]!.message] });
  const m = await membershipInReach(viewer, membershipId);
  if (m.userId === me.userId) throw new ForbiddenError("You cannot suspend your own membership.");
  if (m.status === "SUSPENDED") return;
  await db.$transaction(async (tx) => {
    await tx.membership.update({ where: { id: m.id }, data: { status: "SUSPENDED", suspendedAt: new Date(), suspendedById: me.userId, suspensionReason: reason.data } });
    await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
    await recordAudit(tx, { action: "membership.suspend", actorId: me.userId, actorType: "user", municipalityId: m.municipalityId, targetType: "Membership", targetId: m.id, subjectUserId: m.userId, data: { reason: reason.data, from: m.status } });
  });
}

export async function reactivateMembership(viewer: Viewer, membershipId: string): Promise<void> {
  const me = actor(viewer);
  const m = await membershipInReach(viewer, membershipId);
  if (m.status !== "SUSPENDED") throw new ValidationError("Only a suspended membership can be reactivated.");
  await db.$transaction(async (tx) => {
    await tx.membership.update({ where: { id: m.id }, data: { status: "ACTIVE", suspendedAt: null, suspendedById: null, suspensionReason: null } });
    await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
    await recordAudit(tx, { action: "membership.reactivate", actorId: me.userId, actorType: "user", municipalityId: m.municipalityId, targetType: "Membership", targetId: m.id, subjectUserId: m.userId });
  });
}

/** Who may deactivate a whole account: someone who may suspend every one of its memberships. */
async function userInReach(viewer: Viewer, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, isActive: true, platformGroups: true, memberships: { select: { municipalityId: true } } } });
  if (!user) throw new NotFoundError();
  const visible = await db.membership.count({ where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { userId }] } });
  // Checked on the user record itself, so conditions such as "not a superuser" apply.
  const mayManageUser = viewer.ability.can("suspend", subjectOf("User", { ...user }));
  if (visible === 0 && !mayManageUser) throw new NotFoundError();
  const allowed = user.memberships.every((m) => viewer.ability.can("suspend", subject("Membership", { municipalityId: m.municipalityId }) as never));
  if (!allowed || (user.platformGroups.length > 0 && !mayManageUser)) {
    throw new ForbiddenError("This account also works elsewhere; ask a platform administrator to deactivate it.");
  }
  return user;
}

export async function deactivateUser(viewer: Viewer, userId: string, reasonInput: string): Promise<void> {
  const me = actor(viewer);
  const reason = reasonSchema.safeParse(reasonInput);
  if (!reason.success) throw new ValidationError(reason.error.issues[0]!.message, { reason: [reason.error.issues[0]!.message] });
  if (userId === me.userId) throw new ForbiddenError("You cannot deactivate your own account.");
  const user = await userInReach(viewer, userId);
  if (!user.isActive) return;
  await db.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: { isActive: false, deactivatedAt: now, deactivatedById: me.userId, deactivationReason: reason.data, accessVersion: { increment: 1 } } });
    const sessions = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    const tokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedById: me.userId } });
    // No more mail to a deactivated person (seed 000): drop what is still queued for them.
    const mails = await tx.outboxMessage.updateMany({ where: { userId, status: "PENDING" }, data: { status: "FAILED", lastError: "recipient deactivated", linkCipher: null } });
    await recordAudit(tx, { action: "user.deactivate", actorId: me.userId, actorType: "user", targetType: "User", targetId: userId, subjectUserId: userId, data: { reason: reason.data, sessionsRevoked: sessions.count, tokensRevoked: tokens.count, mailsCancelled: mails.count } });
  });
}

export async function reactivateUser(viewer: Viewer, userId: string): Promise<void> {
  const me = actor(viewer);
  const user = await userInReach(viewer, userId);
  if (user.isActive) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { isActive: true, deactivatedAt: null, deactivatedById: null, deactivationReason: null, failedLoginCount: 0, lockedUntil: null, accessVersion: { increment: 1 } } });
    await recordAudit(tx, { action: "user.reactivate", actorId: me.userId, actorType: "user", targetType: "User", targetId: userId, subjectUserId: userId });
  });
}
