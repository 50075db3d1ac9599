// A municipality's departments (issue 16) through the Department subject of the policies: listed,
// created, renamed, archived and restored — never deleted (municipality_admin.yaml and
// platform_admin.yaml say `cannot delete`; there is no delete here at all). Every read is scoped
// by accessibleBy(ability, "read").ofType("Department"), every write puts accessibleBy(ability,
// "update") in its WHERE and is audited in the same transaction. An archived department keeps its
// people and records (they still show its name) but is no longer offered in pickers: see
// `departmentsOf` (./municipalities.ts), which every form that picks a department uses.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { ConflictError, ForbiddenError, NotFoundError, parseFormInput, ValidationError } from "@/lib/errors";
import { departmentInput } from "@/lib/schemas/municipality-settings";
import type { Viewer } from "@/lib/identity/viewer";
import { assertAccessCurrent } from "./access-version";

export type DepartmentRow = {
  id: string;
  name: string;
  slug: string;
  archivedAt: Date | null;
  people: number;
  records: number;
};

const scoped = (viewer: Viewer, action: "read" | "update", where: object) => ({
  AND: [accessibleBy(viewer.ability, action).ofType("Department"), where],
});

/**
 * The municipality's departments with how many people and records each holds (those the viewer
 * may see), and whether the viewer may add one. NotFoundError for someone who may not read them.
 */
export async function listDepartments(
  viewer: Viewer,
  municipalityId: string,
): Promise<{ rows: DepartmentRow[]; canCreate: boolean }> {
  if (!viewer.ability.can("read", subjectOf("Department", { municipalityId }))) throw new NotFoundError();
  const rows = await db.department.findMany({
    where: scoped(viewer, "read", { municipalityId }),
    select: {
      id: true,
      name: true,
      slug: true,
      archivedAt: true,
      _count: {
        select: {
          memberships: { where: accessibleBy(viewer.ability, "read").ofType("Membership") },
          serviceRequests: { where: accessibleBy(viewer.ability, "read").ofType("ServiceRequest") },
          documents: { where: accessibleBy(viewer.ability, "read").ofType("Document") },
        },
      },
    },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
  });
  return {
    rows: rows.map(({ _count, ...d }) => ({
      ...d,
      people: _count.memberships,
      records: _count.serviceRequests + _count.documents,
    })),
    canCreate: viewer.ability.can("create", subjectOf("Department", { municipalityId })),
  };
}

export type DepartmentDetail = {
  id: string;
  name: string;
  slug: string;
  archivedAt: Date | null;
  canUpdate: boolean;
  people: { membershipId: string; name: string; email: string; status: string; groups: string[] }[];
  requests: { id: string; reference: string; title: string; status: string }[];
  documents: { id: string; title: string }[];
};

const LIST_LIMIT = 200;

/** One department with the people and records in it, each as the viewer may see them; else NotFoundError. */
export async function departmentDetail(viewer: Viewer, municipalityId: string, id: string): Promise<DepartmentDetail> {
  const d = await db.department.findFirst({
    where: scoped(viewer, "read", { municipalityId, id: id.slice(0, 64) }),
    select: { id: true, name: true, slug: true, archivedAt: true, municipalityId: true },
  });
  if (!d) throw new NotFoundError();
  const inDept = { departmentId: d.id, municipalityId };
  const [people, requests, documents] = await Promise.all([
    db.membership.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), inDept] },
      select: { id: true, status: true, groups: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
      take: LIST_LIMIT,
    }),
    db.serviceRequest.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("ServiceRequest"), inDept] },
      select: { id: true, reference: true, title: true, status: true },
      orderBy: { createdAt: "desc" },
      take: LIST_LIMIT,
    }),
    db.document.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("Document"), inDept] },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
      take: LIST_LIMIT,
    }),
  ]);
  return {
    id: d.id,
    name: d.name,
    slug: d.slug,
    archivedAt: d.archivedAt,
    canUpdate: viewer.ability.can("update", subjectOf("Department", d)),
    people: people.map((m) => ({
      membershipId: m.id,
      name: m.user.name ?? m.user.email,
      email: m.user.email,
      status: m.status,
      groups: m.groups,
    })),
    requests,
    documents,
  };
}

/** "Parks & Heritage" → "parks-heritage": the department's stable handle (bulk invite CSVs use it). */
export function departmentSlug(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return s || "department";
}

function actorOf(viewer: Viewer) {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  return { actorId: viewer.principal.userId, actorType: "user" as const };
}

const nameTaken = () =>
  new ValidationError("Another department here already has this name.", {
    name: ["Another department here already has this name."],
  });

/** A new department: name → slug (unique in the municipality); audited. */
export async function createDepartment(
  viewer: Viewer,
  municipalityId: string,
  raw: unknown,
): Promise<{ id: string; slug: string }> {
  const actor = actorOf(viewer);
  if (!viewer.ability.can("create", subjectOf("Department", { municipalityId }))) throw new NotFoundError();
  const { name } = parseFormInput(departmentInput, raw);
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const existing = await tx.department.findMany({ where: { municipalityId }, select: { slug: true, name: true } });
    if (existing.some((d) => d.name.toLowerCase() === name.toLowerCase())) throw nameTaken();
    const base = departmentSlug(name);
    let slug = base;
    for (let n = 2; existing.some((d) => d.slug === slug); n++) slug = `${base}-${n}`;
    const created = await tx.department.create({
      data: { municipalityId, name, slug },
      select: { id: true, slug: true },
    });
    await recordAudit(tx, {
      action: "department.create",
      ...actor,
      municipalityId,
      targetType: "Department",
      targetId: created.id,
      data: { name, slug },
    });
    return created;
  });
}

/** Changes one department's name or archived state, scoped by the ability in the WHERE; audited. */
async function changeDepartment(
  viewer: Viewer,
  municipalityId: string,
  id: string,
  change: { name: string } | { archived: boolean },
): Promise<void> {
  const actor = actorOf(viewer);
  const d = await db.department.findFirst({
    where: scoped(viewer, "read", { municipalityId, id: id.slice(0, 64) }),
    select: { id: true, name: true, archivedAt: true, municipalityId: true },
  });
  if (!d) throw new NotFoundError();
  const field = "name" in change ? "name" : "archivedAt";
  if (!viewer.ability.can("update", subjectOf("Department", d), field))
    throw new ForbiddenError("You may not change this department.");
  const data =
    "name" in change ? { name: change.name } : { archivedAt: change.archived ? (d.archivedAt ?? new Date()) : null };
  if ("name" in change ? change.name === d.name : !!d.archivedAt === change.archived) return;
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    if ("name" in change) {
      const clash = await tx.department.findFirst({
        where: { municipalityId, id: { not: d.id }, name: { equals: change.name, mode: "insensitive" } },
        select: { id: true },
      });
      if (clash) throw nameTaken();
    }
    const res = await tx.department.updateMany({
      where: scoped(viewer, "update", { id: d.id, municipalityId }),
      data,
    });
    if (res.count !== 1) throw new ConflictError("This department changed meanwhile. Reload and try again.");
    await recordAudit(tx, {
      action: "name" in change ? "department.rename" : change.archived ? "department.archive" : "department.restore",
      ...actor,
      municipalityId,
      targetType: "Department",
      targetId: d.id,
      data: "name" in change ? { name: { from: d.name, to: change.name } } : { name: d.name },
    });
  });
}

export async function renameDepartment(
  viewer: Viewer,
  municipalityId: string,
  id: string,
  raw: unknown,
): Promise<void> {
  const { name } = parseFormInput(departmentInput, raw);
  await changeDepartment(viewer, municipalityId, id, { name });
}

/** Archive (archived: true) or restore; the department's people and records stay where they are. */
export async function setDepartmentArchived(
  viewer: Viewer,
  municipalityId: string,
  id: string,
  archived: boolean,
): Promise<void> {
  await changeDepartment(viewer, municipalityId, id, { archived });
}

/** Every department's name by id, archived ones too: for showing a row's department by name. */
export async function departmentNames(municipalityId: string): Promise<Map<string, string>> {
  const rows = await db.department.findMany({ where: { municipalityId }, select: { id: true, name: true } });
  return new Map(rows.map((d) => [d.id, d.name]));
}

/**
 * A record's department must be one of its own municipality's, and not archived — unless it is
 * the one the record already has (`keep`): an archived department stays on its rows. Without this
 * a form could point a record at another municipality's department by id.
 */
export async function assertDepartmentUsable(
  municipalityId: unknown,
  departmentId: unknown,
  keep?: unknown,
): Promise<void> {
  if (typeof departmentId !== "string" || departmentId === keep) return;
  const d = await db.department.findFirst({
    where: { id: departmentId.slice(0, 64), municipalityId: String(municipalityId) },
    select: { archivedAt: true },
  });
  const message = !d
    ? "Choose one of this municipality's departments."
    : d.archivedAt
      ? "That department is archived; choose another."
      : null;
  if (message) throw new ValidationError(message, { departmentId: [message] });
}
