// A CSV download route: signed-in people only (401 otherwise), the query's parameters (without a
// page number) as the filters, a typed error as its status with its message as plain text — a
// filter that is not valid is a 400 that names it, outside reach a 404, never a 500.
import "server-only";
import { getViewer } from "@/lib/auth/current-session";
import { isAppError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";

export async function csvDownload(
  req: Request,
  make: (viewer: Viewer, filters: Record<string, string>) => Promise<{ csv: string; filename: string }>,
): Promise<Response> {
  const viewer = await getViewer();
  if (viewer.principal.kind !== "user") return new Response("Sign in to export.", { status: 401 });
  try {
    // As the page reads its query (lib/http/search-params.ts): the first value of each, empty ones dropped.
    const seen = new Map<string, string>();
    for (const [k, v] of new URL(req.url).searchParams) if (v !== "" && k !== "page" && !seen.has(k)) seen.set(k, v);
    const filters = Object.fromEntries(seen);
    const { csv, filename } = await make(viewer, filters);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isAppError(e))
      return new Response(e.message, { status: e.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw e;
  }
}
