// The shared core of lib/data: every read is scoped in the query itself by
// accessibleBy(ability, action).ofType(Model) AND-ed with the caller's filters, and every row
// is projected to the fields the ability permits on it. Every write is scoped in its own WHERE
// and checks each written field on the target row, in a transaction that first confirms the
// person's access has not changed since the ability was built (./access-version.ts). Out of reach
// is always "not found". Record types come from the registry (lib/records): their delegates and
// fields; ./record-store.ts adds each type's schemas and hooks on top of these primitives.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import type { Action } from "@/lib/policy/subjects";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema } from "@/lib/records/list";
import { RECORD_TYPES, type RecordClient, type RecordModel } from "@/lib/records";
import { columnsFor, permittedFields, project } from "./project";
import { assertAccessCurrent } from "./access-version";
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

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number; pageCount: number };

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
  const [rows, total] = await Promise.all([
    d.findMany({
      where,
      orderBy: args.orderBy,
      skip: (args.page - 1) * args.pageSize,
      take: args.pageSize,
      select: Object.fromEntries(columns.map((c) => [c, true])),
    }),
    d.count({ where }),
  ]);
  return {
    rows: rows.map((r) => project(viewer.ability, action, model, r, all)),
    total,
    page: args.page,
    pageSize: args.pageSize,
    pageCount: Math.max(1, Math.ceil(total / args.pageSize)),
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

function actorOf(viewer: Viewer) {
  return viewer.principal.kind === "user"
    ? {
        actorId: viewer.principal.userId,
        actorType: viewer.principal.via === "token" ? ("token" as const) : ("user" as const),
      }
    : { actorId: null, actorType: "anonymous" as const };
}

/** What an update writes: the caller's fields, and fields that follow from them (`system`, e.g. resolvedAt). */
export type PreparedChange = { changes: Row; system?: Row };

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
  } = {},
): Promise<Row> {
  const before = await loadInReach(viewer, model, id, "read", opts.within);
  const { changes, system } = typeof input === "function" ? input() : { changes: input, system: opts.system };
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
  const actor = actorOf(viewer);
  const version = opts.expectedUpdatedAt ?? (before.updatedAt as Date);
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const d = delegateOf(model, tx);
    const res = await d.updateMany({
      where: { AND: [accessibleBy(viewer.ability, "update").ofType(model), { id, updatedAt: version }] },
      // `system` fields follow from the change (e.g. resolvedAt from status); nobody sets them directly.
      data: {
        ...changes,
        ...system,
        ...coarseFieldsFor(model, changes, before),
        ...(actor.actorId ? { updatedById: actor.actorId } : {}),
      },
    });
    if (res.count !== 1)
      throw new ConflictError("Someone else changed this record in the meantime. Reload it and try again.");
    const changed = Object.fromEntries(
      Object.keys(changes).map((k) => [k, { from: before[k] ?? null, to: changes[k] ?? null }]),
    );
    await recordAudit(tx, {
      action: `${model}.update`,
      ...actor,
      municipalityId: String(before.municipalityId),
      targetType: model,
      targetId: id,
      data: JSON.parse(JSON.stringify({ changed })),
    });
  });
  return getRecord(viewer, model, id);
}

/** Creates a record after checking the action and every provided field against the new row. */
export async function createRecord(viewer: Viewer, model: RecordModel, data: Row, system: Row = {}): Promise<Row> {
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
        ...system,
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
    return row;
  });
  // The creator may not be able to read it back (a citizen's report): return only what they may see.
  const readable = await delegate(model).findFirst({ where: scopedWhere(viewer, "read", model, { id: created.id }) });
  return readable ? project(viewer.ability, "read", model, readable, MODEL_FIELDS[model]) : { id: created.id };
}
