// The shared core of lib/data: every read is scoped in the query itself by
// accessibleBy(ability, action).ofType(Model) AND-ed with the caller's filters, and every row
// is projected to the fields the ability permits on it. Every write is scoped in its own WHERE
// and checks each written field on the target row, in a transaction that first confirms the
// person's access has not changed since the ability was built. Out of reach is always "not found".
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import type { Action } from "@/lib/policy/subjects";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { columnsFor, permittedFields, project } from "./project";
import { idSchema } from "./query";
import type { Viewer } from "@/lib/identity/viewer";

export type RecordModel = "ServiceRequest" | "HeritageSite" | "Document";
type Row = Record<string, unknown>;

// The extended client's delegates differ per model in their generics; this is the part we use.
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  count(args: object): Promise<number>;
};
type LockTx = { $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T> };
type TxDelegate = Delegate & {
  updateMany(args: object): Promise<{ count: number }>;
  create(args: object): Promise<Row>;
};

const delegateName = { ServiceRequest: "serviceRequest", HeritageSite: "heritageSite", Document: "document" } as const;

function delegate(model: RecordModel): Delegate {
  return db[delegateName[model]] as unknown as Delegate;
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
export async function listRecordsAfter(viewer: Viewer, model: RecordModel, args: { filters: object; orderBy: object[]; take: number; cursor?: string }): Promise<{ rows: Row[]; nextCursor: string | null }> {
  if (args.cursor !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(args.cursor)) throw new ValidationError("The cursor is not valid.", { cursor: ["not a valid cursor"] });
  const all = MODEL_FIELDS[model];
  const columns = columnsFor(viewer.ability, "read", model, all);
  const d = delegate(model);
  // Prisma positions a cursor by the cursor row's own values, whatever the WHERE says: a hidden
  // row's id would answer with rows (existence) placed around its sort values. Only a row of this
  // very list may be a cursor. The check and the page run side by side (one round trip of
  // latency, not two); the page is only returned when the check says the cursor is in the list.
  const [check, found] = await Promise.allSettled([
    args.cursor === undefined ? Promise.resolve(1) : d.count({ where: scopedWhere(viewer, "read", model, { AND: [args.filters, { id: args.cursor }] }) }),
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
  return { rows: page.map((r) => project(viewer.ability, "read", model, r, all)), nextCursor: more ? String(page.at(-1)!.id) : null };
}

/** The full row, only if the viewer may perform `action` on it; otherwise NotFoundError. */
async function loadInReach(viewer: Viewer, model: RecordModel, id: string, action: Action = "read"): Promise<Row> {
  // Not an id at all (empty, too long, a NUL byte PostgreSQL would fail on): no such record.
  if (!idSchema.safeParse(id).success) throw new NotFoundError();
  const row = await delegate(model).findFirst({ where: scopedWhere(viewer, action, model, { id }) });
  if (!row) throw new NotFoundError();
  return row;
}

export async function getRecord(viewer: Viewer, model: RecordModel, id: string): Promise<Row> {
  const row = await loadInReach(viewer, model, id);
  return project(viewer.ability, "read", model, row, MODEL_FIELDS[model]);
}

/** What the viewer may do with one row: for UIs that hide what the server would refuse anyway. */
export function capabilities(viewer: Viewer, model: RecordModel, row: Row): { canUpdate: boolean; editableFields: string[]; canDelete: boolean } {
  const s = subjectOf(model, row);
  const canUpdate = viewer.ability.can("update", s);
  return {
    canUpdate,
    editableFields: canUpdate ? permittedFields(viewer.ability, "update", model, row, MODEL_FIELDS[model]) : [],
    canDelete: viewer.ability.can("delete", s),
  };
}

export async function rowCapabilities(viewer: Viewer, model: RecordModel, id: string) {
  const row = await loadInReach(viewer, model, id);
  return capabilities(viewer, model, row);
}

/**
 * Inside every write transaction, before the write: the access the ability was built from must
 * still be the access the person holds. Every change of access (group change, suspension,
 * approval, deactivation, SSO sync) bumps User.accessVersion in its own transaction, which takes
 * the User row's update lock. FOR SHARE here conflicts with that lock, so PostgreSQL orders the
 * two: either this write holds the share lock first and commits before the change can, or the
 * change committed first and this read sees the new version — and the write is refused as "not
 * found", exactly what the person would get on their next request. Never a write that commits
 * after a removal with the rights it removed. A token is held the same way against revocation.
 * Any version change refuses (also one that added rights): the caller simply retries with the
 * fresh ability of the next request. The people flows (lib/flows: suspension, deactivation,
 * erasure, group change, approval) confirm their actor the same way.
 */
export async function assertAccessCurrent(tx: LockTx, viewer: Viewer): Promise<void> {
  const p = viewer.principal;
  if (p.kind !== "user") return;
  const rows = await tx.$queryRaw<{ accessVersion: number; isActive: boolean }[]>`
    select "accessVersion", "isActive" from "User" where id = ${p.userId} for share`;
  const now = rows[0];
  if (!now || !now.isActive || now.accessVersion !== p.accessVersion) throw new NotFoundError();
  if (p.tokenId) {
    const live = await tx.$queryRaw<{ id: string }[]>`
      select id from "ApiToken" where id = ${p.tokenId} and "revokedAt" is null and "expiresAt" > now() for share`;
    if (live.length !== 1) throw new NotFoundError();
  }
}

function actorOf(viewer: Viewer) {
  return viewer.principal.kind === "user"
    ? { actorId: viewer.principal.userId, actorType: viewer.principal.via === "token" ? ("token" as const) : ("user" as const) }
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
export async function updateRecord(viewer: Viewer, model: RecordModel, id: string, input: Row | (() => PreparedChange), opts: { expectedUpdatedAt?: Date; system?: Row } = {}): Promise<Row> {
  const before = await loadInReach(viewer, model, id);
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
  const actor = actorOf(viewer);
  const version = opts.expectedUpdatedAt ?? (before.updatedAt as Date);
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const d = tx[delegateName[model]] as unknown as TxDelegate;
    const res = await d.updateMany({
      where: { AND: [accessibleBy(viewer.ability, "update").ofType(model), { id, updatedAt: version }] },
      // `system` fields follow from the change (e.g. resolvedAt from status); nobody sets them directly.
      data: { ...changes, ...system, ...(actor.actorId ? { updatedById: actor.actorId } : {}) },
    });
    if (res.count !== 1) throw new ConflictError("Someone else changed this record in the meantime. Reload it and try again.");
    const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, { from: before[k] ?? null, to: changes[k] ?? null }]));
    await recordAudit(tx, { action: `${model}.update`, ...actor, municipalityId: String(before.municipalityId), targetType: model, targetId: id, data: JSON.parse(JSON.stringify({ changed })) });
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
    const d = tx[delegateName[model]] as unknown as TxDelegate;
    const row = await d.create({ data: { ...data, ...system, ...(actor.actorId ? { createdById: actor.actorId, updatedById: actor.actorId } : {}) }, select: { id: true, municipalityId: true } });
    await recordAudit(tx, { action: `${model}.create`, ...actor, municipalityId: String(row.municipalityId), targetType: model, targetId: String(row.id) });
    return row;
  });
  // The creator may not be able to read it back (a citizen's report): return only what they may see.
  const readable = await delegate(model).findFirst({ where: scopedWhere(viewer, "read", model, { id: created.id }) });
  return readable ? project(viewer.ability, "read", model, readable, MODEL_FIELDS[model]) : { id: created.id };
}
