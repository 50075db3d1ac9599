// Route handlers for the JSON API, shared by the staff API (/api/v1, session or bearer, staff
// view) and the public API (/api/public/v1, anonymous, public view): the same lib/data calls
// the pages make, so the API returns the same rows and fields as the pages.
import "server-only";
import { z } from "zod";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { apiViewer, errorResponse, pathId, queryOf } from "./api";
import { validationErrorOf, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { recordsOf } from "@/lib/data/record-store";
import type { RecordModel, RecordTypeDef } from "@/lib/records";
import type { TimelineOptions } from "@/lib/data/request-timeline";
import { listQuerySchema } from "@/lib/records/list";
import { createHandler, updateHandler } from "./write-routes";
import { pagingQuery } from "./paging";

type Getter = (viewer: Viewer, id: string) => Promise<object>;

async function viewerFor(req: Request, staff: boolean): Promise<Viewer | Response> {
  return staff ? apiViewer(req, { staff: true }) : anonymousViewer();
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationErrorOf(r.error, { message: "Some query parameters are not valid." });
  return r.data;
}

/**
 * GET list: the query is validated by zod before lib/data sees it (unknown parameters, bad enum
 * values, out-of-range limits are a 400 problem), then paged by cursor.
 */
export function listHandler<S extends z.ZodType>(
  schema: S,
  list: (
    viewer: Viewer,
    query: z.output<S> & { cursor?: string; limit?: number },
  ) => Promise<{ rows: object[]; nextCursor: string | null }>,
  staff: boolean,
) {
  return async (req: Request) => {
    const viewer = await viewerFor(req, staff);
    if (viewer instanceof Response) return viewer;
    try {
      const { cursor, limit, ...rest } = queryOf(req);
      const paging = parse(pagingQuery, { cursor, limit });
      // page/pageSize belong to the pages' offset paging; the API pages by cursor only.
      if ("page" in rest || "pageSize" in rest)
        throw new ValidationError("Use cursor and limit to page.", { page: ["not supported; use cursor"] });
      const query = parse(schema, rest);
      const page = await list(viewer, Object.assign({}, query, paging));
      return Response.json(
        { data: page.rows, nextCursor: page.nextCursor },
        { headers: { "Cache-Control": staff ? "no-store" : "public, max-age=30" } },
      );
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function getHandler(get: Getter, staff: boolean) {
  return async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
    const viewer = await viewerFor(req, staff);
    if (viewer instanceof Response) return viewer;
    try {
      return Response.json(
        { data: await get(viewer, pathId((await ctx.params).id)) },
        { headers: { "Cache-Control": "no-store" } },
      );
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * The route handlers of a record type: /<api> (GET list, POST create) and /<api>/{id} (GET one,
 * PATCH). The public API's route files export only the GETs. `timeline`: what a type with a
 * timeline hands lib/data with each write (the flow's hook, from the route file).
 */
export function recordRoutes<M extends RecordModel>(
  type: M | RecordTypeDef<M>,
  opts: {
    staff: boolean;
    timeline?: TimelineOptions;
    /** More of the record for GET /<api>/{id}, read for the same viewer (a request's photos). */
    detail?: (viewer: Viewer, record: Record<string, unknown>) => Promise<object>;
  },
) {
  const records = recordsOf(type);
  const detail = opts.detail;
  const get: Getter = detail
    ? async (viewer, id) => {
        const record = (await records.get(viewer, id)) as Record<string, unknown>;
        return { ...record, ...(await detail(viewer, record)) };
      }
    : records.get;
  return {
    list: listHandler(listQuerySchema(records.def), records.listAfter, opts.staff),
    get: getHandler(get, opts.staff),
    create: createHandler((viewer, input) => records.create(viewer, input, opts.timeline)),
    update: updateHandler((viewer, id, input) => records.update(viewer, id, input, undefined, {}, opts.timeline)),
  };
}
