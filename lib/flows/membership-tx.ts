// The steps the membership flows (approval, group change, suspension and reactivation) and the
// account flows (deactivation, erasure) share: who acts, the membership or account in the actor's
// reach, the reason, and inside the transaction — after the flow's own conditional write, which
// locks the membership or user row — the actor's access check and the subject's accessVersion
// bump, then the audit event. Kept in one place so the flows cannot drift apart; the lock order
// they rely on (Membership rows, then the actor's User row) is described in ./last-admin.ts.
import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertAccessCurrent } from "@/lib/data/access-version";
import { maySuspendEveryMembership, WHOLE_ACCOUNT } from "@/lib/data/whole-account";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { refuseSelfGrant, type SelfGrantFlow } from "./grants";
import type { Tx } from "./tx";

/** These flows are for signed-in people only: an API token or anyone else is refused. */
export function actingUser(viewer: Viewer) {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  return viewer.principal;
}

/** A reason given for a decision, parsed; its first problem is the message, on the `reason` field. */
export function parseReason(schema: z.ZodType<string>, raw: string): string {
  const reason = schema.safeParse(raw);
  if (!reason.success)
    throw new ValidationError(reason.error.issues[0]!.message, { reason: [reason.error.issues[0]!.message] });
  return reason.data;
}

/** The filter for one membership the actor may read: outside their reach it does not exist (404). */
export function membershipInReachWhere(viewer: Viewer, membershipId: string) {
  return { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { id: membershipId.slice(0, 64) }] };
}

/**
 * A membership in the actor's reach that they may `action` (else "not found", or `refusal`), with
 * what the decision's mail needs: the person's address and the municipality's name.
 */
export async function membershipToDecide(
  viewer: Viewer,
  membershipId: string,
  action: "approve" | "update",
  refusal: string,
) {
  const m = await db.membership.findFirst({
    where: membershipInReachWhere(viewer, membershipId),
    include: { user: { select: { email: true, isActive: true } }, municipality: { select: { name: true } } },
  });
  if (!m) throw new NotFoundError();
  if (!viewer.ability.can(action, subjectOf("Membership", { ...m }))) throw new ForbiddenError(refusal);
  return m;
}

/** Nobody decides on their own membership: the attempt is recorded and refused (./grants.ts refuseSelfGrant). */
export async function refuseOwnMembership(
  me: { userId: string },
  m: { id: string; municipalityId: string; userId: string },
  flow: SelfGrantFlow,
  message: string,
): Promise<void> {
  if (m.userId !== me.userId) return;
  await refuseSelfGrant(
    me.userId,
    flow,
    { municipalityId: m.municipalityId, targetType: "Membership", targetId: m.id },
    message,
  );
}

/**
 * Who may act on a whole account (deactivate, erase): someone who may suspend every membership it
 * holds (so a municipality admin cannot act on someone who also works elsewhere), and for people
 * with platform groups, someone who may act on the user record itself. An account the actor sees
 * neither through a membership nor as a user record does not exist for them.
 */
export async function accountInReach(viewer: Viewer, userId: string, elsewhere: string) {
  const user = await db.user.findUnique({
    where: { id: userId.slice(0, 64) },
    select: { ...WHOLE_ACCOUNT, platformGroups: true },
  });
  if (!user) throw new NotFoundError();
  const visible = await db.membership.count({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { userId: user.id }] },
  });
  // Checked on the user record itself, so conditions such as "not a superuser" apply.
  const onUser = viewer.ability.can("suspend", subjectOf("User", { ...user }));
  if (visible === 0 && !onUser) throw new NotFoundError();
  if (!maySuspendEveryMembership(viewer, user.memberships) || (user.platformGroups.length > 0 && !onUser))
    throw new ForbiddenError(elsewhere);
  return user;
}

/**
 * Called right after the flow's conditional write on the membership (which locks its row): the
 * actor still holds the access their ability was built from (locks their User row), and the
 * subject's accessVersion moves on, so no cached ability of theirs survives the change.
 */
export async function confirmActorAndBumpAccess(tx: Tx, viewer: Viewer, subjectUserId: string): Promise<void> {
  await assertAccessCurrent(tx, viewer);
  await tx.user.update({ where: { id: subjectUserId }, data: { accessVersion: { increment: 1 } } });
}

/** An audit event of a decision a signed-in person made; `target` says what it was about. */
export function auditByUser(
  tx: Tx,
  me: { userId: string },
  action: string,
  target: Pick<AuditInput, "municipalityId" | "targetType" | "targetId" | "subjectUserId">,
  data?: Prisma.InputJsonValue,
): Promise<void> {
  return recordAudit(tx, { action, actorId: me.userId, actorType: "user", ...target, data });
}

/** The audit event of a decision on one membership, filed under its municipality and its person. */
export function auditMembership(
  tx: Tx,
  me: { userId: string },
  m: { id: string; municipalityId: string; userId: string },
  action: string,
  data?: Prisma.InputJsonValue,
): Promise<void> {
  const target = {
    municipalityId: m.municipalityId,
    targetType: "Membership",
    targetId: m.id,
    subjectUserId: m.userId,
  };
  return auditByUser(tx, me, action, target, data);
}

/** The audit event of a decision on a whole account (deactivation, reactivation, erasure): it names the person by id only. */
export function auditAccount(
  tx: Tx,
  me: { userId: string },
  userId: string,
  action: string,
  data?: Prisma.InputJsonValue,
): Promise<void> {
  return auditByUser(tx, me, action, { targetType: "User", targetId: userId, subjectUserId: userId }, data);
}
