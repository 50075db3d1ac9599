// Platform groups (superuser, platform_admin) change only by the two-person rule (DESIGN.md trust
// rules): one platform admin or superuser proposes a grant or a revocation with a reason, a
// different one approves it. The proposer never approves their own proposal and nobody decides on
// their own access — checked here and, independently, by the policy files (`cannot: approve` where
// proposedById or userId is the viewer). The decision is a conditional update of the PENDING row,
// so of two approvals at once exactly one applies; the approval changes User.platformGroups and
// bumps accessVersion in the same transaction, so the change holds from the person's next request
// (a revocation ends their platform access there and then). Every step is audited; the other
// platform admins are told of a new proposal through the outbox.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { assertAccessCurrent } from "@/lib/data/access-version";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, fieldValidationError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { platformGrantProposedMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { groupNames } from "@/lib/policy/load";
import { endLostAccess } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import { assertNoNewDeprecatedGroup, refuseSelfGrant } from "./grants";
import { actingUser } from "./membership-tx";
import type { Tx } from "./tx";

/** The groups held on the user rather than a membership (scope: platform in policies/groups). */
export function platformGroupNames(): string[] {
  return groupNames("platform");
}

export const platformGrantInput = z.object({
  userId: z.string({ error: "Choose a person." }).min(1, "Choose a person.").max(64),
  group: z.string({ error: "Choose a platform group." }).min(1, "Choose a platform group.").max(64),
  change: z.enum(["GRANT", "REVOKE"], { error: "Choose grant or revoke." }),
  reason: z
    .string({ error: "Give a reason." })
    .trim()
    .min(10, "Reason: at least 10 characters, so the approver knows why.")
    .max(500, "Reason: at most 500 characters."),
});
export type PlatformGrantInput = z.input<typeof platformGrantInput>;

const decisionNote = z.string().trim().max(500, "Note: at most 500 characters.").default("");

/** Platform-admin events are account-level (no municipality): platform admins read them in /platform/audit. */
function audit(tx: Tx, actorId: string, action: string, r: { id: string; userId: string }, data: object) {
  return recordAudit(tx, {
    action,
    actorId,
    actorType: "user",
    municipalityId: null,
    targetType: "PlatformGrantRequest",
    targetId: r.id,
    subjectUserId: r.userId,
    data: data as never,
  });
}

/** The attempt on one's own platform access, audited and refused (./grants.ts refuseSelfGrant): about the user, or a request. */
function refuseOwnAccess(me: string, about: "User" | { id: string }, message: string): Promise<never> {
  const target =
    about === "User"
      ? { targetType: "User", targetId: me }
      : { targetType: "PlatformGrantRequest", targetId: about.id };
  return refuseSelfGrant(me, "platform_grant", { municipalityId: null, ...target }, message);
}

/**
 * Proposes a platform group change for someone else. Refused: no permission (not found), an
 * unknown group, the proposer themselves (audited), a grant they already hold or a revoke of a
 * group they do not hold, and a second open proposal for the same person and group.
 */
export async function proposePlatformGrant(viewer: Viewer, input: PlatformGrantInput): Promise<{ id: string }> {
  const me = actingUser(viewer);
  const parsed = platformGrantInput.safeParse(input);
  if (!parsed.success) throw fieldValidationError("Please correct the marked fields.", parsed.error);
  const v = parsed.data;
  if (!viewer.ability.can("create", subjectOf("PlatformGrantRequest", { ...v, proposedById: me.userId })))
    throw new NotFoundError();
  if (!platformGroupNames().includes(v.group))
    throw new ValidationError("Please correct the marked fields.", { group: ["Not a platform group."] });
  const user = await db.user.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("User"), { id: v.userId }] },
    select: {
      id: true,
      email: true,
      isActive: true,
      platformGroups: true,
      isServiceAccount: true,
      erasedAt: true,
      isCitizen: true,
    },
  });
  if (!user) throw new NotFoundError();
  if (user.id === me.userId)
    await refuseOwnAccess(
      me.userId,
      "User",
      "You cannot propose a change of your own platform groups: another platform admin must.",
    );
  if (v.change === "GRANT" && (!user.isActive || user.erasedAt || user.isServiceAccount || user.isCitizen))
    throw new ValidationError("Platform groups go only to active staff accounts.", {
      userId: ["This account is deactivated, erased, a service account or a citizen account."],
    });
  const holds = user.platformGroups.includes(v.group);
  if (v.change === "GRANT" && holds)
    throw new ValidationError("Please correct the marked fields.", { group: ["They already hold this group."] });
  if (v.change === "REVOKE" && !holds)
    throw new ValidationError("Please correct the marked fields.", { group: ["They do not hold this group."] });
  if (v.change === "GRANT") assertNoNewDeprecatedGroup([v.group], user.platformGroups, "group");

  const created = await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    // One open proposal per person and group: the lock orders two proposers racing.
    await tx.$executeRaw`select pg_advisory_xact_lock(727274016, hashtext(${user.id + ":" + v.group}))`;
    const open = await tx.platformGrantRequest.count({
      where: { userId: user.id, group: v.group, status: "PENDING" },
    });
    if (open > 0) throw new ConflictError("A change of this group for this person is already waiting for approval.");
    const r = await tx.platformGrantRequest.create({
      data: { userId: user.id, group: v.group, change: v.change, reason: v.reason, proposedById: me.userId },
      select: { id: true, userId: true },
    });
    await audit(tx, me.userId, "platform_grant.proposed", r, { group: v.group, change: v.change, reason: v.reason });
    // The people who could approve it: every other active platform admin or superuser.
    const approvers = await tx.user.findMany({
      where: {
        isActive: true,
        platformGroups: { hasSome: platformGroupNames() },
        id: { notIn: [me.userId, user.id] },
      },
      select: { id: true, email: true },
    });
    for (const a of approvers)
      await enqueueMail(tx, {
        to: a.email,
        userId: a.id,
        ...platformGrantProposedMail({ proposer: me.email, person: user.email, group: v.group, change: v.change }),
      });
    return r;
  });
  await kickMailer();
  return { id: created.id };
}

/** A request in the viewer's reach, or "not found". */
async function requestInReach(viewer: Viewer, id: string) {
  const r = await db.platformGrantRequest.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("PlatformGrantRequest"), { id: id.slice(0, 64) }] },
  });
  if (!r) throw new NotFoundError();
  return r;
}

/**
 * Approves or rejects a pending proposal. The decider is never the proposer nor the person it is
 * about (refused and audited before anything changes). The PENDING → decided update is
 * conditional: a second decision at the same time finds nothing pending and is a conflict.
 */
export async function decidePlatformGrant(
  viewer: Viewer,
  requestId: string,
  decision: "approve" | "reject",
  note = "",
): Promise<{ status: "APPROVED" | "REJECTED" }> {
  const me = actingUser(viewer);
  const r = await requestInReach(viewer, requestId);
  const n = decisionNote.safeParse(note);
  if (!n.success) throw fieldValidationError("Please correct the marked fields.", n.error);
  if (r.proposedById === me.userId)
    await refuseOwnAccess(me.userId, r, "You proposed this change: another platform admin must decide on it.");
  if (r.userId === me.userId)
    await refuseOwnAccess(
      me.userId,
      r,
      "This change is about your own access: another platform admin must decide on it.",
    );
  // The policy files say the same (cannot approve where proposedById / userId is the viewer).
  if (!viewer.ability.can("approve", subjectOf("PlatformGrantRequest", r)))
    throw new ForbiddenError("You may not decide on this change.");
  if (r.status !== "PENDING") throw new ValidationError("This change was already decided or cancelled.");
  const status = decision === "approve" ? "APPROVED" : "REJECTED";
  await db.$transaction(async (tx) => {
    const won = await tx.platformGrantRequest.updateMany({
      where: { id: r.id, status: "PENDING" },
      data: { status, decidedById: me.userId, decidedAt: new Date(), decisionNote: n.data || null },
    });
    if (won.count !== 1) throw new ConflictError("Someone else decided on this change first. Reload the page.");
    await assertAccessCurrent(tx, viewer);
    let before: string[] = [];
    let after: string[] = [];
    if (status === "APPROVED") {
      const rows = await tx.$queryRaw<{ platformGroups: string[] }[]>`
        select "platformGroups" from "User" where id = ${r.userId} for update`;
      before = rows[0]?.platformGroups ?? [];
      if (r.change === "REVOKE" && r.group === "superuser") await keepOneSuperuser(tx, r.userId);
      after =
        r.change === "GRANT" ? [...new Set([...before, r.group])].sort() : before.filter((g) => g !== r.group).sort();
      await tx.user.update({
        where: { id: r.userId },
        data: { platformGroups: after, accessVersion: { increment: 1 } },
      });
    }
    await audit(tx, me.userId, status === "APPROVED" ? "platform_grant.approved" : "platform_grant.rejected", r, {
      group: r.group,
      change: r.change,
      proposedById: r.proposedById,
      ...(n.data ? { note: n.data } : {}),
      ...(status === "APPROVED" ? { before, after } : {}),
    });
    // A platform group removed may have been their source of a service (superuser: all of them).
    if (status === "APPROVED" && r.change === "REVOKE")
      await endLostAccess(tx, r.userId, `removed from the ${r.group} platform group`);
  });
  kickServiceDeliveries();
  return { status };
}

/**
 * The platform never loses its last active superuser (nobody could then approve a new one): two
 * revocations take turns on one advisory lock, so each sees the other's outcome.
 */
export async function keepOneSuperuser(tx: Tx, leaving: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('platform:last-superuser'))`;
  const [row] = await tx.$queryRaw<{ others: number }[]>`
    select count(*)::int as others from "User"
     where 'superuser' = any("platformGroups") and "isActive" and id <> ${leaving}`;
  if (!row || row.others === 0)
    throw new ConflictError("This is the platform's last active superuser: give someone else superuser first.");
}

/** The proposer withdraws their own pending proposal. */
export async function cancelPlatformGrant(viewer: Viewer, requestId: string): Promise<void> {
  const me = actingUser(viewer);
  const r = await requestInReach(viewer, requestId);
  if (r.proposedById !== me.userId) throw new ForbiddenError("Only the person who proposed a change can cancel it.");
  await db.$transaction(async (tx) => {
    const done = await tx.platformGrantRequest.updateMany({
      where: { id: r.id, status: "PENDING", proposedById: me.userId },
      data: { status: "CANCELLED", decidedById: me.userId, decidedAt: new Date() },
    });
    if (done.count !== 1) throw new ValidationError("This change was already decided or cancelled.");
    await audit(tx, me.userId, "platform_grant.cancelled", r, { group: r.group, change: r.change });
  });
}
