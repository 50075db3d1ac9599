// The clips JSON API's plumbing (issue 21; routes in app/api/v1/clips/**): who is calling (a token
// holding the clips group, or a session), which municipality a call is about, strict query
// parsing, and the typed errors as problem documents — "not found" for anyone the policies do not
// give clips here, 503 while clips are not set up. The flows (lib/flows/clips.ts) are called by the
// route files themselves: lib/http sits below lib/flows.
import "server-only";
import type { z } from "zod";
import { clipRunFor, mayUseClips } from "@/lib/data/clips";
import { MAX_PAGE_SIZE } from "@/lib/schemas/paging";
import { NotFoundError, ValidationError, validationErrorOf } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { idSchema } from "@/lib/records/list";
import { apiViewer, errorResponse, queryOf } from "./api";

const NO_STORE = { "Cache-Control": "no-store" };

/** `{ data }` as JSON, never cached. */
export function clipsJson(data: unknown, status = 200, extra: Record<string, unknown> = {}): Response {
  return Response.json({ data, ...extra }, { status, headers: NO_STORE });
}

/** A clips route: the caller (401 without one), then `handle`, its typed errors as problem documents. */
export function clipsRoute<P>(handle: (viewer: Viewer, req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const viewer = await apiViewer(req, { staff: true });
    if (viewer instanceof Response) return viewer;
    try {
      return await handle(viewer, req, await ctx.params);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** The query string parsed by `schema` (strict: an unknown parameter is a 400 naming it). */
export function clipsQuery<S extends z.ZodType>(req: Request, schema: S, omit: readonly string[] = []): z.output<S> {
  const query: Record<string, string> = queryOf(req);
  for (const k of omit) delete query[k];
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationErrorOf(parsed.error, { message: "Some query parameters are not valid." });
  return parsed.data;
}

/**
 * The municipality a call is about: `?municipalityId=` when given (one where the caller may use
 * clips, else "not found"), otherwise the caller's one municipality with clips — a token is bound to
 * one; a person with clips in several must say which.
 */
export function clipsMunicipality(viewer: Viewer, req: Request): string {
  const raw = new URL(req.url).searchParams.get("municipalityId");
  if (raw !== null) {
    if (!idSchema.safeParse(raw).success || !mayUseClips(viewer, raw)) throw new NotFoundError();
    return raw;
  }
  const p = viewer.principal;
  const mine =
    p.kind === "user" ? p.memberships.map((m) => m.municipalityId).filter((m) => mayUseClips(viewer, m)) : [];
  if (mine.length === 1) return mine[0]!;
  if (mine.length === 0) throw new NotFoundError();
  throw new ValidationError("You use clips in several municipalities: say which with ?municipalityId=.", {
    municipalityId: ["Municipality: required when you use clips in several municipalities."],
  });
}

/**
 * A run just made: 201 with the run (its first page of rows, up to 100). A query PostgreSQL
 * refused is a run too — `status: "FAILED"` and PostgreSQL's message in `error`.
 */
export async function runAnswer(viewer: Viewer, made: { runId: string }): Promise<Response> {
  return clipsJson(await clipRunFor(viewer, made.runId, { page: 1, pageSize: MAX_PAGE_SIZE }), 201);
}
