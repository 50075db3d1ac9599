// What an administrator may hand out. The rule everywhere (invitations, CSV rows, group changes):
// nobody grants more than they hold. A platform admin or superuser may grant every municipality
// group anywhere; a municipality admin every municipality group in their own municipality; anyone
// else whom a policy lets manage people there, only groups they hold themselves, inside their own
// department and category restrictions. Platform groups are never granted through a membership.
// And nobody grants, approves, changes or restores their own access (refuseSelfGrant below).
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { subjectOf } from "@/lib/policy/casl";
import { loadPolicies } from "@/lib/policy/load";
import { deprecatedGroupsProblem } from "@/lib/policy/grantable";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { ServiceCategory } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";

export type Grant = { groups: string[]; departmentId?: string | null; allowedCategories: ServiceCategory[] };

export const MUNICIPALITY_ADMIN = "municipality_admin";

/** Every group a membership can hold, from the policy files. */
export function municipalityGroups(): string[] {
  return [...loadPolicies().groups.values()].filter((g) => g.scope === "municipality").map((g) => g.name);
}

/** The granter's own membership there, if it is what their right to grant rests on. */
function heldMembership(viewer: Viewer, municipalityId: string) {
  if (viewer.principal.kind !== "user") return undefined;
  return viewer.principal.memberships.find((m) => m.municipalityId === municipalityId);
}

/**
 * Groups the viewer may hand out in this municipality, for the forms and for the check below.
 * `action` is the ability check that gates the whole operation (create an Invitation, update a
 * Membership): without it the list is empty.
 */
export function grantableGroups(
  viewer: Viewer,
  municipalityId: string,
  gate: { action: "create" | "update"; subject: "Invitation" | "Membership" } = {
    action: "create",
    subject: "Invitation",
  },
): string[] {
  if (viewer.principal.kind !== "user") return [];
  if (!viewer.ability.can(gate.action, subjectOf(gate.subject, { municipalityId }))) return [];
  const all = municipalityGroups();
  if (viewer.principal.platformGroups.length > 0) return all;
  const held = heldMembership(viewer, municipalityId)?.groups ?? [];
  // A municipality admin has full control there, so may grant every municipality group.
  return held.includes(MUNICIPALITY_ADMIN) ? all : all.filter((g) => held.includes(g));
}

/**
 * Throws unless the viewer may grant exactly this: the groups (see grantableGroups), a department
 * of this municipality (their own if they are department-bound and not an admin) and categories
 * within their own restrictions, and no deprecated group the holder does not already hold
 * (`keep.groups`: their groups now). Read-only; call before the write transaction.
 */
export async function assertMayGrant(
  viewer: Viewer,
  municipalityId: string,
  grant: Grant,
  gate?: Parameters<typeof grantableGroups>[2],
  /** What the row already has: its department is kept even when archived (no new row gets an archived one), its deprecated groups stay. */
  keep: { departmentId?: string | null; groups?: readonly string[] } = {},
): Promise<void> {
  const keepDepartmentId = keep.departmentId;
  const grantable = grantableGroups(viewer, municipalityId, gate);
  const unknown = grant.groups.filter((g) => !municipalityGroups().includes(g));
  if (unknown.length)
    throw new ValidationError(`Unknown or platform group: ${unknown.join(", ")}.`, {
      groups: [`unknown group: ${unknown.join(", ")}`],
    });
  const extra = grant.groups.filter((g) => !grantable.includes(g));
  if (extra.length) throw new ForbiddenError(`You may not grant: ${extra.join(", ")}.`);
  assertNoNewDeprecatedGroup(grant.groups, keep.groups ?? []);
  if (grant.departmentId) {
    const dept = await db.department.findFirst({
      where: { id: grant.departmentId, municipalityId },
      select: { id: true, archivedAt: true },
    });
    if (!dept)
      throw new ValidationError("That department is not in this municipality.", {
        departmentId: ["unknown department"],
      });
    if (dept.archivedAt && dept.id !== keepDepartmentId)
      throw new ValidationError("That department is archived; choose another.", {
        departmentId: ["That department is archived; choose another."],
      });
  }
  if (viewer.principal.kind !== "user" || viewer.principal.platformGroups.length > 0) return;
  const mine = heldMembership(viewer, municipalityId);
  if (!mine || mine.groups.includes(MUNICIPALITY_ADMIN)) return;
  // Below admin level, the granter's own scope bounds what they hand out.
  if (mine.departmentId && grant.departmentId !== mine.departmentId)
    throw new ForbiddenError("You may only grant access within your own department.");
  if (mine.allowedCategories.length > 0) {
    const outside =
      grant.allowedCategories.length === 0
        ? ["all categories"]
        : grant.allowedCategories.filter((c) => !mine.allowedCategories.includes(c));
    if (outside.length)
      throw new ForbiddenError(`You may not grant categories you do not hold: ${outside.join(", ")}.`);
  }
}

/** Throws a ValidationError naming `field` when `groups` would newly give a deprecated group (lib/policy/grantable.ts). */
export function assertNoNewDeprecatedGroup(
  groups: readonly string[],
  alreadyHeld: readonly string[],
  field = "groups",
): void {
  const problem = deprecatedGroupsProblem(groups, alreadyHeld);
  if (problem) throw new ValidationError(problem, { [field]: [problem] });
}

/** The audit action of a refused attempt to grant, approve, change or restore one's own access. */
export const SELF_GRANT_EVENT = "access.self_grant_refused";

export type SelfGrantFlow =
  | "invitation"
  | "invitation_accept"
  | "approval"
  | "group_change"
  | "reactivation"
  | "factor_reset"
  | "platform_grant"
  | "service_grant";

/**
 * Nobody grants, approves, changes or restores their own access (DESIGN.md trust rules): another
 * administrator must. This holds for platform admins too, whose right to grant every municipality
 * group anywhere would otherwise let them make themselves municipality admin. Call it once the
 * actor is known to be allowed to act on the target at all (so outsiders still get "not found"),
 * before any write. It records the attempt — in its own transaction, as the refused change never
 * opens one — where the municipality's admins (or, for account-level steps, platform admins) can
 * read it, and throws a ForbiddenError with `message`.
 */
export async function refuseSelfGrant(
  actorId: string,
  flow: SelfGrantFlow,
  target: { municipalityId: string | null; targetType: string; targetId: string },
  message: string,
): Promise<never> {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      action: SELF_GRANT_EVENT,
      actorId,
      actorType: "user",
      municipalityId: target.municipalityId,
      targetType: target.targetType,
      targetId: target.targetId,
      subjectUserId: actorId,
      data: { flow },
    }),
  );
  throw new ForbiddenError(message);
}
