// Admin-side reads of people: memberships of a municipality, scoped by the ability on the
// Membership subject (municipality admins see their own municipality; platform admins all).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { personAuditHistory, type AuditRow } from "@/lib/data/audit-log";
import { MembershipStatus } from "@/lib/generated/prisma/enums";
import { NotFoundError, fieldValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { idSchema, pageSchema, searchSchema } from "@/lib/records/list";
import { lastSignInFilterSchema, type LastSignInFilter } from "@/lib/schemas/inactivity";
import { maySuspendEveryMembership, WHOLE_ACCOUNT } from "@/lib/data/whole-account";

export const peopleQuery = z
  .object({
    q: searchSchema,
    status: z.enum(MembershipStatus).optional(),
    group: z
      .string()
      .regex(/^[a-z_]+$/)
      .max(40)
      .optional(),
    lastSignIn: lastSignInFilterSchema,
    sort: z.enum(["name", "email", "status", "createdAt", "lastSignIn"]).default("name"),
    ...pageSchema,
    dir: z.enum(["asc", "desc"]).default("asc"),
  })
  .strict();

export type PersonRow = {
  membershipId: string;
  userId: string;
  name: string | null;
  email: string;
  status: MembershipStatus;
  groups: string[];
  department: string | null;
  allowedCategories: string[];
  userActive: boolean;
  createdAt: Date;
  /** The account's last sign-in by any method (lib/auth/sign-in-record.ts); null: never. */
  lastSignInAt: Date | null;
};

/** A membership with its user and department, as a row of the people list (and the head of a person's page). */
function personRow(m: {
  id: string;
  status: MembershipStatus;
  groups: string[];
  allowedCategories: string[];
  createdAt: Date;
  department: { name: string } | null;
  user: { id: string; name: string | null; email: string; isActive: boolean; lastLoginAt: Date | null };
}): PersonRow {
  return {
    membershipId: m.id,
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    status: m.status,
    groups: m.groups,
    department: m.department?.name ?? null,
    allowedCategories: m.allowedCategories,
    userActive: m.user.isActive,
    createdAt: m.createdAt,
    lastSignInAt: m.user.lastLoginAt,
  };
}

const DAY_MS = 86_400_000;

/** The `lastSignIn` filter: no sign-in for at least N days (people who never signed in included), or never. */
function lastSignInWhere(filter: LastSignInFilter | undefined, now: Date) {
  if (!filter) return {};
  if (filter === "never") return { user: { lastLoginAt: null } };
  const cutoff = new Date(now.getTime() - Number(filter) * DAY_MS);
  return { user: { OR: [{ lastLoginAt: null }, { lastLoginAt: { lte: cutoff } }] } };
}

export async function listPeople(
  viewer: Viewer,
  municipalityId: string,
  input: z.input<typeof peopleQuery>,
  now = new Date(),
) {
  const r = peopleQuery.safeParse(input);
  if (!r.success) {
    // The message names the filter (its own words where it has them: "Last sign-in: …").
    const issue = r.error.issues[0]!;
    const named =
      issue.path[0] === "lastSignIn"
        ? issue.message
        : `Some filters are not valid (${issue.path.join(".") || "query"}).`;
    throw fieldValidationError(named, r.error);
  }
  const q = r.data;
  const where = {
    AND: [
      accessibleBy(viewer.ability, "read").ofType("Membership"),
      { municipalityId },
      q.status ? { status: q.status } : {},
      q.group ? { groups: { has: q.group } } : {},
      lastSignInWhere(q.lastSignIn, now),
      q.q
        ? {
            user: {
              OR: [
                { name: { contains: q.q, mode: "insensitive" as const } },
                { email: { contains: q.q, mode: "insensitive" as const } },
              ],
            },
          }
        : {},
    ],
  };
  // Last sign-in: "never" is the longest ago, so it comes first going up and last going down.
  const orderBy =
    q.sort === "lastSignIn"
      ? [
          { user: { lastLoginAt: { sort: q.dir, nulls: q.dir === "asc" ? ("first" as const) : ("last" as const) } } },
          { id: "asc" as const },
        ]
      : q.sort === "name" || q.sort === "email"
        ? [{ user: { [q.sort]: q.dir } }, { id: "asc" as const }]
        : [{ [q.sort]: q.dir }, { id: "asc" as const }];
  const [rows, total] = await Promise.all([
    db.membership.findMany({
      where,
      orderBy,
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        id: true,
        status: true,
        groups: true,
        allowedCategories: true,
        createdAt: true,
        department: { select: { name: true } },
        user: { select: { id: true, name: true, email: true, isActive: true, lastLoginAt: true } },
      },
    }),
    db.membership.count({ where }),
  ]);
  return {
    rows: rows.map(personRow),
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
  };
}

export type PersonDetail = PersonRow & {
  jobTitle: string | null;
  source: string;
  approvedAt: Date | null;
  rejectedAt: Date | null;
  rejectionReason: string | null;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  profileCompletedAt: Date | null;
  welcomeSentAt: Date | null;
  deactivatedAt: Date | null;
  deactivationReason: string | null;
  lastLoginAt: Date | null;
  checklist: { label: string; done: boolean }[];
  /** Audit events about this person, as the viewer's AuditEvent permission allows (personHistory), as sentences. */
  history: AuditRow[];
  /** False when the viewer may not read this municipality's audit events at all. */
  canReadHistory: boolean;
  departmentId: string | null;
  phone: string | null;
  erased: boolean;
  /** The person's memberships the viewer may see (other municipalities only for platform admins). */
  memberships: { municipality: string; status: MembershipStatus; groups: string[] }[];
  /** Session metadata only (no tokens, no addresses): enough to see whether someone is signed in. */
  sessions: { id: string; createdAt: Date; lastSeenAt: Date; expires: Date; revokedAt: Date | null }[];
  tokens: {
    id: string;
    name: string;
    prefix: string;
    groups: string[];
    expiresAt: Date;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
  }[];
  canSuspend: boolean;
  canDeactivateUser: boolean;
  canChangeAccess: boolean;
  canErase: boolean;
  /** The viewer's own membership: nobody changes, suspends or restores their own access (lib/flows/grants.ts). */
  self: boolean;
};

export async function getPerson(
  viewer: Viewer,
  municipalityId: string,
  membershipIdInput: string,
): Promise<PersonDetail> {
  const id = idSchema.safeParse(membershipIdInput);
  if (!id.success) throw new NotFoundError();
  const m = await db.membership.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { id: id.data, municipalityId }] },
    include: {
      department: { select: { name: true } },
      user: {
        select: { ...WHOLE_ACCOUNT, name: true, deactivatedAt: true, deactivationReason: true, lastLoginAt: true },
      },
    },
  });
  if (!m) throw new NotFoundError();
  const { history, canReadHistory } = await personHistory(viewer, m);
  const [visibleMemberships, sessions, tokens] = await Promise.all([
    db.membership.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { userId: m.userId }] },
      select: { status: true, groups: true, municipality: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.session.findMany({
      where: { userId: m.userId },
      select: { id: true, createdAt: true, lastSeenAt: true, expires: true, revokedAt: true },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
    db.apiToken.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("ApiToken"), { userId: m.userId }] },
      select: { id: true, name: true, prefix: true, groups: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
  ]);
  const canSuspend = viewer.ability.can("suspend", subjectOf("Membership", { ...m }));
  // A whole account may be deactivated by someone who may suspend every one of its memberships.
  const canDeactivateUser = maySuspendEveryMembership(viewer, m.user.memberships);
  const canChangeAccess = viewer.ability.can("update", subjectOf("Membership", { ...m }));
  return {
    ...personRow(m),
    jobTitle: m.jobTitle,
    source: m.source,
    approvedAt: m.approvedAt,
    rejectedAt: m.rejectedAt,
    rejectionReason: m.rejectionReason,
    suspendedAt: m.suspendedAt,
    suspensionReason: m.suspensionReason,
    profileCompletedAt: m.profileCompletedAt,
    welcomeSentAt: m.welcomeSentAt,
    deactivatedAt: m.user.deactivatedAt,
    deactivationReason: m.user.deactivationReason,
    lastLoginAt: m.user.lastLoginAt,
    // docs/requirements.md#municipal-platform's onboarding checklist.
    checklist: [
      { label: "User account created", done: true },
      { label: "Municipality profile created", done: true },
      { label: "Role assigned", done: m.groups.length > 0 },
      { label: "Department assigned (optional)", done: m.departmentId !== null },
      { label: "Category restrictions set (if needed)", done: true },
      { label: "Profile completed", done: m.profileCompletedAt !== null },
      { label: "User approved", done: m.approvedAt !== null },
      { label: "Welcome email sent", done: m.welcomeSentAt !== null },
    ],
    history,
    canReadHistory,
    departmentId: m.departmentId,
    phone: m.phone,
    erased: m.user.erasedAt !== null,
    memberships: visibleMemberships.map((x) => ({
      municipality: x.municipality.name,
      status: x.status,
      groups: x.groups,
    })),
    sessions,
    tokens,
    canSuspend,
    canDeactivateUser,
    canChangeAccess,
    self: viewer.principal.kind === "user" && viewer.principal.userId === m.userId,
    canErase:
      canDeactivateUser &&
      m.user.erasedAt === null &&
      !(viewer.principal.kind === "user" && viewer.principal.userId === m.userId),
  };
}

/**
 * A person's history is audit data, so it is read like the audit log: through the AuditEvent
 * permission (rows by accessibleBy, fields by projection), not through the Membership permission
 * that opened the page — a manager may see the staff list but not the audit log. Besides this
 * municipality's events, the account-level ones (municipalityId null: deactivation, sign-in,
 * erasure) about this person, for viewers who may read this municipality's audit events: they are
 * part of every municipality's record of its own staff, and are projected as such. Another
 * municipality's events about the same person stay hidden.
 */
async function personHistory(viewer: Viewer, m: { id: string; userId: string; municipalityId: string }) {
  const { canRead, rows } = await personAuditHistory(viewer, m);
  return { canReadHistory: canRead, history: rows };
}
