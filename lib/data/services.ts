// Connected services (Service rows) as the consoles read and write them: through the viewer's
// ability like every governed record — the tenant in the query, fields cut per row, and a service
// outside reach is "not found". A municipality admin reaches their municipality's services, a
// platform admin every one (platform-wide services have municipalityId null). The client secret's
// hash and the sealed webhook secret are never policy fields (lib/policy/subjects.ts): reads here
// never select them, so no page or RSC payload can carry them; writes set them from
// lib/flows/services.ts, which makes the secrets and shows them once.
import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipStatus } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { pagePosition } from "@/lib/records/list";
import { fieldValidationError } from "@/lib/errors";
import { serviceListQuery, type ServiceListQuery, type ServiceSettingsValues } from "@/lib/schemas/services";
import { project } from "./project";
import type { DataTx } from "./tx";

const FIELDS = MODEL_FIELDS.Service as readonly string[];

/** Every column a page may show (never the secret's hash or the sealed webhook secret). */
const columns = {
  id: true,
  municipalityId: true,
  slug: true,
  name: true,
  description: true,
  clientId: true,
  clientSecretHint: true,
  redirectUris: true,
  postLogoutRedirectUris: true,
  backchannelLogoutUri: true,
  webhookUrl: true,
  resourceTypes: true,
  accessStates: true,
  disabledAt: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ServiceSelect;
type Row = Prisma.ServiceGetPayload<{ select: typeof columns }>;

/** A service's settings and kind, as written (lib/schemas/services.ts has their rules). */
export type ServiceColumns = ServiceSettingsValues<MembershipStatus> & { slug: string };

/** What the console shows of one service: its permitted fields and whether a webhook secret is set. */
export type ServiceView = ServiceColumns & {
  id: string;
  municipalityId: string | null;
  clientId: string;
  clientSecretHint: string;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  webhookSecretSet: boolean;
  /** Whether the viewer may change it (else the page shows it read-only). */
  canUpdate: boolean;
};

function viewOf(viewer: Viewer, row: Row & { webhookSecretCipher: string | null }): ServiceView {
  const { webhookSecretCipher, ...plain } = row;
  const seen = project(viewer.ability, "read", "Service", plain, FIELDS);
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    slug: seen.slug ?? "",
    name: seen.name ?? "",
    description: seen.description ?? "",
    clientId: seen.clientId ?? "",
    clientSecretHint: seen.clientSecretHint ?? "",
    redirectUris: seen.redirectUris ?? [],
    postLogoutRedirectUris: seen.postLogoutRedirectUris ?? [],
    backchannelLogoutUri: seen.backchannelLogoutUri ?? null,
    webhookUrl: seen.webhookUrl ?? null,
    resourceTypes: seen.resourceTypes ?? [],
    accessStates: seen.accessStates ?? [],
    disabledAt: seen.disabledAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    webhookSecretSet: webhookSecretCipher !== null,
    canUpdate: viewer.ability.can("update", subjectOf("Service", plain)),
  };
}

/** Whether the viewer may see services of this municipality (null: platform-wide), and register one there. */
export function serviceConsoleAccess(
  viewer: Viewer,
  municipalityId: string | null,
): { read: boolean; create: boolean } {
  const s = subjectOf("Service", { municipalityId });
  return { read: viewer.ability.can("read", s), create: viewer.ability.can("create", s) };
}

export type ServiceListRow = {
  id: string;
  name: string;
  slug: string;
  municipalityId: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  /** People signed in through Gatehouse whose link is not ended. */
  signedIn: number;
};

/**
 * Services the viewer may read, filtered (name/kind, enabled/disabled, and — on the platform
 * console — municipality: an id, or "platform" for platform-wide ones), sorted and paged in the
 * database. `within` pins a municipality (the admin console's own).
 */
export async function listServices(viewer: Viewer, input: ServiceListQuery, within?: { municipalityId: string }) {
  const r = serviceListQuery.safeParse(input);
  if (!r.success) throw fieldValidationError("Some filters are not valid.", r.error);
  const q = r.data;
  const state = q.state ?? "all";
  const owner = within
    ? { municipalityId: within.municipalityId }
    : q.municipality === "platform"
      ? { municipalityId: null }
      : q.municipality
        ? { municipalityId: q.municipality }
        : {};
  const where: Prisma.ServiceWhereInput = {
    AND: [
      accessibleBy(viewer.ability, "read").ofType("Service"),
      owner,
      state === "all" ? {} : { disabledAt: state === "disabled" ? { not: null } : null },
      q.q
        ? {
            OR: [{ name: { contains: q.q, mode: "insensitive" as const } }, { slug: { contains: q.q.toLowerCase() } }],
          }
        : {},
    ],
  };
  const sort = q.sort ?? "createdAt";
  const dir = q.dir ?? (sort === "createdAt" ? "desc" : "asc");
  const [rows, total] = await Promise.all([
    db.service.findMany({
      where,
      orderBy: [{ [sort]: dir }, { id: "asc" as const }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: columns,
    }),
    db.service.count({ where }),
  ]);
  const counts = await signedInCounts(
    viewer,
    rows.map((s) => s.id),
  );
  return {
    rows: rows.map((row) => {
      const seen = project(viewer.ability, "read", "Service", row, FIELDS);
      return {
        id: row.id,
        name: seen.name ?? "",
        slug: seen.slug ?? "",
        municipalityId: row.municipalityId,
        disabledAt: seen.disabledAt ?? null,
        createdAt: row.createdAt,
        signedIn: counts.get(row.id) ?? 0,
      } satisfies ServiceListRow;
    }),
    ...pagePosition(total, q),
    query: { ...q, state, sort, dir },
  };
}

/** Per service, the people signed in through Gatehouse (links not ended) that the viewer may read. */
async function signedInCounts(viewer: Viewer, serviceIds: string[]): Promise<Map<string, number>> {
  if (serviceIds.length === 0) return new Map();
  const groups = await db.serviceLink.groupBy({
    by: ["serviceId"],
    where: {
      AND: [accessibleBy(viewer.ability, "read").ofType("ServiceLink"), { serviceId: { in: serviceIds } }],
      endedAt: null,
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.serviceId, g._count._all]));
}

/** One service the viewer may read, or null (not found: out of reach or no such id). */
export async function serviceFor(viewer: Viewer, id: string): Promise<ServiceView | null> {
  const row = await db.service.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Service"), { id }] },
    select: { ...columns, webhookSecretCipher: true },
  });
  return row && viewOf(viewer, row);
}

/** The people signed in to the service now (links not ended) that the viewer may read. */
export async function signedInCount(viewer: Viewer, serviceId: string): Promise<number> {
  return (await signedInCounts(viewer, [serviceId])).get(serviceId) ?? 0;
}

/** Municipalities' names (id → name, slug) for the services listed, as far as the viewer may read them. */
export async function ownerNames(
  viewer: Viewer,
  ids: (string | null)[],
): Promise<Map<string, { name: string; slug: string }>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.municipality.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Municipality"), { id: { in: wanted } }] },
    select: { id: true, name: true, slug: true },
  });
  return new Map(rows.map((m) => [m.id, { name: m.name, slug: m.slug }]));
}

/** Municipalities in which the viewer may register a service (the platform console's choice). */
export async function municipalitiesForServices(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  const rows = await db.municipality.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Municipality"), { archivedAt: null }] },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return rows.filter((m) => viewer.ability.can("create", subjectOf("Service", { municipalityId: m.id })));
}

// ── writes (inside the flow's transaction) ─────────────────────────────────────────────────

/** A new service, when the viewer may create one there; else "not found". Its kind must be free there. */
export async function insertService(
  tx: DataTx,
  viewer: Viewer,
  data: ServiceColumns & {
    municipalityId: string | null;
    clientId: string;
    clientSecretHash: string;
    clientSecretHint: string;
    webhookSecretCipher: string;
    createdById: string;
  },
): Promise<ServiceView> {
  if (!viewer.ability.can("create", subjectOf("Service", { municipalityId: data.municipalityId, slug: data.slug })))
    throw new NotFoundError();
  if (
    data.municipalityId !== null &&
    !(await tx.municipality.count({
      where: {
        AND: [
          accessibleBy(viewer.ability, "read").ofType("Municipality"),
          { id: data.municipalityId, archivedAt: null },
        ],
      },
    }))
  )
    throw new ValidationError("Please correct the marked fields.", {
      municipalityId: ["Choose a municipality from the list, or platform-wide."],
    });
  const row = await tx.service.create({ data, select: { ...columns, webhookSecretCipher: true } });
  return viewOf(viewer, row);
}

/** Whether another service of this kind is registered there (kinds are unique per municipality). */
export async function kindTaken(tx: DataTx, municipalityId: string | null, slug: string): Promise<boolean> {
  // Deliberately unscoped: a kind is unique whether or not the viewer may see the other service.
  return (await tx.service.count({ where: { municipalityId, slug } })) > 0;
}

/** The service the viewer may update, locked for the write that follows; else "not found". */
export async function updatableService(tx: DataTx, viewer: Viewer, id: string): Promise<ServiceView> {
  const row = await tx.service.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "update").ofType("Service"), { id }] },
    select: { id: true },
  });
  if (!row) throw new NotFoundError();
  await tx.$executeRaw`select 1 from "Service" where id = ${id} for update`;
  const locked = await tx.service.findUniqueOrThrow({
    where: { id },
    select: { ...columns, webhookSecretCipher: true },
  });
  return viewOf(viewer, locked);
}

export type ServiceChange = Partial<Omit<ServiceColumns, "slug">> & {
  clientSecretHash?: string;
  clientSecretHint?: string;
  webhookSecretCipher?: string;
  disabledAt?: Date | null;
};

/** Writes a change with the viewer's update condition in the WHERE; "not found" when it matches nothing. */
export async function writeService(tx: DataTx, viewer: Viewer, id: string, data: ServiceChange): Promise<void> {
  const r = await tx.service.updateMany({
    where: { AND: [accessibleBy(viewer.ability, "update").ofType("Service"), { id }] },
    data,
  });
  if (r.count !== 1) throw new NotFoundError();
}
