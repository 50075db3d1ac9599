// People across every municipality, and platform group change requests, as the platform console
// shows them. Users through the ability on User (rows and fields), memberships through the
// ability on Membership, requests through the ability on PlatformGrantRequest — a viewer outside
// the console gets "not found" (./platform-municipalities.ts assertPlatformConsole).
import { personLine, UNSEEN_PERSON } from "./people-names";
import "server-only";
import { z } from "zod";
import { filterText } from "@/lib/schemas/filter-text";
import { pagingFields } from "@/lib/schemas/paging";
import { db } from "@/lib/db";
import { fieldValidationError, NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { project } from "./project";
import { pagePosition } from "@/lib/records/list";
import { assertPlatformConsole } from "./platform-municipalities";

export const peopleQuery = z
  .object({
    q: filterText(200).optional(),
    ...pagingFields,
  })
  .strict();

export type PersonMembership = {
  id: string;
  municipality: string;
  slug: string;
  archived: boolean;
  status: string;
  groups: string[];
};

export type PlatformPersonRow = {
  id: string;
  email: string;
  name: string | null;
  isActive: boolean;
  platformGroups: string[];
  memberships: PersonMembership[];
};

function readableMemberships(viewer: Viewer) {
  return {
    where: accessibleBy(viewer.ability, "read").ofType("Membership"),
    select: {
      id: true,
      status: true,
      groups: true,
      municipalityId: true,
      municipality: { select: { name: true, slug: true, archivedAt: true } },
    },
    orderBy: { municipality: { name: "asc" as const } },
  };
}

type UserWithMemberships = Record<string, unknown> & {
  id: string;
  memberships: {
    id: string;
    status: string;
    groups: string[];
    municipality: { name: string; slug: string; archivedAt: Date | null };
  }[];
};

function toRow(viewer: Viewer, u: UserWithMemberships): PlatformPersonRow {
  const { memberships, ...user } = u;
  const seen = project(viewer.ability, "read", "User", user, MODEL_FIELDS.User);
  return {
    id: u.id,
    // An erased account keeps a placeholder address made of its id (lib/flows/erasure.ts): said in words.
    email: u.erasedAt ? "(personal data erased)" : typeof seen.email === "string" ? seen.email : "(hidden)",
    name: typeof seen.name === "string" ? seen.name : null,
    isActive: seen.isActive === true,
    platformGroups: Array.isArray(seen.platformGroups) ? (seen.platformGroups as string[]) : [],
    memberships: memberships.map((m) => ({
      id: m.id,
      municipality: m.municipality.name,
      slug: m.municipality.slug,
      archived: m.municipality.archivedAt !== null,
      status: m.status,
      groups: m.groups,
    })),
  };
}

/** People the viewer may read, searched by name or email, paged in the database. */
export async function listPlatformPeople(viewer: Viewer, input: z.input<typeof peopleQuery>) {
  assertPlatformConsole(viewer);
  const r = peopleQuery.safeParse(input);
  if (!r.success) throw fieldValidationError("Some filters are not valid.", r.error);
  const q = r.data;
  const where = {
    AND: [
      accessibleBy(viewer.ability, "read").ofType("User"),
      q.q
        ? {
            OR: [
              { email: { contains: q.q, mode: "insensitive" as const } },
              { name: { contains: q.q, mode: "insensitive" as const } },
            ],
          }
        : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ email: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: { memberships: readableMemberships(viewer) },
    }),
    db.user.count({ where }),
  ]);
  return {
    rows: rows.map((u) => toRow(viewer, u)),
    ...pagePosition(total, q),
  };
}

export type GrantRequestRow = {
  id: string;
  person: { id: string; name: string };
  group: string;
  change: "GRANT" | "REVOKE";
  reason: string;
  status: "PENDING" | "APPROVED" | "REJECTED" | "CANCELLED";
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** What the viewer may do with it (the flow checks again). */
  canDecide: boolean;
  canCancel: boolean;
};

/** Platform group change requests the viewer may read, newest first; `userId` narrows to one person. */
export async function listPlatformGrantRequests(
  viewer: Viewer,
  opts: { status?: "PENDING" | "DECIDED"; userId?: string; take?: number } = {},
): Promise<GrantRequestRow[]> {
  const me = assertPlatformConsole(viewer);
  const rows = await db.platformGrantRequest.findMany({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("PlatformGrantRequest"),
        opts.status === "PENDING"
          ? { status: "PENDING" }
          : opts.status === "DECIDED"
            ? { NOT: { status: "PENDING" } }
            : {},
        opts.userId ? { userId: opts.userId.slice(0, 64) } : {},
      ],
    },
    orderBy: [{ proposedAt: "desc" }, { id: "asc" }],
    take: opts.take ?? 100,
  });
  const ids = [...new Set(rows.flatMap((r) => [r.userId, r.proposedById, r.decidedById ?? ""]).filter(Boolean))];
  // People by name and email (lib/data/people-names.ts's words), through the User reach.
  const names = new Map(
    (
      await db.user.findMany({
        where: { AND: [accessibleBy(viewer.ability, "read").ofType("User"), { id: { in: ids } }] },
        select: { id: true, email: true, name: true },
      })
    ).map((u) => [u.id, personLine({ name: u.name ?? u.email, email: u.email })]),
  );
  const who = (id: string) => names.get(id) ?? UNSEEN_PERSON;
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.userId, name: who(r.userId) },
    group: r.group,
    change: r.change,
    reason: r.reason,
    status: r.status,
    proposedBy: r.proposedById === me.userId ? "you" : who(r.proposedById),
    proposedAt: r.proposedAt,
    decidedBy: r.decidedById ? (r.decidedById === me.userId ? "you" : who(r.decidedById)) : null,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    canDecide:
      r.status === "PENDING" &&
      r.proposedById !== me.userId &&
      r.userId !== me.userId &&
      viewer.ability.can("approve", subjectOf("PlatformGrantRequest", r)),
    canCancel: r.status === "PENDING" && r.proposedById === me.userId,
  }));
}

/** One person with every membership the viewer may read and the requests about them; "not found" outside reach. */
export async function platformPerson(viewer: Viewer, userId: string) {
  const me = assertPlatformConsole(viewer);
  const u = await db.user.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("User"), { id: userId.slice(0, 64) }] },
    include: { memberships: readableMemberships(viewer) },
  });
  if (!u) throw new NotFoundError();
  const person = toRow(viewer, u);
  const { memberships: _m, ...user } = u;
  const seen = project(viewer.ability, "read", "User", user, MODEL_FIELDS.User);
  return {
    ...person,
    isSelf: u.id === me.userId,
    deactivatedAt: seen.deactivatedAt ?? null,
    lastLoginAt: seen.lastLoginAt ?? null,
    createdAt: seen.createdAt ?? null,
    requests: await listPlatformGrantRequests(viewer, { userId: u.id, take: 50 }),
    canPropose: u.id !== me.userId && viewer.ability.can("create", subjectOf("PlatformGrantRequest", { userId: u.id })),
  };
}
