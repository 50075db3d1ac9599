// The audit log as admins read it (a municipality's /admin/<slug>/audit, the platform's
// /platform/audit, their CSV exports and one event's page): scoped by the ability on AuditEvent,
// rows by accessibleBy and fields by projection. Read-only: nothing here can change an event.
//
// Filters are chosen from lists (action, who did it, whom or what it is about, municipality) and
// checked against those very lists on the server, so a value that is not on offer is a message
// naming the filter, never a 500 and never a silent "everything". Dates are the municipality's
// calendar days (Municipality.timeZone). One parsed filter object drives the page and the export.
//
// Every event reads as a sentence (lib/audit/describe.ts). Who and what it names are resolved here
// through the viewer's own reach: a person the viewer may see is their name with a link to their
// page, a record the viewer may read is its reference and title with a link; anything else is a
// neutral word. Ids stay in the raw event, one click away on the event's page.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { groupLabel } from "@/lib/policy/summary";
import { project } from "./project";
import { delegateOf, scopedWhere } from "./scoped-records";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { isRecordModel, recordType, type RecordModel } from "@/lib/records";
import { fieldLabel, isEnumField, label } from "@/lib/records/labels";
import { SETTINGS_LABELS } from "@/lib/schemas/municipality-settings";
import {
  ACTION_FAMILIES,
  actionLabel,
  actionsOf,
  describeEvent,
  isAuditAction,
  type Labels,
  type Ref,
  type Sentence,
} from "@/lib/audit/describe";
import { dayEnd, dayStart, knownZone } from "@/lib/audit/when";
import { eventHash, GENESIS_HASH } from "@/lib/audit/record";
import { auditKey } from "@/lib/env";

// --- filters ---------------------------------------------------------------------------------

const day = (what: string) => z.iso.date({ error: `${what}: a date like 2026-12-01.` });
const pick = (what: string, max = 80) =>
  z
    .string({ error: `${what}: choose one from the list.` })
    .trim()
    .max(max, `${what}: choose one from the list.`);

/** The query of a municipality's log (and its export): each value must be one the filter form offers. */
export const auditQuery = z
  .object({
    action: pick("Action").optional(),
    actor: pick("Done by", 64).optional(),
    person: pick("Person", 64).optional(),
    target: pick("About", 40).optional(),
    from: day("From").optional(),
    to: day("To").optional(),
    page: z.coerce
      .number({ error: "Page: a whole number." })
      .int("Page: a whole number.")
      .min(1, "Page: 1 or more.")
      .max(10_000, "Page: at most 10000.")
      .default(1),
  })
  .strict();
/** The platform log adds a municipality (its web address). */
export const platformAuditQuery = auditQuery.extend({ municipality: pick("Municipality", 64).optional() });

export type AuditQuery = z.input<typeof platformAuditQuery>;
export type AuditFilters = Omit<z.output<typeof platformAuditQuery>, "page">;

/** What the event is about, as the "About" filter offers it (AuditEvent.targetType). */
export const TARGET_LABELS: Record<string, string> = {
  ServiceRequest: "Service requests",
  HeritageSite: "Heritage sites",
  Document: "Documents",
  Membership: "Memberships",
  User: "Accounts",
  Invitation: "Invitations",
  Department: "Departments",
  ApiToken: "API tokens",
  Municipality: "Municipality and settings",
  SsoConnection: "Single sign-on",
  ScimConnection: "Directory sync",
  DirectoryGroup: "Directory groups",
  WebAuthnCredential: "Passkeys",
  PlatformGrantRequest: "Platform access requests",
  AccessReview: "Access reviews",
  AccessReviewItem: "Access review decisions",
  AccessReviewSchedule: "Access review schedules",
  Clip: "Saved clips",
  ClipRun: "Clip runs",
};

export type Option = { value: string; label: string };
export type AuditChoices = {
  actions: { label: string; value: string; options: Option[] }[];
  people: Option[];
  targets: Option[];
  municipalities?: Option[];
};

/** Where a log reads: one municipality (its admin console) or the platform (every municipality). */
type Scope =
  { kind: "municipality"; muni: { id: string; slug: string; name: string; timeZone: string } } | { kind: "platform" };

const personLabel = (u: { name: string | null; email: string; erasedAt?: Date | null }) =>
  u.erasedAt ? "a person whose data was erased" : u.name ? `${u.name} (${u.email})` : u.email;

/** The lists the filter form offers; the server accepts nothing else. */
async function choicesFor(viewer: Viewer, scope: Scope): Promise<AuditChoices> {
  const actions = ACTION_FAMILIES.map((f) => ({
    label: f.label,
    value: f.key,
    options: [
      { value: f.key, label: `Any: ${f.label.toLowerCase()}` },
      ...actionsOf(f.key).map((a) => ({ value: a, label: actionLabel(a) })),
    ],
  }));
  const targets = Object.entries(TARGET_LABELS).map(([value, l]) => ({ value, label: l }));
  if (scope.kind === "municipality") {
    const members = await db.membership.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { municipalityId: scope.muni.id }] },
      select: { user: { select: { id: true, name: true, email: true, erasedAt: true } } },
      take: 5000,
    });
    return {
      actions,
      targets,
      people: sortOptions(members.map((m) => ({ value: m.user.id, label: personLabel(m.user) }))),
    };
  }
  const [users, munis] = await Promise.all([
    db.user.findMany({
      where: accessibleBy(viewer.ability, "read").ofType("User"),
      select: { id: true, name: true, email: true, erasedAt: true },
      take: 5000,
    }),
    db.municipality.findMany({
      where: accessibleBy(viewer.ability, "read").ofType("Municipality"),
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    actions,
    targets,
    people: sortOptions(users.map((u) => ({ value: u.id, label: personLabel(u) }))),
    municipalities: munis.map((m) => ({ value: m.slug, label: m.name })),
  };
}

const sortOptions = (o: Option[]) => o.sort((a, b) => a.label.localeCompare(b.label));

/** The query parsed and checked against the lists on offer: a ValidationError naming each bad filter. */
async function parseFilters(viewer: Viewer, scope: Scope, input: unknown) {
  const schema = scope.kind === "platform" ? platformAuditQuery : auditQuery;
  const r = schema.safeParse(input);
  const errors: Record<string, string[]> = {};
  if (!r.success) {
    for (const issue of r.error.issues) {
      const key = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : String(issue.path[0] ?? "query");
      errors[key] = [
        issue.code === "unrecognized_keys" ? `${issue.keys.join(", ")}: not a filter of this log.` : issue.message,
      ];
    }
    throw new ValidationError(`Some filters are not valid: ${Object.values(errors).flat().join(" ")}`, errors);
  }
  const q = r.data as z.output<typeof platformAuditQuery>;
  const choices = await choicesFor(viewer, scope);
  const offered = (list: Option[] | undefined, v: string | undefined) =>
    v === undefined || !!list?.some((o) => o.value === v);
  const check = (key: string, ok: boolean, message: string) => {
    if (!ok) errors[key] = [message];
  };
  check(
    "action",
    q.action === undefined || isAuditAction(q.action) || ACTION_FAMILIES.some((f) => f.key === q.action),
    "Action: choose one from the list.",
  );
  check("actor", offered(choices.people, q.actor), "Done by: choose a person from the list.");
  check("person", offered(choices.people, q.person), "Person: choose a person from the list.");
  check("target", offered(choices.targets, q.target), "About: choose one from the list.");
  check("municipality", offered(choices.municipalities, q.municipality), "Municipality: choose one from the list.");
  check("to", !(q.from && q.to && q.to < q.from), "To: on or after From.");
  if (Object.keys(errors).length)
    throw new ValidationError(`Some filters are not valid: ${Object.values(errors).flat().join(" ")}`, errors);
  return { q, choices };
}

/** The filters as a Prisma where, inside `scope`; dates are days in `tz`. */
function filterWhere(q: AuditFilters, tz: string, municipalityId?: string | null) {
  const actions = q.action ? (isAuditAction(q.action) ? [q.action] : actionsOf(q.action)) : undefined;
  return {
    AND: [
      // "Person": events about them and events they did themselves (their work on records).
      q.person ? { OR: [{ subjectUserId: q.person }, { actorId: q.person }] } : {},
      q.actor ? { actorId: q.actor } : {},
      actions ? { action: { in: actions } } : {},
      q.target ? { targetType: q.target } : {},
      q.from ? { at: { gte: dayStart(q.from, tz) } } : {},
      q.to ? { at: { lt: dayEnd(q.to, tz) } } : {},
      municipalityId !== undefined ? { municipalityId } : {},
    ],
  };
}

// --- scopes ------------------------------------------------------------------------------------

const MUNI_SELECT = { id: true, slug: true, name: true, timeZone: true } as const;

/** A municipality's log: "not found" unless the viewer may read its audit events. */
async function municipalityScope(viewer: Viewer, municipalityId: string) {
  // Not this viewer's log at all (a manager sees the staff list, not the audit log): "not found",
  // like any page outside reach — and no account-level events about the staff either.
  if (!viewer.ability.can("read", subjectOf("AuditEvent", { municipalityId }))) throw new NotFoundError();
  const muni = await db.municipality.findUnique({ where: { id: municipalityId }, select: MUNI_SELECT });
  if (!muni) throw new NotFoundError();
  // This municipality's events as the AuditEvent rule allows, plus account-level events
  // (municipalityId null: deactivation, sign-in, erasure) about people of this municipality whom
  // the viewer may read — the admin sees every step of their own staff's lifecycle; they are
  // projected as this municipality's events. Nothing from other municipalities.
  const members = await db.membership.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { municipalityId }] },
    select: { userId: true },
  });
  const where = {
    OR: [
      { AND: [accessibleBy(viewer.ability, "read").ofType("AuditEvent"), { municipalityId }] },
      { municipalityId: null, subjectUserId: { in: members.map((m) => m.userId) } },
    ],
  };
  return {
    scope: { kind: "municipality" as const, muni: { ...muni, timeZone: knownZone(muni.timeZone) } },
    where,
    projectAs: municipalityId,
  };
}

/** The platform log: only for viewers whose AuditEvent rule reaches beyond one municipality. */
function platformScope(viewer: Viewer) {
  if (!viewer.ability.can("read", subjectOf("AuditEvent", { municipalityId: null }))) throw new NotFoundError();
  return {
    scope: { kind: "platform" as const },
    where: accessibleBy(viewer.ability, "read").ofType("AuditEvent"),
    projectAs: null,
  };
}

type Opened = Awaited<ReturnType<typeof municipalityScope>> | ReturnType<typeof platformScope>;

// --- one log, parsed once --------------------------------------------------------------------

export type AuditRow = {
  seq: string;
  /** ISO time (UTC). */
  at: string | null;
  /** The zone the row's time is shown in. */
  timeZone: string;
  action: string | null;
  actionLabel: string;
  sentence: Sentence;
  /** The platform log: the event's municipality (null: an account-level event). */
  municipality?: string | null;
  href: string;
};

export type AuditLog = {
  filters: AuditFilters;
  choices: AuditChoices;
  timeZone: string;
  /** The page the query asked for (1 when none). */
  pageNumber: number;
  /** One page of events. */
  page(
    page: number,
    pageSize: number,
  ): Promise<{ rows: AuditRow[]; total: number; page: number; pageSize: number; pageCount: number }>;
};

async function openLog(viewer: Viewer, opened: Opened, input: unknown): Promise<AuditLog> {
  const { scope } = opened;
  const { q, choices } = await parseFilters(viewer, scope, input);
  const { page: _page, ...filters } = q;
  let muniFilter: string | null | undefined;
  let tz = scope.kind === "municipality" ? scope.muni.timeZone : "UTC";
  if (scope.kind === "platform" && q.municipality) {
    const m = await db.municipality.findUnique({ where: { slug: q.municipality }, select: MUNI_SELECT });
    muniFilter = m?.id ?? "none";
    tz = knownZone(m?.timeZone);
  }
  const where = { AND: [opened.where, filterWhere(filters, tz, muniFilter)] };
  return {
    filters,
    choices,
    timeZone: tz,
    pageNumber: q.page,
    async page(page, pageSize) {
      const [rows, total] = await Promise.all([
        db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
        db.auditEvent.count({ where }),
      ]);
      return {
        rows: (await present(viewer, opened, rows)).map((p) => p.row),
        total,
        page,
        pageSize,
        pageCount: Math.max(1, Math.ceil(total / pageSize)),
      };
    },
  };
}

/** A municipality's log with its filters (else ValidationError; outside reach NotFoundError). */
export async function auditLog(viewer: Viewer, municipalityId: string, input: unknown): Promise<AuditLog> {
  return openLog(viewer, await municipalityScope(viewer, municipalityId), input);
}

/** The platform-wide log with its filters (municipality included). */
export async function platformAuditLog(viewer: Viewer, input: unknown): Promise<AuditLog> {
  return openLog(viewer, platformScope(viewer), input);
}

/** One page of a municipality's log (the page's `page` filter), with its filters and choices. */
export async function listAuditEvents(viewer: Viewer, municipalityId: string, input: AuditQuery, pageSize = 50) {
  const log = await auditLog(viewer, municipalityId, input);
  return { ...(await log.page(log.pageNumber, pageSize)), log };
}

/** One page of the platform log, with its filters and choices. */
export async function listPlatformAuditEvents(viewer: Viewer, input: AuditQuery, pageSize = 50) {
  const log = await platformAuditLog(viewer, input);
  return { ...(await log.page(log.pageNumber, pageSize)), log };
}

/** Every event the filters match, page by page (the CSV export), at most `limit`. */
export async function* allAuditRows(log: AuditLog, limit = 100_000): AsyncGenerator<AuditRow> {
  let n = 0;
  for (let p = 1; ; p++) {
    const page = await log.page(p, 500);
    for (const r of page.rows) {
      if (n++ >= limit) return;
      yield r;
    }
    if (p >= page.pageCount) return;
  }
}

// --- presenting events ---------------------------------------------------------------------------

type EventRow = Awaited<ReturnType<typeof db.auditEvent.findMany>>[number];
type Visible = Partial<EventRow> & { seq: bigint };

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The events cut to the fields the viewer may read, with everything they name resolved through the viewer's reach. */
async function present(viewer: Viewer, opened: Opened, rows: EventRow[]) {
  const visible: Visible[] = rows.map((e) => ({
    seq: e.seq,
    ...project(
      viewer.ability,
      "read",
      "AuditEvent",
      { ...e, municipalityId: e.municipalityId ?? opened.projectAs },
      MODEL_FIELDS.AuditEvent,
    ),
    // Projected as this municipality's, but an account-level event stays one.
    ...(e.municipalityId === null ? { municipalityId: null } : {}),
  }));
  const refs = await resolveRefs(viewer, opened.scope, visible);
  const base = opened.scope.kind === "municipality" ? `/admin/${opened.scope.muni.slug}/audit` : "/platform/audit";
  return visible.map((e) => {
    const data = obj(e.data);
    const action = e.action ?? null;
    const actor = e.actorId && (e.actorType === "user" || e.actorType === "token") ? refs.person(e.actorId) : undefined;
    const subject = e.subjectUserId ? refs.person(e.subjectUserId) : undefined;
    const target = e.targetType && e.targetId ? refs.target(e.targetType, e.targetId) : undefined;
    const sentence = describeEvent(
      {
        action: action ?? "",
        actorType: e.actorType ?? "user",
        actor: actor ?? null,
        subject: subject ?? null,
        target: target ?? null,
        self: !!e.actorId && e.actorId === e.subjectUserId,
        data,
      },
      refs.labels,
    );
    const row: AuditRow = {
      seq: e.seq.toString(),
      at: e.at ? e.at.toISOString() : null,
      timeZone: e.municipalityId
        ? (refs.zoneOf(e.municipalityId) ?? "UTC")
        : opened.scope.kind === "municipality"
          ? opened.scope.muni.timeZone
          : "UTC",
      action,
      actionLabel: action ? actionLabel(action) : "—",
      sentence,
      ...(opened.scope.kind === "platform"
        ? { municipality: e.municipalityId ? (refs.muniName(e.municipalityId) ?? null) : null }
        : {}),
      href: `${base}/${e.seq}`,
    };
    return { row, event: e, refs: { actor, subject, target }, labels: refs.labels };
  });
}

/** The people, records and other rows the events name, each resolved only as far as the viewer may see it. */
async function resolveRefs(viewer: Viewer, scope: Scope, events: Visible[]) {
  const userIds = new Set<string>();
  const targets = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.actorId && (e.actorType === "user" || e.actorType === "token")) userIds.add(e.actorId);
    if (e.subjectUserId) userIds.add(e.subjectUserId);
    if (e.targetType && e.targetId) targets.set(e.targetType, (targets.get(e.targetType) ?? new Set()).add(e.targetId));
    const changed = obj(obj(e.data).changed);
    for (const [field, ch] of Object.entries(changed)) {
      const to = obj(ch).to;
      if (field === "assigneeId" && typeof to === "string") userIds.add(to);
      if (field === "departmentId" && typeof to === "string")
        targets.set("Department", (targets.get("Department") ?? new Set()).add(to));
    }
  }
  const ids = (t: string) => [...(targets.get(t) ?? [])].map((x) => x.slice(0, 64));
  const muniIds = new Set(events.map((e) => e.municipalityId).filter((x): x is string => !!x));
  for (const t of ids("Municipality")) muniIds.add(t);

  const [people, munis, depts, tokens, records] = await Promise.all([
    resolvePeople(viewer, scope, [...userIds]),
    db.municipality.findMany({ where: { id: { in: [...muniIds] } }, select: MUNI_SELECT }),
    db.department.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("Department"), { id: { in: ids("Department") } }] },
      select: { id: true, name: true, municipalityId: true },
    }),
    db.apiToken.findMany({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("ApiToken"), { id: { in: ids("ApiToken") } }] },
      select: { id: true, name: true },
    }),
    Promise.all(
      [...targets.keys()].filter(isRecordModel).map(async (model) => {
        const found = await delegateOf(model).findMany({
          where: scopedWhere(viewer, "read", model, { id: { in: ids(model) } }),
        });
        return found.map(
          (r) =>
            [
              `${model}:${String(r.id)}`,
              { model, row: project(viewer.ability, "read", model, r, MODEL_FIELDS[model]) },
            ] as const,
        );
      }),
    ),
  ]);
  const muniById = new Map(munis.map((m) => [m.id, m]));
  const readableMunis = new Set(
    (
      await db.municipality.findMany({
        where: { AND: [accessibleBy(viewer.ability, "read").ofType("Municipality"), { id: { in: [...muniIds] } }] },
        select: { id: true },
      })
    ).map((m) => m.id),
  );
  const recordById = new Map(records.flat());
  const deptById = new Map(depts.map((d) => [d.id, d]));
  const tokenById = new Map(tokens.map((t) => [t.id, t]));

  const department = (id: string): Ref | undefined => {
    const d = deptById.get(id);
    if (!d) return undefined;
    const slug = muniById.get(d.municipalityId)?.slug;
    return {
      label: `“${d.name}”`,
      ...(slug && scope.kind === "municipality" ? { href: `/admin/${slug}/departments/${d.id}` } : {}),
    };
  };
  const target = (type: string, id: string): Ref | undefined => {
    if (isRecordModel(type)) {
      const r = recordById.get(`${type}:${id}`);
      if (!r) return undefined;
      const ref = typeof r.row.reference === "string" ? r.row.reference : undefined;
      const title =
        typeof r.row.title === "string" ? r.row.title : typeof r.row.name === "string" ? r.row.name : undefined;
      const slug = typeof r.row.municipalityId === "string" ? muniById.get(r.row.municipalityId)?.slug : undefined;
      const text = [ref, title ? `“${title}”` : undefined].filter(Boolean).join(" ");
      if (!text) return undefined;
      return { label: text, ...(slug ? { href: `/w/${slug}/${recordType(type).paths.page}/${id}` } : {}) };
    }
    if (type === "Department") return department(id);
    if (type === "ApiToken") {
      const t = tokenById.get(id);
      return t ? { label: `the API token “${t.name}”` } : undefined;
    }
    if (type === "Municipality") {
      const m = muniById.get(id);
      if (!m || !readableMunis.has(id)) return undefined;
      return { label: m.name, ...(scope.kind === "platform" ? { href: `/platform/municipalities/${m.slug}` } : {}) };
    }
    return undefined;
  };
  const labels: Labels = {
    group: (g) => groupLabel(g),
    field: (model, f) =>
      model === "Municipality"
        ? ((SETTINGS_LABELS as Record<string, string>)[f] ?? fieldLabel(f))
        : fieldLabel(f, isRecordModel(model) ? model : undefined),
    value: (_model, f, v) => sentenceValue(f, v),
    ref: (kind, id) => (kind === "person" ? people.get(id) : department(id)),
  };
  return {
    person: (id: string) => people.get(id),
    target,
    labels,
    zoneOf: (id: string) => (muniById.get(id) ? knownZone(muniById.get(id)!.timeZone) : undefined),
    muniName: (id: string) => muniById.get(id)?.name,
  };
}

/** A value short and plain enough for a sentence ("In progress", “Main St”); else undefined (the event's page has it). */
function sentenceValue(field: string, v: unknown): string | undefined {
  if (v === null || v === undefined || v === "") return "nothing";
  if (isEnumField(field) && typeof v === "string") return label(v);
  if (typeof v === "boolean" || typeof v === "number") return label(v);
  if (typeof v === "string" && v.length <= 40 && !/\n/.test(v) && !/^\d{4}-\d\d-\d\dT/.test(v)) return `“${v}”`;
  return undefined;
}

/**
 * People by id as the viewer may see them: in a municipality's log, those with a membership there
 * the viewer may read (linked to their page in the console); in the platform log, those whose
 * account the viewer may read. Anyone else is left out — the sentence says "someone".
 */
async function resolvePeople(viewer: Viewer, scope: Scope, ids: string[]): Promise<Map<string, Ref>> {
  const wanted = ids.map((x) => x.slice(0, 64));
  if (scope.kind === "municipality") {
    const ms = await db.membership.findMany({
      where: {
        AND: [
          accessibleBy(viewer.ability, "read").ofType("Membership"),
          { municipalityId: scope.muni.id, userId: { in: wanted } },
        ],
      },
      select: { id: true, user: { select: { id: true, name: true, email: true, erasedAt: true } } },
    });
    return new Map(
      ms.map((m) => [
        m.user.id,
        {
          label: m.user.erasedAt ? "a person whose data was erased" : (m.user.name ?? m.user.email),
          href: `/admin/${scope.muni.slug}/people/${m.id}`,
        },
      ]),
    );
  }
  const us = await db.user.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("User"), { id: { in: wanted } }] },
    select: { id: true, name: true, email: true, erasedAt: true },
  });
  return new Map(
    us.map((u) => [
      u.id,
      { label: u.erasedAt ? "a person whose data was erased" : (u.name ?? u.email), href: `/platform/people/${u.id}` },
    ]),
  );
}

// --- a person's history -----------------------------------------------------------------------

/**
 * A person's history on their page in the admin console: the latest events about them or their
 * membership, read exactly like the municipality's log (its scope, projection and sentences).
 * `canRead` false: the viewer may not read this municipality's audit events (a manager).
 */
export async function personAuditHistory(
  viewer: Viewer,
  m: { id: string; userId: string; municipalityId: string },
  take = 50,
): Promise<{ canRead: boolean; rows: AuditRow[] }> {
  if (!viewer.ability.can("read", subjectOf("AuditEvent", { municipalityId: m.municipalityId })))
    return { canRead: false, rows: [] };
  const opened = await municipalityScope(viewer, m.municipalityId);
  const rows = await db.auditEvent.findMany({
    where: { AND: [opened.where, { OR: [{ subjectUserId: m.userId }, { targetId: m.id }] }] },
    orderBy: { seq: "desc" },
    take,
  });
  return {
    canRead: true,
    rows: (await present(viewer, opened, rows)).map((p) => p.row).filter((r) => r.at && r.action),
  };
}

// --- one event -----------------------------------------------------------------------------------

export type AuditDetail = {
  row: AuditRow;
  /**
   * Every field the viewer may read, labelled; values as text or a reference. `code`: a value
   * meant to be copied as it is (the request id, to find the server's log lines), not words.
   */
  fields: { label: string; value: string | Ref; code?: true }[];
  /** What the event's data says, field by field (ids left to the raw event). */
  details: { label: string; value: string }[];
  /** The event as stored, cut to the fields the viewer may read. */
  raw: string;
  chain: {
    seq: string;
    previousSeq: string | null;
    nextSeq: string | null;
    hashVersion: number | null;
    hash: string | null;
    prevHash: string | null;
    /** The previous event's hash is the one this event names (the link holds). */
    linked: boolean;
    /** The event's hash matches its content and the previous hash (keyed with AUDIT_KEY). */
    hashMatches: boolean;
  };
};

const SEQ = /^[0-9]{1,18}$/;

/** One event of a municipality's log; outside its reach (or not an event) "not found". */
export async function getAuditEvent(viewer: Viewer, municipalityId: string, seq: string): Promise<AuditDetail> {
  return detailOf(viewer, await municipalityScope(viewer, municipalityId), seq);
}

/** One event of the platform log. */
export async function getPlatformAuditEvent(viewer: Viewer, seq: string): Promise<AuditDetail> {
  return detailOf(viewer, platformScope(viewer), seq);
}

const ACTOR_KINDS: Record<string, string> = {
  user: "a person",
  token: "an API token",
  system: "Gatehouse (a scheduled job)",
  anonymous: "someone not signed in",
  directory: "the directory sync (SCIM)",
};

async function detailOf(viewer: Viewer, opened: Opened, seqText: string): Promise<AuditDetail> {
  if (!SEQ.test(seqText)) throw new NotFoundError();
  const seq = BigInt(seqText);
  const e = await db.auditEvent.findFirst({ where: { AND: [opened.where, { seq }] } });
  if (!e) throw new NotFoundError();
  const [p] = await present(viewer, opened, [e]);
  const { row, event: v, refs } = p!;
  const [prev, next] = await Promise.all([
    db.auditEvent.findFirst({
      where: { seq: { lt: seq } },
      orderBy: { seq: "desc" },
      select: { seq: true, hash: true },
    }),
    db.auditEvent.findFirst({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" }, select: { seq: true } }),
  ]);
  // The stored row is the event's content: recomputing its hash needs no copy of the fields.
  const hashMatches = eventHash(e.hashVersion, auditKey(), e.prevHash, e) === e.hash;
  const fields: AuditDetail["fields"] = [];
  const add = (l: string, value: string | Ref | undefined | null, code?: true) => {
    if (value !== undefined && value !== null && value !== "") fields.push({ label: l, value, ...(code && { code }) });
  };
  add("Action", row.actionLabel);
  if (v.actorType !== undefined)
    add(
      "Done by",
      refs.actor ??
        (v.actorType === "user" && v.actorId ? "someone outside your reach" : (ACTOR_KINDS[v.actorType] ?? "someone")),
    );
  if (v.actorType === "token") add("Through", "an API token");
  if (v.subjectUserId !== undefined)
    add("About", v.subjectUserId ? (refs.subject ?? "someone outside your reach") : null);
  if (v.targetType)
    add(
      "Concerns",
      refs.target ?? `${TARGET_LABELS[v.targetType] ?? label(v.targetType)} (this one is not shown to you)`,
    );
  if (opened.scope.kind === "platform" || v.municipalityId === null)
    add(
      "Municipality",
      v.municipalityId ? (row.municipality ?? "another municipality") : "none (an account-level event)",
    );
  add("IP address", v.ip ?? null);
  // The X-Request-Id of the request that wrote it: the key to its lines in the server's log.
  add("Request id", v.requestId ?? null, true);
  const data = obj(v.data);
  const details: AuditDetail["details"] = [];
  for (const [k, val] of Object.entries(data)) {
    if (/Ids?$/.test(k)) continue;
    if (k === "changed") {
      for (const [f, ch] of Object.entries(obj(val))) {
        const c = obj(ch);
        details.push({
          label: `Changed: ${fieldName(e.targetType, f)}`,
          value: /Id$/.test(f) ? "(see the raw event)" : `${plainValue(c.from)} → ${plainValue(c.to)}`,
        });
      }
      continue;
    }
    details.push({
      label: humanKey(k),
      value:
        k === "groups" || k === "added" || k === "removed"
          ? Array.isArray(val)
            ? val.map((g) => groupLabel(String(g))).join(", ") || "none"
            : plainValue(val)
          : plainValue(val),
    });
  }
  const raw = JSON.stringify({ ...v, seq: v.seq.toString() }, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);
  return {
    row,
    fields,
    details,
    raw,
    chain: {
      seq: e.seq.toString(),
      previousSeq: prev ? prev.seq.toString() : null,
      nextSeq: next ? next.seq.toString() : null,
      hashVersion: e.hashVersion,
      hash: e.hash,
      prevHash: e.prevHash,
      linked: (prev?.hash ?? GENESIS_HASH) === e.prevHash,
      hashMatches,
    },
  };
}

function fieldName(model: string | null, f: string): string {
  if (model === "Municipality") return (SETTINGS_LABELS as Record<string, string>)[f] ?? fieldLabel(f);
  return fieldLabel(f, model && isRecordModel(model) ? (model as RecordModel) : undefined);
}

/** "failedInARow" → "Failed in a row". */
function humanKey(k: string): string {
  const w = k
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** A data value as words: enums and booleans as labels, lists joined, nested values as short JSON. */
function plainValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return /^[A-Z][A-Z_]+$/.test(v) ? label(v) : v;
  if (typeof v === "boolean" || typeof v === "number") return label(v);
  if (Array.isArray(v)) return v.length ? v.map(plainValue).join(", ") : "none";
  return JSON.stringify(v);
}

// --- for the pages ---------------------------------------------------------------------------------

export type AuditPageData =
  | {
      ok: true;
      rows: AuditRow[];
      page: number;
      pageCount: number;
      total: number;
      choices: AuditChoices;
      timeZone: string;
    }
  | {
      ok: false;
      message: string;
      errors: Record<string, string[] | undefined>;
      choices: AuditChoices;
      timeZone: string;
    };

/**
 * A log page: its events, or — when a filter is not valid — the message and each filter's error
 * with the lists still on offer, so the form shows what was chosen and why it was refused.
 * `municipalityId` null: the platform log.
 */
export async function auditPage(
  viewer: Viewer,
  municipalityId: string | null,
  q: AuditQuery,
  pageSize = 50,
): Promise<AuditPageData> {
  const opened = municipalityId === null ? platformScope(viewer) : await municipalityScope(viewer, municipalityId);
  const tz = opened.scope.kind === "municipality" ? opened.scope.muni.timeZone : "UTC";
  try {
    const log = await openLog(viewer, opened, q);
    return { ok: true, ...(await log.page(log.pageNumber, pageSize)), choices: log.choices, timeZone: log.timeZone };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return {
      ok: false,
      message: e.message,
      errors: e.fieldErrors,
      choices: await choicesFor(viewer, opened.scope),
      timeZone: tz,
    };
  }
}

/** The query keys of a municipality's log page and export, and of the platform's. */
export const AUDIT_KEYS = ["action", "actor", "person", "target", "from", "to", "page"] as const;
export const PLATFORM_AUDIT_KEYS = [...AUDIT_KEYS, "municipality"] as const;

// For the pages and the export (app/ does not import lib/audit itself).
export type { Ref, Sentence } from "@/lib/audit/describe";
export { sentenceText } from "@/lib/audit/describe";
export { localTime, utcTime } from "@/lib/audit/when";
