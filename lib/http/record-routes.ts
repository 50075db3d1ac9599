// Route handlers for the JSON API, shared by the staff API (/api/v1, session or bearer, staff
// view) and the public API (/api/public/v1, anonymous, public view): the same lib/data calls
// the pages make, so the API returns the same rows and fields as the pages.
import "server-only";
import { apiViewer, errorResponse, publicViewer, queryOf } from "./api";
import type { Viewer } from "@/lib/data/viewer";

type Lister = (viewer: Viewer, query: Record<string, string>) => Promise<{ rows: object[]; nextCursor: string | null }>;
type Getter = (viewer: Viewer, id: string) => Promise<object>;

async function viewerFor(req: Request, staff: boolean): Promise<Viewer | Response> {
  return staff ? apiViewer(req, { staff: true }) : publicViewer();
}

export function listHandler(list: Lister, staff: boolean) {
  return async (req: Request) => {
    const viewer = await viewerFor(req, staff);
    if (viewer instanceof Response) return viewer;
    try {
      const { cursor, limit, ...query } = queryOf(req);
      const page = await list(viewer, { ...query, ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
      return Response.json({ data: page.rows, nextCursor: page.nextCursor }, { headers: { "Cache-Control": staff ? "no-store" : "public, max-age=30" } });
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
      return Response.json({ data: await get(viewer, (await ctx.params).id) }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
