// A record type's list: the strict query schema (filters, search, sort, paging), the parameter
// names pages and exports read from the URL, and the query → where/orderBy translation. Search
// and sort touch only fields every reader of the list may see (the public ones), so neither can
// be used to infer hidden values.
import { z } from "zod";
import type { FilterContext, FilterDef, RecordTypeDef } from "./define";
import { filterText } from "./fields";
import { MAX_PAGE_SIZE, pagingFields } from "@/lib/schemas/paging";

type AnyDef = RecordTypeDef;

export const pageSchema = pagingFields;

/**
 * Lists count exactly up to this many rows, then say "10,000+": counting every row of a large
 * municipality costs time in proportion to the table (bench/report.md), a capped count does not.
 */
export const COUNT_CAP = 10_000;

/**
 * Page and page size from a URL for lists without a strict query schema (outbox, invitations,
 * approvals): anything unreadable falls back to the first page and the default size, and the size
 * is capped at pageSchema's maximum, so no address can ask for more rows than a list gives.
 */
export function paging(
  raw: { page?: string; pageSize?: string },
  defaultSize = 25,
): { page: number; pageSize: number } {
  const n = (v: string | undefined) => (v && /^\d{1,6}$/.test(v) ? Number(v) : NaN);
  const page = n(raw.page);
  const size = n(raw.pageSize);
  return {
    page: page >= 1 ? page : 1,
    pageSize: size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : defaultSize,
  };
}

/** Where a page of `total` rows stands (never fewer than one page). */
export function pagePosition(total: number, q: { page: number; pageSize: number }) {
  return { total, page: q.page, pageSize: q.pageSize, pageCount: Math.max(1, Math.ceil(total / q.pageSize)) };
}

export const searchSchema = filterText(200)
  .optional()
  .transform((s) => (s ? s : undefined));

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not a valid id");

const schemas = new WeakMap<AnyDef, z.ZodType>();

/** The strict list query of a record type (what lib/data and the JSON API accept). */
export function listQuerySchema(def: AnyDef) {
  let s = schemas.get(def);
  if (!s) {
    const filters = Object.fromEntries(Object.entries(def.list.filters).map(([k, f]) => [k, f.schema.optional()]));
    s = z
      .object({
        municipalityId: idSchema.optional(),
        ...filters,
        q: searchSchema,
        sort: z.enum(def.list.sorts).default(def.list.defaultSort as never),
        ...pageSchema,
        dir: z.enum(["asc", "desc"]).default(def.list.defaultDir),
      })
      .strict();
    schemas.set(def, s);
  }
  return s as z.ZodObject<Record<string, z.ZodType>>;
}

export type ListQuery = {
  municipalityId?: string;
  q?: string;
  sort?: string;
  dir?: "asc" | "desc";
  page?: number | string;
  pageSize?: number | string;
} & Record<string, unknown>;
export type ParsedListQuery = {
  municipalityId?: string;
  q?: string;
  sort: string;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
} & Record<string, unknown>;

/** The URL parameters of a list page: search, filters, sort, direction, page, page size. */
export function listKeys(def: AnyDef): string[] {
  return ["q", ...Object.keys(def.list.filters), "sort", "dir", "page", "pageSize"];
}

function containsAny(q: string | undefined, fields: string[]): object {
  if (!q) return {};
  return { OR: fields.map((f) => ({ [f]: { contains: q, mode: "insensitive" } })) };
}

/** The filters of the parsed query that are set and read a field not every reader sees (FilterDef.field). */
export function guardedFilterFields(def: AnyDef, q: ParsedListQuery): string[] {
  return (Object.entries(def.list.filters) as [string, FilterDef][])
    .filter(([name, f]) => f.field && q[name] !== undefined)
    .map(([, f]) => f.field!);
}

/** The parsed query as a Prisma where (before lib/data ANDs the ability's scope onto it). */
export function whereOf(def: AnyDef, q: ParsedListQuery, ctx: FilterContext = { userId: null }): object {
  const out: Record<string, unknown> = {};
  if (q.municipalityId) out.municipalityId = q.municipalityId;
  for (const [name, f] of Object.entries(def.list.filters) as [string, FilterDef][]) {
    const v = q[name];
    if (f.where) Object.assign(out, (f.where as (v: unknown, c: FilterContext) => object)(v, ctx));
    else if (v !== undefined) out[name] = v;
  }
  return { ...out, ...containsAny(q.q, def.list.search.fields) };
}

export function orderByOf(def: AnyDef, q: ParsedListQuery): object[] {
  return [{ [q.sort]: q.dir }, { id: def.list.idDir === "asc" ? "asc" : q.dir }];
}
