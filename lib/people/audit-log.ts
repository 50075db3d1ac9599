// The audit log as admins read it: scoped by the ability on AuditEvent (own municipality), rows by
// accessibleBy and fields by projection, with filters for person, actor, action and dates.
// Read-only: nothing here can change an event.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { project } from "@/lib/data/project";
import { NotFoundError, fieldValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";

export const auditQuery = z
  .object({
    person: z.string().trim().max(200).optional(),
    actor: z.string().trim().max(200).optional(),
    action: z
      .string()
      .trim()
      .max(80)
      .regex(/^[A-Za-z._]*$/)
      .optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();

export type AuditRow = {
  seq: string;
  municipalityId: string | null;
  at: Date | null;
  action: string | null;
  actor: string | null;
  subject: string | null;
  targetType: string | null;
  targetId: string | null;
  data: string | null;
};

export async function listAuditEvents(
  viewer: Viewer,
  municipalityId: string,
  input: z.input<typeof auditQuery>,
  pageSize = 50,
) {
  // Not this viewer's log at all (a manager sees the staff list, not the audit log): "not found",
  // like any page outside reach — and no account-level events about the staff either.
  if (!viewer.ability.can("read", subjectOf("AuditEvent", { municipalityId }))) throw new NotFoundError();
  const { q, who } = await readFilters(auditQuery, input);
  // This municipality's events as the AuditEvent rule allows, plus account-level events
  // (municipalityId null: deactivation, sign-in, erasure) about people of this municipality whom
  // the viewer may read — for viewers who may read this municipality's audit events (checked
  // above), so the admin sees every step of their own staff's lifecycle; they are projected as
  // this municipality's events. Nothing from other municipalities.
  const members = await db.membership.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { municipalityId }] },
    select: { userId: true },
  });
  const scope = {
    OR: [
      { AND: [accessibleBy(viewer.ability, "read").ofType("AuditEvent"), { municipalityId }] },
      { municipalityId: null, subjectUserId: { in: members.map((m) => m.userId) } },
    ],
  };
  return pageOfEvents(viewer, scope, q, who, pageSize, municipalityId);
}

/** The filters parsed (else a ValidationError naming them) and the people the person filters name. */
async function readFilters<S extends z.ZodType<z.output<typeof auditQuery>>>(schema: S, input: unknown) {
  const r = schema.safeParse(input);
  if (!r.success) throw fieldValidationError("Some filters are not valid.", r.error);
  const [personIds, actorIds] = await Promise.all([userIdsMatching(r.data.person), userIdsMatching(r.data.actor)]);
  return { q: r.data, who: { personIds, actorIds } };
}

/** Users whose email or name contains `s` (the person and "done by" filters); undefined without a filter. */
async function userIdsMatching(s: string | undefined): Promise<string[] | undefined> {
  if (!s) return undefined;
  const users = await db.user.findMany({
    where: { OR: [{ email: { contains: s, mode: "insensitive" } }, { name: { contains: s, mode: "insensitive" } }] },
    select: { id: true },
    take: 50,
  });
  return users.map((u) => u.id);
}

export const platformAuditQuery = auditQuery.extend({
  municipality: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z0-9-]*$/, "Municipality: its web address (slug).")
    .optional(),
});

/**
 * The platform-wide audit log (/platform/audit): every event the viewer's AuditEvent rule allows,
 * in every municipality and account-level ones, filtered like a municipality's log and by
 * municipality (its slug). Only for viewers whose rule reaches beyond one municipality: anyone else
 * gets "not found".
 */
export async function listPlatformAuditEvents(
  viewer: Viewer,
  input: z.input<typeof platformAuditQuery>,
  pageSize = 50,
) {
  if (!viewer.ability.can("read", subjectOf("AuditEvent", { municipalityId: null }))) throw new NotFoundError();
  const { q, who } = await readFilters(platformAuditQuery, input);
  const muni = q.municipality
    ? await db.municipality.findUnique({ where: { slug: q.municipality }, select: { id: true } })
    : undefined;
  const scope = {
    AND: [
      accessibleBy(viewer.ability, "read").ofType("AuditEvent"),
      // An unknown municipality matches nothing (rather than everything).
      muni === undefined ? {} : { municipalityId: muni?.id ?? "none" },
    ],
  };
  const page = await pageOfEvents(viewer, scope, q, who, pageSize, null);
  const ids = [...new Set(page.rows.map((e) => e.municipalityId).filter((x): x is string => !!x))];
  const names = new Map(
    (await db.municipality.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((m) => [
      m.id,
      m.name,
    ]),
  );
  return {
    ...page,
    rows: page.rows.map((e) => ({
      ...e,
      municipality: e.municipalityId ? (names.get(e.municipalityId) ?? null) : null,
    })),
  };
}

/** One page of events within `scope`, filtered by `q`, each cut to the fields the viewer may read. */
async function pageOfEvents(
  viewer: Viewer,
  scope: object,
  q: z.output<typeof auditQuery>,
  who: { personIds?: string[]; actorIds?: string[] },
  pageSize: number,
  /** Account-level events are projected as this municipality's (its admins read them there). */
  projectAs: string | null,
) {
  const { personIds, actorIds } = who;
  const where = {
    AND: [
      scope,
      // "Person": events about them and events they did themselves (their work on records).
      personIds ? { OR: [{ subjectUserId: { in: personIds } }, { actorId: { in: personIds } }] } : {},
      actorIds ? { actorId: { in: actorIds } } : {},
      q.action ? { action: { startsWith: q.action } } : {},
      q.from ? { at: { gte: new Date(`${q.from}T00:00:00Z`) } } : {},
      q.to ? { at: { lt: new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) } } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (q.page - 1) * pageSize, take: pageSize }),
    db.auditEvent.count({ where }),
  ]);
  const visible = rows.map((e) => ({
    seq: e.seq,
    ...project(
      viewer.ability,
      "read",
      "AuditEvent",
      { ...e, municipalityId: e.municipalityId ?? projectAs },
      MODEL_FIELDS.AuditEvent,
    ),
  }));
  const ids = [...new Set(visible.flatMap((e) => [e.actorId, e.subjectUserId]).filter((x): x is string => !!x))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  return {
    rows: visible.map((e): AuditRow => ({
      seq: e.seq.toString(),
      municipalityId: e.municipalityId ?? null,
      at: e.at ?? null,
      action: e.action ?? null,
      actor:
        e.actorType === "directory"
          ? "directory sync (SCIM)"
          : e.actorId
            ? (names.get(e.actorId) ?? e.actorId)
            : (e.actorType ?? null),
      subject: e.subjectUserId ? (names.get(e.subjectUserId) ?? e.subjectUserId) : null,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
    })),
    total,
    page: q.page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}
