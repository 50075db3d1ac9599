// The one read and write path of every registered record type (lib/records): list (offset pages
// for the app, cursor pages for the API), get, create, update and archive, each parsing its input
// with the type's own schemas and running its hooks, then going through the scoped primitives of
// ./scoped-records.ts (accessibleBy(...).ofType(...), per-row field projection, the writer's
// access version confirmed in the write). A new record type needs no code here.
import "server-only";
import type { z } from "zod";
import { NotFoundError, ValidationError, validationErrorOf } from "@/lib/errors";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { recordType, writeSchema, type RecordDTO, type RecordModel, type RecordTypeDef } from "@/lib/records";
import {
  guardedFilterFields,
  listQuerySchema,
  orderByOf,
  whereOf,
  type ListQuery,
  type ParsedListQuery,
} from "@/lib/records/list";
import {
  capabilities,
  createRecord,
  getRecord,
  listRecords,
  listRecordsAfter,
  fieldVisibleWhere,
  loadInReach,
  updateRecord,
  type Capabilities,
  type Page,
  type CreatedWithin,
} from "./scoped-records";
import { drawRequestReference } from "./request-reference";
import { project } from "./project";
import { assertVariantInUse } from "./create-options";
import { assertDepartmentUsable } from "./departments";
import { assertTagsUsable } from "./request-tags";
import { assertAssigneeEligible } from "./assignees";
import { subjectOf } from "@/lib/policy/casl";
import { requestTimelineWrites, type TimelineOptions } from "./request-timeline";
import type { Viewer } from "@/lib/identity/viewer";
import type { DataTx } from "./tx";

export type { ListQuery, Page, Capabilities };

function parseWith<S extends z.ZodType>(schema: S, input: unknown, known?: readonly string[]): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationErrorOf(r.error, known ? { known } : {});
  return r.data;
}

/** The municipality a workspace write acts in: a record of another one is "not found" there. */
type Within = { municipalityId?: string };

/** Record types with a timeline: its entries are written in the change's own transaction. */
const TIMELINES: Partial<Record<RecordModel, typeof requestTimelineWrites>> = { ServiceRequest: requestTimelineWrites };
export type { TimelineOptions };

/**
 * System values a type draws inside its create's transaction: a request's reference from the
 * municipality's counter, and whether it is public at once (the moderation setting).
 */
const DRAWN_ON_CREATE: Partial<Record<RecordModel, (tx: DataTx, row: Row) => Promise<Row>>> = {
  ServiceRequest: async (tx, row) => {
    const drawn = await drawRequestReference(tx, String(row.municipalityId));
    return { reference: drawn.reference, isPublic: drawn.reportsPublicAtOnce };
  },
};
type Row = Record<string, unknown>;

const definedOnly = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The records of one type, through the policies. */
export function recordsOf<M extends RecordModel>(modelOrDef: M | RecordTypeDef<M>) {
  const def = typeof modelOrDef === "string" ? recordType(modelOrDef) : modelOrDef;
  const model = def.model;
  type DTO = RecordDTO<M>;
  const known = MODEL_FIELDS[model];
  const parseList = (query: unknown) => parseWith(listQuerySchema(def as RecordTypeDef), query) as ParsedListQuery;
  /**
   * The list's where: the query's filters ("assigned to me" is the viewer), and for each filter on
   * a field not every reader sees, only rows where the viewer may read that field.
   */
  const filtersOf = (viewer: Viewer, q: ParsedListQuery): object => {
    const userId = viewer.principal.kind === "user" ? viewer.principal.userId : null;
    const where = whereOf(def as RecordTypeDef, q, { userId });
    const guarded = guardedFilterFields(def as RecordTypeDef, q);
    if (!guarded.length) return where;
    return { AND: [where, ...guarded.map((f) => fieldVisibleWhere(viewer.ability, "read", model, f))] };
  };

  /**
   * Choices that depend on the municipality: a category it uses, one of its departments that is
   * not archived. What the row already has (`before`) stays allowed.
   */
  async function checkChoices(
    municipalityId: unknown,
    values: Record<string, unknown>,
    before?: Record<string, unknown>,
  ) {
    const variant = def.variant.field;
    if (variant in values && values[variant] !== before?.[variant])
      await assertVariantInUse(model, municipalityId, values[variant]);
    if ("departmentId" in values)
      await assertDepartmentUsable(municipalityId, values.departmentId, before?.departmentId);
    // A request's tags are its municipality's own; its assignee someone who may work it.
    if (model === "ServiceRequest" && before) {
      if ("tags" in values) await assertTagsUsable(String(municipalityId), values.tags, before.tags);
      if ("assigneeId" in values && values.assigneeId !== before.assigneeId)
        await assertAssigneeEligible(before, values.assigneeId);
    }
  }

  return {
    def,

    async list(viewer: Viewer, query: ListQuery = {}): Promise<Page<DTO>> {
      const q = parseList(query);
      return (await listRecords(viewer, model, {
        filters: filtersOf(viewer, q),
        orderBy: orderByOf(def as RecordTypeDef, q),
        page: q.page,
        pageSize: q.pageSize,
      })) as Page<DTO>;
    },

    /** Cursor pages for the JSON API. */
    async listAfter(
      viewer: Viewer,
      query: ListQuery & { cursor?: string; limit?: number },
    ): Promise<{ rows: DTO[]; nextCursor: string | null }> {
      const { cursor, limit, ...rest } = query;
      const q = parseList(rest);
      const take = Math.min(Math.max(Number(limit ?? 50) || 50, 1), 100);
      return (await listRecordsAfter(viewer, model, {
        filters: filtersOf(viewer, q),
        orderBy: orderByOf(def as RecordTypeDef, q),
        take,
        cursor,
      })) as { rows: DTO[]; nextCursor: string | null };
    },

    async get(viewer: Viewer, id: string): Promise<DTO> {
      return (await getRecord(viewer, model, id)) as DTO;
    },

    /**
     * One record of the municipality in the page's URL, with what the viewer may do with it. The
     * tenant is part of the query: a record of another municipality is "not found" here.
     */
    async detail(viewer: Viewer, id: string, municipalityId: string): Promise<{ record: DTO; can: Capabilities }> {
      const row = await loadInReach(viewer, model, id, "read", { municipalityId });
      return {
        record: project(viewer.ability, "read", model, row, known) as DTO,
        can: capabilities(viewer, model, row),
      };
    },

    /**
     * Creates a record; the ability decides where (own municipality) and which fields. The
     * timeline's entries and `within` (a report's photos, a reporter's tracking follower) are
     * written in the same transaction once the row exists. `flowSystem`: values the caller's flow
     * sets, not the submitter (a citizen account's own id as reporter).
     */
    async create(
      viewer: Viewer,
      input: unknown,
      timeline?: TimelineOptions,
      within?: CreatedWithin,
      flowSystem: Record<string, unknown> = {},
    ): Promise<DTO> {
      const data = definedOnly(parseWith(writeSchema(def as RecordTypeDef, "create"), input, known) as object);
      const base = def.onCreate?.() ?? { system: {} };
      const made = { ...base, system: { ...base.system, ...flowSystem } };
      const row = data as Record<string, unknown>;
      // Only where the viewer may create at all: elsewhere createRecord refuses without a hint.
      if (viewer.ability.can("create", subjectOf(model, row))) await checkChoices(row.municipalityId, row);
      const draw = DRAWN_ON_CREATE[model];
      let system: Row = made.system;
      const created = await createRecord(
        viewer,
        model,
        data,
        draw ? async (tx, d) => (system = { ...made.system, ...(await draw(tx as DataTx, d)) }) : made.system,
        TIMELINES[model]?.(viewer, timeline),
        within,
      );
      await timeline?.afterCommit?.();
      // System values the creator always gets back (a citizen's reference), whatever they may read.
      const echo = Object.fromEntries((made.echo ?? []).map((k) => [k, system[k]]));
      return { ...echo, ...created } as DTO;
    },

    /** Changes fields; validated once the record is known to be in reach (an unknown id is a 404). */
    async update(
      viewer: Viewer,
      id: string,
      input: unknown,
      expectedUpdatedAt?: Date,
      within: Within = {},
      /** A status change's reason, notes or comments with it, the flow's hook (types with a timeline). */
      timeline?: TimelineOptions,
    ): Promise<DTO> {
      const updated = (await updateRecord(
        viewer,
        model,
        id,
        () => {
          const changes = parseWith(writeSchema(def as RecordTypeDef, "update"), input, known) as Record<
            string,
            unknown
          >;
          if (Object.keys(changes).length === 0) throw new ValidationError("Nothing to change.");
          // What follows (resolvedAt) is worked out from the fields that really change.
          return { changes, system: (changed: Record<string, unknown>) => def.onUpdate?.(changed) ?? {} };
        },
        {
          expectedUpdatedAt,
          within,
          guard: (before, changes) => checkChoices(before.municipalityId, changes, before),
          inTx: TIMELINES[model]?.(viewer, timeline),
        },
      )) as DTO;
      await timeline?.afterCommit?.();
      return updated;
    },

    /** "Delete" archives: the record leaves the lists but its history stays. */
    async archive(viewer: Viewer, id: string, within: Within = {}): Promise<DTO> {
      if (!def.archive) throw new NotFoundError();
      return (await updateRecord(viewer, model, id, { [def.archive.field]: new Date() }, { within })) as DTO;
    },
  };
}

export type RecordStore<M extends RecordModel> = ReturnType<typeof recordsOf<M>>;
