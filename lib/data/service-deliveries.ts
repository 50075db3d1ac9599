// What a connected service was told and what still waits: its outbox (ServiceDelivery) as the
// admin sees it, read through the viewer's ability like every governed record (the service must be
// in reach, the rows are scoped in the query and cut to their permitted fields; out of reach is
// "not found"), and "Send again now", a policy-checked, audited write. Rows never hold a token or
// a secret (lib/services/deliveries.ts), and the payload is not even read here: the person is
// shown by name through lib/data/people-names.ts, the state in plain words.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServiceDeliveryStatus } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { pagePosition } from "@/lib/records/list";
import { assertAccessCurrent } from "./access-version";
import { peopleNames, type PersonName } from "./people-names";
import { project } from "./project";
import { deliveryState, deliveryWhat } from "./service-delivery-labels";

const FIELDS = MODEL_FIELDS.ServiceDelivery as readonly string[];
const COLUMNS = [
  "id",
  "serviceId",
  "municipalityId",
  "userId",
  "kind",
  "event",
  "status",
  "attempts",
  "lastError",
  "lastStatusCode",
  "nextAttemptAt",
  "sentAt",
  "createdAt",
] as const;
const columns = Object.fromEntries(COLUMNS.map((c) => [c, true])) as { [K in (typeof COLUMNS)[number]]: true };
type Row = Prisma.ServiceDeliveryGetPayload<{ select: typeof columns }>;
export { deliveryState, deliveryWhat };

/** The list's status filter, as it travels in the URL. */
export const DELIVERY_FILTERS = {
  waiting: ["PENDING"],
  failed: ["FAILED"],
  "given-up": ["GAVE_UP"],
  delivered: ["SENT"],
} as const satisfies Record<string, ServiceDeliveryStatus[]>;
export type DeliveryFilter = keyof typeof DELIVERY_FILTERS;
export const isDeliveryFilter = (v: unknown): v is DeliveryFilter =>
  typeof v === "string" && Object.hasOwn(DELIVERY_FILTERS, v);

/** One row as the console shows it: permitted fields, the person by name, what and state in words. */
export type DeliveryView = {
  id: string;
  what: string;
  person: PersonName | null;
  state: string;
  status: ServiceDeliveryStatus | null;
  attempts: number | null;
  createdAt: Date | null;
  /** "Send again now" applies (failed or given up, and the viewer may update the row). */
  canResend: boolean;
};

/** The service, if the viewer may read it (and, on a municipality's console, it is that municipality's). */
async function readableService(viewer: Viewer, serviceId: string, municipalitySlug: string | null) {
  const svc = await db.service.findFirst({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("Service"),
        { id: serviceId.slice(0, 64) },
        municipalitySlug === null ? {} : { municipality: { slug: municipalitySlug } },
      ],
    },
    select: { id: true, municipalityId: true },
  });
  if (!svc) throw new NotFoundError();
  return svc;
}

export type DeliveryPage = {
  rows: DeliveryView[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/** One page of a service's deliveries the viewer may read, newest first, optionally by state. */
export async function listServiceDeliveries(
  viewer: Viewer,
  target: { serviceId: string; municipalitySlug: string | null },
  q: { page: number; pageSize: number; filter?: DeliveryFilter },
): Promise<DeliveryPage> {
  const svc = await readableService(viewer, target.serviceId, target.municipalitySlug);
  const where = {
    AND: [
      accessibleBy(viewer.ability, "read").ofType("ServiceDelivery"),
      { serviceId: svc.id },
      q.filter ? { status: { in: [...DELIVERY_FILTERS[q.filter]] } } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.serviceDelivery.count({ where }),
    db.serviceDelivery.findMany({
      where,
      select: columns,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  const seen = rows.map((r) => project(viewer.ability, "read", "ServiceDelivery", r, FIELDS) as Partial<Row>);
  const names = await peopleNames(
    viewer,
    seen.map((r) => r.userId),
    svc.municipalityId,
  );
  const now = new Date();
  return {
    rows: rows.map((full, i) => {
      const r = seen[i]!;
      return {
        id: full.id,
        what: deliveryWhat(r.kind, r.event),
        person: r.userId ? (names.get(r.userId) ?? null) : null,
        state: deliveryState(r, now),
        status: r.status ?? null,
        attempts: r.attempts ?? null,
        createdAt: r.createdAt ?? null,
        canResend: (full.status === "FAILED" || full.status === "GAVE_UP") && mayResend(viewer, full),
      };
    }),
    ...pagePosition(total, q),
  };
}

const RESEND_FIELDS = ["status", "attempts", "nextAttemptAt"] as const;
function mayResend(viewer: Viewer, row: Record<string, unknown>): boolean {
  const s = subjectOf("ServiceDelivery", row);
  return RESEND_FIELDS.every((f) => viewer.ability.can("update", s, f));
}

/**
 * "Send again now": a delivery that failed or was given up is due at once with a fresh round of
 * attempts. The caller kicks the queue after this commits (lib/services' kickServiceDeliveries).
 * Audited with the state it was in. Delivered rows are refused; out of reach is "not found".
 */
export async function resendServiceDelivery(
  viewer: Viewer,
  actorId: string,
  id: string,
  ip: string | null = null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const scope = accessibleBy(viewer.ability, "update").ofType("ServiceDelivery");
    const d = await tx.serviceDelivery.findFirst({ where: { AND: [scope, { id: id.slice(0, 64) }] }, select: columns });
    if (!d || !mayResend(viewer, d)) throw new NotFoundError();
    if (d.status === "SENT") throw new ConflictError("This was delivered already: there is nothing to send again.");
    const r = await tx.serviceDelivery.updateMany({
      where: { AND: [scope, { id: d.id, status: { not: "SENT" } }] },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date() },
    });
    if (r.count !== 1) throw new NotFoundError();
    await recordAudit(tx, {
      action: "service.delivery.resent",
      actorType: "user",
      actorId,
      municipalityId: d.municipalityId,
      targetType: "ServiceDelivery",
      targetId: d.id,
      subjectUserId: d.userId,
      ip,
      data: {
        serviceId: d.serviceId,
        kind: d.kind,
        event: d.event,
        previousStatus: d.status,
        previousAttempts: d.attempts,
        lastError: d.lastError,
      },
    });
  });
}
