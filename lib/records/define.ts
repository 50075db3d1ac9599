// What a governed record type is, in one place: its model and Prisma delegate, the fields a
// person may write (one zod schema per field, used by the browser form, the server action and the
// JSON API alike), which fields are set at creation only or required there, how its lists filter,
// search and sort, and what its form, detail page and list columns show. lib/data, the exports,
// the OpenAPI document, the list parameters and the pages all read these definitions, so a field
// is added in one place. Client-safe: no server imports (the browser form reads the schemas too).
// The policies still decide who may read or write each field; nothing here grants anything.
import { z } from "zod";
import type { Document, HeritageSite, Prisma, ServiceRequest } from "@/lib/generated/prisma/client";

export type RecordModel = "ServiceRequest" | "HeritageSite" | "Document";
export type RowOf<M extends RecordModel> = {
  ServiceRequest: ServiceRequest;
  HeritageSite: HeritageSite;
  Document: Document;
}[M];
/** A record as lib/data returns it: only the fields the viewer may read are present. */
export type RecordDTO<M extends RecordModel = RecordModel> = Partial<RowOf<M>> & { id: string };

/** The delegates of the record models, on the client or inside a transaction. */
export type RecordClient = Pick<Prisma.TransactionClient, "serviceRequest" | "heritageSite" | "document">;

export type InputKind = "text" | "textarea" | "select" | "checkbox" | "url" | "number" | "email";

export type WritableField = {
  /** The value's schema as given (required form; the registry adds optional/default). */
  schema: z.ZodType;
  /** "create": set at creation only; "update": not settable at creation (the system sets it). */
  on?: "both" | "create" | "update";
  /** Must be given on create, and may not be emptied in the form. */
  required?: boolean;
  /** The value a create gets when the field is left out. */
  createDefault?: unknown;
};

export type FieldDef = {
  /** The plain label of the field (detail pages, column headers, CSV readers). */
  label: string;
  /** The form's label, when it says more than the plain one. */
  formLabel?: string;
  input?: InputKind;
  /** Enum values (from the generated enums) for selects and labels; "departments": the municipality's departments. */
  options?: Record<string, string> | "departments";
  hint?: string;
  /** Writable through the form, actions and API; absent = read-only (system) field. */
  write?: WritableField;
  /** false: writable through the API but not shown in the workspace form. */
  form?: boolean;
  /** "person": holds a user id, shown as the person's name (lib/data/people-names.ts). */
  refersTo?: "person";
};

/** Who is filtering: "assigned to me" needs the person's id (null: nobody is "me"). */
export type FilterContext = { userId: string | null };

export type FilterDef = {
  schema: z.ZodType;
  label: string;
  /** The where-clause of a value (default: equality on the field of the same name). */
  where?: (value: never, ctx: FilterContext) => object;
  /**
   * The record field the filter reads, when not every reader of the list may read it: lib/data
   * matches the filter only on rows where the viewer may read that field, so a filter cannot
   * reveal a value the policy withholds (a limited view's assignee, say).
   */
  field?: string;
  /** Options the page reads from the municipality (its departments, tags, people who work requests). */
  choices?: "areas" | "departments" | "tags" | "assignees";
  /** Select options: enum values, or [value, label] pairs; none means not in the filter bar. */
  options?: Record<string, string> | readonly (readonly [string, string])[];
  anyLabel?: string;
};

/** `badge`: the column is a status, shown as a labelled badge of that kind (app/_components/badge.tsx). */
export type ColumnDef = {
  field: string;
  label?: string;
  sort?: string;
  mono?: boolean;
  link?: boolean;
  badge?: "request";
};

export type RecordTypeDef<M extends RecordModel = RecordModel> = {
  model: M;
  delegate: (client: RecordClient) => RecordClient[Uncapitalize<M>];
  /** URL segments: workspace and portal (/w/<slug>/<path>), JSON API (/api/v1/<api>), CSV file name. */
  paths: { page: string; api: string; file: string };
  names: {
    one: string;
    many: string;
    plural: string;
    newButton: string;
    createSubmit: string;
    createdMessage?: (created: Record<string, unknown>) => string;
  };
  fields: Partial<Record<keyof RowOf<M> & string, FieldDef>>;
  /** The field whose value decides where a person may create (an operator's categories, a volunteer's kinds). */
  variant: { field: string; also?: Record<string, unknown> };
  list: {
    filters: Record<string, FilterDef>;
    search: { fields: string[]; placeholder: string };
    sorts: readonly [string, ...string[]];
    defaultSort: string;
    defaultDir: "asc" | "desc";
    /** The tie-breaker's direction: the list's own, or always ascending. */
    idDir: "same" | "asc";
    columns: ColumnDef[];
    /** Columns shown even when no row on the page has them readable. */
    always: string[];
    empty: string;
  };
  /** `retired`: columns kept in the table but shown nowhere (a request's old notes field). */
  detail: { order: string[]; title: string; edit: string; retired?: string[] };
  /** The public portal's list (/m/<slug>/<path>): what the public group's limited view shows. */
  portal: {
    title: string;
    intro?: string;
    /** Filters of the list that the portal offers (the rest are staff-only). */
    filters: string[];
    pageSize: number;
    empty: string;
    /** What the pager counts, when the public calls them otherwise ("reports"). */
    noun?: string;
    /** A table (with these columns), or cards: eyebrow fields, title, optional subtitle and body. */
    columns?: ColumnDef[];
    card?: { eyebrow: string[]; title: string; subtitle?: string[]; body?: string; link?: boolean };
  };
  /** Fields the system sets on create (reference, status), and those the creator always gets back. */
  onCreate?: () => { system: Record<string, unknown>; echo?: string[] };
  /** Fields that follow from a change (resolvedAt from status). */
  onUpdate?: (changes: Record<string, unknown>) => Record<string, unknown>;
  /** "Delete" archives: the field that holds the archive time. */
  archive?: { field: string; button: string; done: string };
};

/**
 * A record type's names from its singular, its list heading and its short noun ("site" for
 * heritage sites): the plural, the "New …" button and the create button follow from them.
 */
export function recordNames(n: {
  one: string;
  many: string;
  short: string;
  createSubmit?: string;
  createdMessage?: RecordTypeDef["names"]["createdMessage"];
}): RecordTypeDef["names"] {
  return {
    one: n.one,
    many: n.many,
    plural: `${n.short}s`,
    newButton: `New ${n.short}`,
    createSubmit: n.createSubmit ?? `Create ${n.short}`,
    ...(n.createdMessage ? { createdMessage: n.createdMessage } : {}),
  };
}

export function defineRecordType<M extends RecordModel>(def: RecordTypeDef<M>): RecordTypeDef<M> {
  return def;
}

type AnyDef = RecordTypeDef<RecordModel>;

/** The writable fields, by name. */
export function writableFields(def: AnyDef, mode: "create" | "update"): [string, WritableField][] {
  return Object.entries(def.fields as Record<string, FieldDef>)
    .filter(([, f]) => f.write && (f.write.on ?? "both") !== (mode === "create" ? "update" : "create"))
    .map(([name, f]) => [name, f.write!]);
}

export function requiredOnCreate(def: AnyDef): string[] {
  return writableFields(def, "create")
    .filter(([, w]) => w.required)
    .map(([n]) => n);
}

/** Set at creation only ("kind and coordinates are set at creation only"). */
export function createOnly(def: AnyDef): string[] {
  return writableFields(def, "create")
    .filter(([, w]) => w.on === "create")
    .map(([n]) => n);
}

const idText = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not a valid id");

/**
 * The one write schema of a record type, per mode. Create: the municipality plus every field
 * settable at creation, required ones required. Update: every field settable after creation, all
 * optional. Strict: an unknown key, or a known one this mode does not take, is an error naming it.
 */
export function writeSchema(def: AnyDef, mode: "create" | "update") {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, w] of writableFields(def, mode)) {
    shape[name] =
      mode === "update"
        ? w.schema.optional()
        : w.required
          ? w.schema
          : w.createDefault !== undefined
            ? w.schema.default(w.createDefault as never)
            : w.schema.optional();
  }
  if (mode === "create") shape.municipalityId = idText;
  return z.object(shape).strict();
}

/**
 * The browser form's schema: the same field schemas, every one optional (the form checks the
 * required ones it shows; the server action parses with writeSchema again).
 */
export function formSchema(def: AnyDef, mode: "create" | "update") {
  return z.object(Object.fromEntries(writableFields(def, mode).map(([n, w]) => [n, w.schema.optional()]))).strict();
}
