// The JSON API of a request's timeline: GET /api/v1/service-requests/{id}/events lists the
// entries the caller's policy lets them read (oldest first, fields projected per row); POST adds
// an internal note or a public comment where the policy lets the caller write that kind. The
// request must be one the caller may read: otherwise 404, whatever the body says.
import "server-only";
import { validationErrorOf } from "@/lib/errors";
import { newEntrySchema } from "@/lib/records/timeline-words";
import { addRequestEntries, assertRequestInReach, requestTimeline, type EntryHook } from "@/lib/data/request-timeline";
import { apiViewer, errorResponse, pathId } from "./api";
import { jsonBody } from "./write-routes";

type Ctx = { params: Promise<{ id: string }> };
const NO_STORE = { "Cache-Control": "no-store" };

export function requestEventRoutes(opts: { onEntry?: EntryHook } = {}) {
  return {
    async GET(req: Request, ctx: Ctx) {
      const viewer = await apiViewer(req, { staff: true });
      if (viewer instanceof Response) return viewer;
      try {
        const entries = await requestTimeline(viewer, pathId((await ctx.params).id));
        return Response.json({ data: entries }, { headers: NO_STORE });
      } catch (err) {
        return errorResponse(err);
      }
    },
    async POST(req: Request, ctx: Ctx) {
      const viewer = await apiViewer(req, { staff: true });
      if (viewer instanceof Response) return viewer;
      try {
        const id = pathId((await ctx.params).id);
        await assertRequestInReach(viewer, id);
        const parsed = newEntrySchema.safeParse(await jsonBody(req));
        if (!parsed.success) throw validationErrorOf(parsed.error, { known: ["kind", "body"] });
        const [entryId] = await addRequestEntries(viewer, id, [parsed.data], { onEntry: opts.onEntry });
        const entry = (await requestTimeline(viewer, id)).find((e) => e.id === entryId);
        return Response.json({ data: entry ?? { id: entryId } }, { status: 201, headers: NO_STORE });
      } catch (err) {
        return errorResponse(err);
      }
    },
  };
}
