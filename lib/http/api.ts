// JSON API plumbing: who is calling (bearer token or session cookie), problem-details errors
// (RFC 9457), and the same typed-error mapping as pages. Never a stack trace or database text.
import "server-only";
import { isAppError, NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema } from "@/lib/records/list";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "@/lib/db-faults";
import { getViewerForRequest } from "@/lib/auth/current-session";
import { VIEW_AS_READ_ONLY } from "@/lib/auth/view-as";
import type { Viewer } from "@/lib/identity/viewer";

export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { type: "about:blank", title, status, ...(detail ? { detail } : {}), ...extra },
    { status, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store" } },
  );
}

const TITLES: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  429: "Too many requests",
  503: "Service unavailable",
};

export function errorResponse(err: unknown): Response {
  if (err instanceof ValidationError) return problem(400, "Invalid request", err.message, { errors: err.fieldErrors });
  if (isAppError(err)) return problem(err.status, TITLES[err.status] ?? "Request failed", err.message);
  if (isDatabaseUnavailable(err)) {
    console.error("database unavailable:", err instanceof Error ? err.message : err);
    const res = problem(503, "Service unavailable", UNAVAILABLE_MESSAGE);
    res.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
    return res;
  }
  console.error(err);
  return problem(500, "Internal error", "Something went wrong on our side; nothing was changed.");
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The staff API's caller, through lib/auth's one entry point. A presented-but-invalid token is a 401, never a silent anonymous. */
export async function apiViewer(req: Request, opts: { staff: boolean }): Promise<Viewer | Response> {
  let found: Awaited<ReturnType<typeof getViewerForRequest>>;
  try {
    found = await getViewerForRequest(req, { staff: opts.staff });
  } catch (err) {
    // Who is asking is read from the database: while it is down, a 503 problem, not a bare 500.
    if (isDatabaseUnavailable(err)) return errorResponse(err);
    throw err;
  }
  const { invalidToken, ...viewer } = found;
  if (invalidToken) return problem(401, "Unauthorized", "The API token is unknown, expired or revoked.");
  if (opts.staff && viewer.principal.kind === "anonymous")
    return problem(401, "Unauthorized", "Send a session cookie or an Authorization: Bearer token.");
  // A session viewing as someone (lib/auth/view-as.ts) is read-only: no change through the API either.
  if (viewer.principal.kind === "user" && viewer.principal.viewAs && !READ_METHODS.has(req.method.toUpperCase()))
    return problem(403, "Forbidden", VIEW_AS_READ_ONLY);
  return viewer;
}

/**
 * An id from the URL path. Every id is a cuid (seed and probe ids use the same letters, digits,
 * "_" and "-"); anything else names no record, so it is "not found" without asking the database —
 * which would answer a NUL byte with an error, not an empty result.
 */
export function pathId(raw: string): string {
  if (!idSchema.safeParse(raw).success) throw new NotFoundError();
  return raw;
}

/**
 * PostgreSQL cannot store or compare text holding a NUL byte; say so instead of failing in the
 * query. Walks parsed JSON with an explicit stack (a hostile body may nest thousands deep).
 */
export function assertNoNul(value: unknown, where: string): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) throw new ValidationError(`${where} contains a NUL character.`);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) stack.push(k, child);
    }
  }
}

/** Query parameters as a plain object; prototype-polluting names are refused outright. */
export function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URL(req.url).searchParams) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k))
      throw new ValidationError(`Unknown parameter "${k.slice(0, 40)}".`, { [k.slice(0, 40)]: ["unknown parameter"] });
    assertNoNul(v, `The parameter "${k}"`);
    out[k] = v;
  }
  return { ...out };
}
