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
  const r = auditQuery.safeParse(input);
  if (!r.success) throw fieldValidationError("Some filters are not valid.", r.error);
  const q = r.data;
  // Not this viewer's log at all (a manager sees the staff list, not the audit log): "not found",
  // like any page outside reach — and no account-level events about the staff either.
  if (!viewer.ability.can("read", subjectOf("AuditEvent", { municipalityId }))) throw new NotFoundError();
  const userIds = async (s: string | undefined) =>
    s
      ? (
          await db.user.findMany({
            where: {
              OR: [{ email: { contains: s, mode: "insensitive" } }, { name: { contains: s, mode: "insensitive" } }],
            },
            select: { id: true },
            take: 50,
          })
        ).map((u) => u.id)
      : undefined;
  const [personIds, actorIds] = await Promise.all([userIds(q.person), userIds(q.actor)]);
  // This municipality's events as the AuditEvent rule allows, plus account-level events
  // (municipalityId null: deactivation, sign-in, erasure) about people of this municipality whom
  // the viewer may read — for viewers who may read this municipality's audit events (checked
  // above), so the admin sees every step of their own staff's lifecycle; they are projected as
  // this municipality's events. Nothing from other municipalities.
  const members = await db.membership.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { municipalityId }] },
    select: { userId: true },
  });
  const where = {
    AND: [
      {
        OR: [
          { AND: [accessibleBy(viewer.ability, "read").ofType("AuditEvent"), { municipalityId }] },
          { municipalityId: null, subjectUserId: { in: members.map((m) => m.userId) } },
        ],
      },
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
      { ...e, municipalityId: e.municipalityId ?? municipalityId },
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
