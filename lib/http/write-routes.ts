// Write endpoints of the staff API (POST to create, PATCH to update). The same lib/data calls as
// the workspace forms: the ability decides rows and fields, a refused field is a 403 naming it,
// an unknown or read-only key a 400 naming it, a record out of reach a 404. Bodies are JSON
// objects of at most 64 KB (a larger one is a 413).
import "server-only";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { apiViewer, assertNoNul, errorResponse, pathId, problem } from "./api";

const MAX_BODY = 64 * 1024;

export async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new ValidationError("Send the body as application/json.");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY)
    throw new PayloadTooLargeError(`The body is too large (${MAX_BODY / 1024} kB at most).`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError("The body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new ValidationError("The body must be a JSON object.");
  assertNoNul(body, "The body");
  return body as Record<string, unknown>;
}

type Creator = (viewer: Viewer, input: Record<string, unknown>) => Promise<{ id: string }>;
type Updater = (viewer: Viewer, id: string, input: Record<string, unknown>) => Promise<object>;

export function createHandler(create: Creator) {
  return async (req: Request) => {
    const viewer = await apiViewer(req, { staff: true });
    if (viewer instanceof Response) return viewer;
    try {
      const created = await create(viewer, await jsonBody(req));
      return Response.json({ data: created }, { status: 201, headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function updateHandler(update: Updater) {
  return async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
    const viewer = await apiViewer(req, { staff: true });
    if (viewer instanceof Response) return viewer;
    try {
      const id = pathId((await ctx.params).id);
      const body = await jsonBody(req);
      // lib/data looks the record up before it reads the body's fields: an unknown id, or one out
      // of reach, is a 404 whatever the body says; then an unknown or read-only key is a 400 naming
      // it, and an empty body ("{}", which would still stamp updatedAt and add an audit event) too.
      return Response.json({ data: await update(viewer, id, body) }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export { problem };
