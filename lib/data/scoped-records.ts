// The shared core of lib/data: every read is scoped in the query itself by
// accessibleBy(ability, action).ofType(Model) AND-ed with the caller's filters, and every row
// is projected to the fields the ability permits on it. Every write is scoped in its own WHERE
// and checks each written field on the target row, in a transaction that first confirms the
// person's access has not changed since the ability was built (./access-version.ts). Out of reach
// is always "not found". Record types come from the registry (lib/records): their delegates and
// fields; ./record-store.ts adds each type's schemas and hooks on top of these primitives.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy, createPrismaAbility, subjectOf, type AppAbility } from "@/lib/policy/casl";
import type { Action } from "@/lib/policy/subjects";
import { MODEL_FIELDS, type ModelSubject } from "@/lib/policy/subjects";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { COUNT_CAP, idSchema } from "@/lib/records/list";
import { RECORD_TYPES, type RecordClient, type RecordModel } from "@/lib/records";
import { columnsFor, permittedFields, project } from "./project";
import { assertAccessCurrent } from "./access-version";
import type { DataTx } from "./tx";
import { coarseFieldsFor } from "./coarse-write";
import type { Viewer } from "@/lib/identity/viewer";

export type { RecordModel };
type Row = Record<string, unknown>;

// The extended client's delegates differ per model in their generics; this is the part we use.
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  count(args: object): Promise<number>;
};
type TxDelegate = Delegate & {
  updateMany(args: object): Promise<{ count: number }>;
  create(args: object): Promise<Row>;
};

/** The model's delegate (from its registry entry) on the client or a transaction. */
export function delegateOf(model: RecordModel, client: unknown = db): TxDelegate {
  return RECORD_TYPES[model].delegate(client as RecordClient) as unknown as TxDelegate;
}

function delegate(model: RecordModel): Delegate {
  return delegateOf(model);
}

export function scopedWhere(viewer: Viewer, action: Action, model: RecordModel, filters: object): object {
  return { AND: [accessibleBy(viewer.ability, action).ofType(model), filters] };
}

/**
 * A model name as accessibleBy(…).ofType takes it. lib/identity's ModelSubjects does not list
 * every policy subject (the access review ones are missing), yet the query CASL builds is the same
 * for any model: subjects outside that list are passed through this one cast.
 */
export type QueryableModel = Parameters<ReturnType<typeof accessibleBy<AppAbility>>["ofType"]>[0];

/**
 * The rows on which the viewer may perform `action` AND see `field`: the ability's rules that
 * speak of that field (CASL's rulesFor with a field), turned into a query like accessibleBy. A
 * list filter on a field a limited view withholds is matched only on these rows, so filtering
 * by assignee cannot tell a volunteer who holds a request they may not see the assignee of.
 */
export function fieldVisibleWhere(ability: AppAbility, action: Action, model: ModelSubject, field: string): object {
  // rulesFor answers in priority order (last defined first); an ability is built in definition order.
  const rules = [...ability.rulesFor(action, model, field)].reverse().map((r) => ({
    action,
    subject: model,
    ...(r.conditions ? { conditions: r.conditions } : {}),
    inverted: r.inverted,
  }));
  return accessibleBy(createPrismaAbility<AppAbility>(rules as never), action).ofType(model as QueryableModel);
}

export { COUNT_CAP };

/** `capped`: there are more than `total` (= COUNT_CAP) rows; `pageCount` is then the pages known so far. */
export type Page<T> = {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  capped?: boolean;
};

export type ListArgs = {
  filters: object;
  orderBy: object[];
  page: number;
  pageSize: number;
  action?: Action;
};

export async function listRecords(viewer: Viewer, model: RecordModel, args: ListArgs): Promise<Page<Row>> {
  const action = args.action ?? "read";
  const all = MODEL_FIELDS[model];
  const columns = columnsFor(viewer.ability, action, model, all);
  const where = scopedWhere(viewer, action, model, args.filters);
  const d = delegate(model);
  const [rows, beyond] = await Promise.all([
    d.findMany({
      where,
      orderBy: args.orderBy,
      skip: (args.page - 1) * args.pageSize,
      take: args.pageSize,
      select: Object.fromEntries(columns.map((c) => [c, true])),
    }),
    // Is there a row beyond the cap? One row after skipping COUNT_CAP: a bounded walk. (Prisma's
    // count with `take` measured 5× slower at 100k than at 10k rows in `npm run bench`, where the
    // same LIMIT count written by hand stayed flat.)
    d.findMany({ where, skip: COUNT_CAP, take: 1, select: { id: true } }),
  ]);
  // Within the cap the exact count reads at most COUNT_CAP rows: flat in the table size too.
  const counted = beyond.length ? COUNT_CAP + 1 : await d.count({ where });
  const capped = counted > COUNT_CAP;
  const total = Math.min(counted, COUNT_CAP);
  const known = Math.max(1, Math.ceil(total / args.pageSize));
  return {
    rows: rows.map((r) => project(viewer.ability, action, model, r, all)),
    total,
    page: args.page,
    pageSize: args.pageSize,
    // Beyond the cap the last page is unknown: the pages counted, and one more while pages are full.
    pageCount: capped ? Math.max(known, args.page + (rows.length === args.pageSize ? 1 : 0)) : known,
    ...(capped ? { capped } : {}),
  };
}

/** Cursor pagination for the JSON API: stable on (createdAt desc, id desc)-style orders. */
export async function listRecordsAfter(
  viewer: Viewer,
  model: RecordModel,
  args: { filters: object; orderBy: object[]; take: number; cursor?: string },
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  if (args.cursor !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(args.cursor))
    throw new ValidationError("The cursor is not valid.", { cursor: ["not a valid cursor"] });
  const all = MODEL_FIELDS[model];
  const columns = columnsFor(viewer.ability, "read", model, all);
  const d = delegate(model);
  // Prisma positions a cursor by the cursor row's own values, whatever the WHERE says: a hidden
  // row's id would answer with rows (existence) placed around its sort values. Only a row of this
  // very list may be a cursor. The check and the page run side by side (one round trip of
  // latency, not two); the page is only returned when the check says the cursor is in the list.
  const [check, found] = await Promise.allSettled([
    args.cursor === undefined
      ? Promise.resolve(1)
      : d.count({ where: scopedWhere(viewer, "read", model, { AND: [args.filters, { id: args.cursor }] }) }),
    d.findMany({
      where: scopedWhere(viewer, "read", model, args.filters),
      orderBy: args.orderBy,
      take: args.take + 1,
      ...(args.cursor ? { cursor: { id: args.cursor }, skip: 1 } : {}),
      select: Object.fromEntries(columns.map((c) => [c, true])),
    }),
  ]);
  if (check.status === "rejected") throw check.reason;
  // Whatever the page query did with a foreign cursor, the answer is the same refusal.
  if (check.value !== 1) throw new ValidationError("The cursor is not valid.", { cursor: ["not a valid cursor"] });
  if (found.status === "rejected") throw found.reason;
  const rows = found.value;
  const more = rows.length > args.take;
  const page = rows.slice(0, args.take);
  return {
    rows: page.map((r) => project(viewer.ability, "read", model, r, all)),
    nextCursor: more ? String(page.at(-1)!.id) : null,
  };
}

/** The full row, only if the viewer may perform `action` on it; otherwise NotFoundError. */
export async function loadInReach(
  viewer: Viewer,
  model: RecordModel,
  id: string,
  action: Action = "read",
  within: { municipalityId?: string } = {},
): Promise<Row> {
  // Not an id at all (empty, too long, a NUL byte PostgreSQL would fail on): no such record.
  if (!idSchema.safeParse(id).success) throw new NotFoundError();
  // `within`: the tenant of the page's URL, in the query itself — another municipality's record
  // is "not found" under this one's address, even for a viewer who may read both.
  const row = await delegate(model).findFirst({ where: scopedWhere(viewer, action, model, { id, ...within }) });
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * The whole row of a record the viewer may read in that municipality, or null: for explaining a
 * decision about it (lib/people/explain.ts), never handed to a page.
 */
export async function readableRowIn(
  viewer: Viewer,
  model: RecordModel,
  id: string,
  municipalityId: string,
): Promise<Row | null> {
  return loadInReach(viewer, model, id, "read", { municipalityId }).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
}

/**
 * A record by id alone, unscoped: for the operator's command line (scripts/policy-explain.ts),
 * which asks what a policy would decide about any row. Never reachable from a request.
 */
export async function unsafeRecordById(model: RecordModel, id: string): Promise<Row | null> {
  if (!idSchema.safeParse(id).success) return null;
  return delegate(model).findFirst({ where: { id } });
}

export async function getRecord(
  viewer: Viewer,
  model: RecordModel,
  id: string,
  within: { municipalityId?: string } = {},
): Promise<Row> {
  const row = await loadInReach(viewer, model, id, "read", within);
  return project(viewer.ability, "read", model, row, MODEL_FIELDS[model]);
}

export type Capabilities = { canUpdate: boolean; editableFields: string[]; canDelete: boolean; canArchive: boolean };

/** What the viewer may do with one row: for UIs that hide what the server would refuse anyway. */
export function capabilities(viewer: Viewer, model: RecordModel, row: Row): Capabilities {
  const s = subjectOf(model, row);
  const canUpdate = viewer.ability.can("update", s);
  const editableFields = canUpdate ? permittedFields(viewer.ability, "update", model, row, MODEL_FIELDS[model]) : [];
  // Archiving writes the archive field: offered only when that very field is editable, and once.
  const archive = (RECORD_TYPES[model] as { archive?: { field: string } }).archive;
  return {
    canUpdate,
    editableFields,
    canDelete: viewer.ability.can("delete", s),
    canArchive: !!archive && canUpdate && editableFields.includes(archive.field) && !row[archive.field],
  };
}

/** Who a write names in its audit event and timeline entries. */
export function actorOf(viewer: Viewer) {
  return viewer.principal.kind === "user"
    ? {
        actorId: viewer.principal.userId,
        actorType: viewer.principal.via === "token" ? ("token" as const) : ("user" as const),
      }
    : { actorId: null, actorType: "anonymous" as const };
}

/** What an update writes: the caller's fields, and fields that follow from them (`system`, e.g. resolvedAt). */
export type PreparedChange = { changes: Row; system?: Row | ((changed: Row) => Row) };

/** The actor an audit event and a timeline entry name. */
export type Actor = ReturnType<typeof actorOf>;

/**
 * Writes that belong to a change, in its own transaction (a request's timeline entries): after the
 * update with the row before and after and the fields that really changed; after a create with the
 * new row's id.
 */
export type InTransaction = {
  afterUpdate?: (tx: DataTx, change: { before: Row; after: Row; changed: string[]; actor: Actor }) => Promise<void>;
  afterCreate?: (tx: DataTx, created: { id: string; actor: Actor }) => Promise<void>;
};

/** Equal as a column: dates by time, lists element by element, the rest by value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : false;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  return (a ?? null) === (b ?? null);
}

/** The fields of `changes` whose value differs from the row's. */
export function changedFields(before: Row, changes: Row): string[] {
  return Object.keys(changes).filter((k) => !sameValue(before[k], changes[k]));
}

/**
 * Changes `changes` on one record. Refuses any field the viewer may not update on this row, and
 * writes with the scope and the version (updatedAt) in the WHERE: if someone else changed the
 * record since it was read, nothing is written and the caller gets a ConflictError.
 *
 * `changes` may be a function that validates the caller's input: it runs once the record is
 * known to be in reach, so an unknown id, or one outside the caller's reach, is "not found"
 * whatever the input says — never a validation error about a record the caller cannot see.
 */
export async function updateRecord(
  viewer: Viewer,
  model: RecordModel,
  id: string,
  input: Row | (() => PreparedChange),
  opts: {
    expectedUpdatedAt?: Date;
    system?: Row;
    within?: { municipalityId?: string };
    /** A check of the change against the row (e.g. a category the municipality does not use), after the field checks. */
    guard?: (before: Row, changes: Row) => Promise<void>;
    inTx?: InTransaction;
  } = {},
): Promise<Row> {
  const before = await loadInReach(viewer, model, id, "read", opts.within);
  const prepared = typeof input === "function" ? input() : { changes: input, system: opts.system };
  const { changes } = prepared;
  const s = subjectOf(model, before);
  if (!viewer.ability.can("update", s)) throw new ForbiddenError("You may read this record but not change it.");
  for (const field of Object.keys(changes)) {
    if (!viewer.ability.can("update", s, field)) throw new ForbiddenError(`You may not change ${field}.`);
  }
  const after = { ...before, ...changes };
  // The result must still be a record the viewer may update (e.g. no moving it out of reach).
  if (!viewer.ability.can("update", subjectOf(model, after))) {
    throw new ForbiddenError("That change would move the record outside what you may manage.");
  }
  await opts.guard?.(before, changes);
  // A save that changes nothing writes nothing: no update, no audit event, no timeline entry. A
  // stale version still answers as a conflict, so a form saved over someone's change says so.
  const changed = changedFields(before, changes);
  if (changed.length === 0) {
    if (opts.expectedUpdatedAt && opts.expectedUpdatedAt.getTime() !== (before.updatedAt as Date).getTime())
      throw new ConflictError("Someone else changed this record in the meantime. Reload it and try again.");
    return getRecord(viewer, model, id);
  }
  // Only what differs is written; fields that follow (resolvedAt) follow from that alone.
  const written = Object.fromEntries(changed.map((k) => [k, changes[k]]));
  const system = typeof prepared.system === "function" ? prepared.system(written) : (prepared.system ?? {});
  const actor = actorOf(viewer);
  const version = opts.expectedUpdatedAt ?? (before.updatedAt as Date);
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const d = delegateOf(model, tx);
    const res = await d.updateMany({
      where: { AND: [accessibleBy(viewer.ability, "update").ofType(model), { id, updatedAt: version }] },
      // `system` fields follow from the change (e.g. resolvedAt from status); nobody sets them directly.
      data: {
        ...written,
        ...system,
        ...coarseFieldsFor(model, written, before),
        ...(actor.actorId ? { updatedById: actor.actorId } : {}),
      },
    });
    if (res.count !== 1)
      throw new ConflictError("Someone else changed this record in the meantime. Reload it and try again.");
    await recordAudit(tx, {
      action: `${model}.update`,
      ...actor,
      municipalityId: String(before.municipalityId),
      targetType: model,
      targetId: id,
      data: JSON.parse(
        JSON.stringify({
          changed: Object.fromEntries(changed.map((k) => [k, { from: before[k] ?? null, to: written[k] ?? null }])),
        }),
      ),
    });
    await opts.inTx?.afterUpdate?.(tx, { before, after: { ...before, ...written, ...system }, changed, actor });
  });
  return getRecord(viewer, model, id);
}

/** Creates a record after checking the action and every provided field against the new row. */
/** System values drawn inside the create's transaction (a request's reference from its counter). */
export type SystemValues = Row | ((tx: unknown, data: Row) => Promise<Row>);
/** The transaction client of db.$transaction(async (tx) => …): the extended client's, with its omit. */
export type WriteTx = DataTx;
/**
 * Work that belongs to a new record and must commit or roll back with it (a report's photos, a
 * reporter's tracking follower and its mail).
 */
export type CreatedWithin = (tx: WriteTx, created: { id: string; municipalityId: string }) => Promise<void>;

export async function createRecord(
  viewer: Viewer,
  model: RecordModel,
  data: Row,
  system: SystemValues = {},
  inTx: InTransaction = {},
  within?: CreatedWithin,
): Promise<Row> {
  const s = subjectOf(model, data);
  if (!viewer.ability.can("create", s)) throw new ForbiddenError("You may not create this record here.");
  for (const field of Object.keys(data)) {
    if (!viewer.ability.can("create", s, field)) throw new ForbiddenError(`You may not set ${field}.`);
  }
  const actor = actorOf(viewer);
  const created = await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const d = delegateOf(model, tx);
    const row = await d.create({
      data: {
        ...data,
        ...(typeof system === "function" ? await system(tx, data) : system),
        ...coarseFieldsFor(model, data),
        ...(actor.actorId ? { createdById: actor.actorId, updatedById: actor.actorId } : {}),
      },
      select: { id: true, municipalityId: true },
    });
    await recordAudit(tx, {
      action: `${model}.create`,
      ...actor,
      municipalityId: String(row.municipalityId),
      targetType: model,
      targetId: String(row.id),
    });
    await inTx.afterCreate?.(tx, { id: String(row.id), actor });
    await within?.(tx, { id: String(row.id), municipalityId: String(row.municipalityId) });
    return row;
  });
  // The creator may not be able to read it back (a citizen's report): return only what they may see.
  const readable = await delegate(model).findFirst({ where: scopedWhere(viewer, "read", model, { id: created.id }) });
  return readable ? project(viewer.ability, "read", model, readable, MODEL_FIELDS[model]) : { id: created.id };
}
