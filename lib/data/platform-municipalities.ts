// The platform console's municipalities (issue 16): list, create, read, archive and restore —
// never delete. Every read and write goes through the viewer's ability on Municipality
// (accessibleBy for rows, project for fields); the console itself is open only to those whom a
// policy lets create municipalities (platform_admin, superuser), everyone else gets "not found".
//
// Archiving keeps every row: the municipality's memberships stop carrying access
// (lib/auth/load-principal.ts), its portal and workspace are "not found"
// (./municipalities.ts findMunicipalityBySlug), it leaves the workspace chooser, sign-in buttons,
// self-registration and invitations. Its members' accessVersion moves on in the same transaction,
// so no cached ability outlives the change.
import "server-only";
import { pagePosition } from "@/lib/records/list";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError, fieldValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import type { UserPrincipal } from "@/lib/identity/principal";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import {
  MODULE_NAMES,
  municipalityCreateInput,
  municipalityListQuery,
  type MunicipalityCreateForm,
} from "@/lib/schemas/municipality";
import type { z } from "zod";
import { project } from "./project";
import { assertAccessCurrent } from "./access-version";
import type { DataTx } from "./tx";

/**
 * The console's gate: a signed-in person whose policy lets them create municipalities (platform
 * groups). Anyone else — a municipality admin too — is "not found", as for any page out of reach.
 */
export function assertPlatformConsole(viewer: Viewer): UserPrincipal {
  const p = viewer.principal;
  if (p.kind !== "user" || !viewer.ability.can("create", subjectOf("Municipality", {}))) throw new NotFoundError();
  return p;
}

export type MunicipalityRow = {
  id: string;
  slug: string;
  name: string;
  region: string | null;
  createdAt: Date;
  archivedAt: Date | null;
  emailDomains: string[];
  people: number;
  departments: number;
};

/** Municipalities the viewer may read, filtered (name/slug/region, active/archived), sorted and paged in the database. */
export async function listPlatformMunicipalities(viewer: Viewer, input: z.input<typeof municipalityListQuery>) {
  assertPlatformConsole(viewer);
  const r = municipalityListQuery.safeParse(input);
  if (!r.success) throw fieldValidationError("Some filters are not valid.", r.error);
  const q = r.data;
  const status = q.status ?? "active";
  const where = {
    AND: [
      accessibleBy(viewer.ability, "read").ofType("Municipality"),
      status === "all" ? {} : { archivedAt: status === "archived" ? { not: null } : null },
      q.q
        ? {
            OR: [
              { name: { contains: q.q, mode: "insensitive" as const } },
              { slug: { contains: q.q.toLowerCase() } },
              { region: { contains: q.q, mode: "insensitive" as const } },
            ],
          }
        : {},
    ],
  };
  const sort = q.sort ?? "name";
  const dir = q.dir ?? "asc";
  const [rows, total] = await Promise.all([
    db.municipality.findMany({
      where,
      orderBy: [
        sort === "region" ? { region: { sort: dir, nulls: "last" as const } } : { [sort]: dir },
        { id: "asc" as const },
      ],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: { _count: { select: { memberships: true, departments: true } } },
    }),
    db.municipality.count({ where }),
  ]);
  return {
    rows: rows.map((m) => {
      const { _count, ...row } = m;
      const seen = project(viewer.ability, "read", "Municipality", row, MODEL_FIELDS.Municipality);
      return {
        id: m.id,
        slug: m.slug,
        name: seen.name ?? m.slug,
        region: seen.region ?? null,
        createdAt: m.createdAt,
        archivedAt: seen.archivedAt ?? null,
        emailDomains: seen.emailDomains ?? [],
        people: _count.memberships,
        departments: _count.departments,
      } satisfies MunicipalityRow;
    }),
    ...pagePosition(total, q),
    query: { ...q, status, sort, dir },
  };
}

/** Overview figures for /platform: municipalities (active, archived) the viewer may read. */
export async function platformOverview(viewer: Viewer) {
  assertPlatformConsole(viewer);
  const readable = accessibleBy(viewer.ability, "read").ofType("Municipality");
  const [active, archived, pendingGrants, people] = await Promise.all([
    db.municipality.count({ where: { AND: [readable, { archivedAt: null }] } }),
    db.municipality.count({ where: { AND: [readable, { archivedAt: { not: null } }] } }),
    db.platformGrantRequest.count({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("PlatformGrantRequest"), { status: "PENDING" }] },
    }),
    db.user.count({ where: { AND: [accessibleBy(viewer.ability, "read").ofType("User"), { erasedAt: null }] } }),
  ]);
  return { active, archived, pendingGrants, people };
}

/** Domains (lower case) already held by another municipality in emailDomains or selfRegistrationDomains. */
export async function domainsTakenElsewhere(
  domains: string[],
  exceptId?: string,
): Promise<{ domain: string; name: string }[]> {
  if (domains.length === 0) return [];
  const rows = await db.$queryRaw<{ domain: string; name: string }[]>`
    select distinct lower(d) as domain, m.name
      from "Municipality" m, unnest(m."selfRegistrationDomains" || m."emailDomains") as d
     where m.id <> ${exceptId ?? ""} and lower(d) = any(${domains}::text[])`;
  return rows;
}

const TRIGGER = /the email domain "([^"]+)" is already claimed by municipality ([a-z0-9-]+)/;

/** The DB trigger's refusal (a race past the check before writing) as the field's message. */
function domainRefusal(e: unknown): ValidationError | null {
  const m = TRIGGER.exec(e instanceof Error ? e.message : String(e));
  if (!m) return null;
  const message = `${m[1]} already belongs to another municipality (${m[2]}).`;
  return new ValidationError("Please correct the marked fields.", { emailDomains: [message] });
}

export type CreateChecks = {
  /** Domains another municipality's SSO claims in policies/sso.yaml (lib/auth knows the file): domain → owner. */
  reservedDomains?: (
    domains: string[],
  ) => { domain: string; owner: string }[] | Promise<{ domain: string; owner: string }[]>;
};

/**
 * Creates a municipality with its first departments, in one transaction with its audit event. The
 * slug must be free and no email domain may belong to another municipality: checked before
 * writing (a field message each), and the database trigger's refusal of a racing claim becomes
 * the same field message. Nothing is written when anything is refused.
 */
export async function createPlatformMunicipality(
  viewer: Viewer,
  input: MunicipalityCreateForm,
  checks: CreateChecks = {},
): Promise<{ id: string; slug: string }> {
  const me = assertPlatformConsole(viewer);
  const parsed = municipalityCreateInput.safeParse(input);
  if (!parsed.success) throw fieldValidationError("Please correct the marked fields.", parsed.error);
  const v = parsed.data;
  const errors: Record<string, string[]> = {};
  if (await db.municipality.findUnique({ where: { slug: v.slug }, select: { id: true } }))
    errors.slug = ["This web address is taken: choose another."];
  const taken = [
    ...(await domainsTakenElsewhere(v.emailDomains)).map((t) => `${t.domain} already belongs to ${t.name}.`),
    ...((await checks.reservedDomains?.(v.emailDomains)) ?? [])
      .filter((t) => t.owner !== v.slug)
      .map((t) => `${t.domain} belongs to ${t.owner}'s single sign-on (policies/sso.yaml).`),
  ];
  if (taken.length) errors.emailDomains = taken;
  if (Object.keys(errors).length) throw new ValidationError("Please correct the marked fields.", errors);

  const data = {
    slug: v.slug,
    name: v.name,
    region: v.region,
    description: v.description,
    emailDomains: v.emailDomains,
    selfRegistrationDomains: v.selfRegistration ? v.emailDomains : [],
    requiresApproval: v.requiresApproval,
    disabledModules: MODULE_NAMES.filter((m) => !v.enabledModules.includes(m)),
    mfaRequirement: v.mfaRequirement,
    sessionIdleMinutes: v.sessionIdleMinutes,
    inactivityDays: v.inactivityDays,
  };
  if (!viewer.ability.can("create", subjectOf("Municipality", data))) throw new NotFoundError();
  try {
    return await db.$transaction(async (tx) => {
      await assertAccessCurrent(tx, viewer);
      const m = await tx.municipality.create({ data, select: { id: true, slug: true } });
      const departments = v.departments.map((name, i) => ({
        municipalityId: m.id,
        name,
        slug: departmentSlug(name, i),
      }));
      if (departments.length) await tx.department.createMany({ data: departments });
      await recordAudit(tx, {
        action: "municipality.create",
        actorId: me.userId,
        actorType: "user",
        municipalityId: m.id,
        targetType: "Municipality",
        targetId: m.id,
        data: { ...data, departments: v.departments },
      });
      return m;
    });
  } catch (e) {
    const refusal = domainRefusal(e);
    if (refusal) throw refusal;
    if ((e as { code?: string }).code === "P2002")
      throw new ValidationError("Please correct the marked fields.", {
        slug: ["This web address is taken: choose another."],
      });
    throw e;
  }
}

/** A department's slug from its name; the position keeps two names that slug alike apart. */
function departmentSlug(name: string, i: number): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return `${base || "department"}-${i + 1}`;
}

/** One municipality of the console with its counts; "not found" outside the viewer's reach. */
export async function platformMunicipality(viewer: Viewer, slug: string) {
  assertPlatformConsole(viewer);
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) throw new NotFoundError();
  const m = await db.municipality.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Municipality"), { slug }] },
    include: {
      _count: {
        select: {
          memberships: true,
          departments: true,
          serviceRequests: true,
          heritageSites: true,
          documents: true,
          invitations: true,
        },
      },
      departments: { select: { name: true, archivedAt: true }, orderBy: { name: "asc" }, take: 50 },
    },
  });
  if (!m) throw new NotFoundError();
  const { _count, departments, ...row } = m;
  const seen = project(viewer.ability, "read", "Municipality", row, MODEL_FIELDS.Municipality);
  const activePeople = await db.membership.count({ where: { municipalityId: m.id, status: "ACTIVE" } });
  return {
    id: m.id,
    slug: m.slug,
    name: seen.name ?? m.slug,
    region: seen.region ?? null,
    description: seen.description ?? null,
    emailDomains: seen.emailDomains ?? [],
    selfRegistrationDomains: seen.selfRegistrationDomains ?? [],
    requiresApproval: seen.requiresApproval ?? null,
    disabledModules: seen.disabledModules ?? [],
    mfaRequirement: seen.mfaRequirement ?? null,
    sessionIdleMinutes: seen.sessionIdleMinutes ?? null,
    inactivityDays: seen.inactivityDays ?? null,
    createdAt: m.createdAt,
    archivedAt: seen.archivedAt ?? null,
    departments: departments.map((d) => ({ name: d.name, archived: d.archivedAt !== null })),
    counts: {
      people: _count.memberships,
      activePeople,
      departments: _count.departments,
      invitations: _count.invitations,
      records: _count.serviceRequests + _count.heritageSites + _count.documents,
    },
    canArchive: viewer.ability.can("update", subjectOf("Municipality", row), "archivedAt"),
  };
}

/**
 * Archives (or restores) a municipality — never deletes it. Archiving needs its web address typed
 * as confirmation (`confirm`). A conditional write, so archiving twice (two tabs, two admins)
 * records one change and the other is refused; the members' accessVersion moves on in the same
 * transaction.
 */
export async function setMunicipalityArchived(
  viewer: Viewer,
  { slug, archived, confirm = "" }: { slug: string; archived: boolean; confirm?: string },
  /** Runs in the same transaction after the change (lib/flows: cutting connected services). */
  inTransaction?: (tx: DataTx, municipalityId: string) => Promise<unknown>,
): Promise<{ changed: true }> {
  const me = assertPlatformConsole(viewer);
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) throw new NotFoundError();
  const m = await db.municipality.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Municipality"), { slug }] },
  });
  if (!m) throw new NotFoundError();
  if (!viewer.ability.can("update", subjectOf("Municipality", m), "archivedAt"))
    throw new NotFoundError("You may not archive this municipality.");
  if ((m.archivedAt !== null) === archived)
    throw new ValidationError(archived ? `${m.name} is archived already.` : `${m.name} is not archived.`);
  // Archiving takes everyone's access there away: the web address typed out, not a stray click.
  if (archived && confirm.trim().toLowerCase() !== m.slug)
    throw new ValidationError("Type the web address to confirm.", {
      confirm: [`Type ${m.slug} to confirm archiving ${m.name}.`],
    });
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const r = await tx.municipality.updateMany({
      where: { id: m.id, archivedAt: archived ? null : { not: null } },
      data: archived ? { archivedAt: new Date(), archivedById: me.userId } : { archivedAt: null, archivedById: null },
    });
    if (r.count !== 1) throw new ConflictError("Someone else changed this municipality meanwhile. Reload the page.");
    // Memberships there carry access (or stop carrying it) from each member's next request.
    const bumped = await tx.user.updateMany({
      where: { memberships: { some: { municipalityId: m.id } } },
      data: { accessVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      action: archived ? "municipality.archive" : "municipality.restore",
      actorId: me.userId,
      actorType: "user",
      municipalityId: m.id,
      targetType: "Municipality",
      targetId: m.id,
      data: { slug: m.slug, members: bumped.count },
    });
    await inTransaction?.(tx, m.id);
    return { changed: true };
  });
}
