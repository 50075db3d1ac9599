// Group and scope changes on an existing membership (docs/requirements.md#municipal-platform role assignment, docs/requirements.md#service-access "removal
// takes effect immediately"). The principal is read fresh from the database on every request and
// the ability cache is keyed by User.accessVersion, which this bumps — so the change applies from
// the person's very next request. An admin never grants more than they hold (grants.ts) and never
// removes the last active municipality admin of a municipality (nobody could manage it then).
// Nobody changes their own membership (grants.ts refuseSelfGrant), and the change is refused if
// the admin's own access changed since their request began (assertAccessCurrent).
import "server-only";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/outbox";
import { accessChangedMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { ConflictError, fieldValidationError } from "@/lib/errors";
import { accessInput, type AccessInput } from "@/lib/schemas/people";
import type { Viewer } from "@/lib/identity/viewer";
import { endLostAccess } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import { assertMayGrant, MUNICIPALITY_ADMIN } from "./grants";
import { assertNotLastAdmin } from "./last-admin";
import { actingUser, auditMembership, membershipToDecide, refuseOwnMembership } from "./membership-tx";
import { assertAccessCurrent } from "@/lib/data/access-version";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipStatus, ServiceCategory } from "@/lib/generated/prisma/enums";
import type { Tx } from "./tx";

// The guard lives in ./last-admin.ts, shared with suspension, deactivation and erasure.
export { assertNotLastAdmin } from "./last-admin";

export async function changeMembershipAccess(
  viewer: Viewer,
  membershipId: string,
  input: AccessInput,
): Promise<{ changed: boolean }> {
  const me = actingUser(viewer);
  const parsed = accessInput.safeParse(input);
  if (!parsed.success) throw fieldValidationError("Some values are not valid.", parsed.error);
  const next = {
    groups: [...new Set(parsed.data.groups)].sort(),
    departmentId: parsed.data.departmentId ?? null,
    allowedCategories: [...new Set(parsed.data.allowedCategories)].sort(),
  };
  const m = await membershipToDecide(viewer, membershipId, "update", "You may not change this person's access.");
  await refuseOwnMembership(
    me,
    m,
    "group_change",
    "You cannot change your own groups or scope: another administrator must.",
  );
  // Both what is added and what stays must be within the admin's reach: an operator-level manager
  // cannot quietly keep someone's municipality_admin by editing their department.
  await assertMayGrant(viewer, m.municipalityId, next, { action: "update", subject: "Membership" }, m);
  if (JSON.stringify(accessOf(m)) === JSON.stringify(next)) return { changed: false };
  await db.$transaction((tx) =>
    writeMembershipAccess(tx, m, next, {
      actorId: me.userId,
      confirmActor: () => assertAccessCurrent(tx, viewer),
    }),
  );
  await kickMailer();
  kickServiceDeliveries();
  return { changed: true };
}

type Access = { groups: string[]; departmentId: string | null; allowedCategories: ServiceCategory[] };
const accessOf = (m: Access): Access => ({
  groups: [...m.groups].sort(),
  departmentId: m.departmentId,
  allowedCategories: [...m.allowedCategories].sort(),
});

/** A membership as read before the change: its row (updatedAt for the optimistic check) and who it is. */
export type MembershipToChange = Access & {
  id: string;
  municipalityId: string;
  userId: string;
  status: MembershipStatus;
  updatedAt: Date;
  user: { email: string; isActive: boolean };
  municipality: { name: string };
};

/**
 * The write of a group or scope change, inside the caller's transaction: the last-admin guard, the
 * conditional update (a change meanwhile fails it), the actor's access check, the person's access
 * version bumped, their mail, the audit event (`audit` adds to its data, e.g. the access review that
 * decided it) and the services a removed group gave them cut at once. The one path every group
 * change takes — an admin's (above) and an access review's decision (./access-reviews.ts).
 */
export async function writeMembershipAccess(
  tx: Tx,
  m: MembershipToChange,
  next: Access,
  by: { actorId: string; confirmActor: () => Promise<void>; audit?: Record<string, Prisma.InputJsonValue> },
): Promise<{ added: string[]; removed: string[] }> {
  const before = accessOf(m);
  const removed = before.groups.filter((g) => !next.groups.includes(g));
  const added = next.groups.filter((g) => !before.groups.includes(g));
  if (removed.includes(MUNICIPALITY_ADMIN)) await assertNotLastAdmin(tx, m.municipalityId, m.id);
  // Optimistic check: someone else changing the same membership meanwhile makes this one fail.
  const r = await tx.membership.updateMany({ where: { id: m.id, updatedAt: m.updatedAt }, data: next });
  if (r.count !== 1)
    throw new ConflictError("Someone else changed this person's access meanwhile. Reload and try again.");
  // Membership locks first, then the actor's User row (lock order: ./last-admin.ts).
  await by.confirmActor();
  await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
  if (m.user.isActive && m.status === "ACTIVE") {
    await enqueueMail(tx, {
      to: m.user.email,
      userId: m.userId,
      municipalityId: m.municipalityId,
      ...accessChangedMail({ municipality: m.municipality.name, groups: next.groups }),
    });
  }
  await auditMembership(tx, { userId: by.actorId }, m, "membership.access_change", {
    before,
    after: next,
    added,
    removed,
    ...by.audit,
  });
  // A removed group may have been their only source of a service: cut it in this transaction.
  if (removed.length) await endLostAccess(tx, m.userId, `removed from the ${removed.join(", ")} group`);
  return { added, removed };
}
