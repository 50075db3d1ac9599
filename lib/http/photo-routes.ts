// The photo byte routes. Staff: /w/<slug>/requests/<id>/photos/<photoId>[/thumb] with the staff
// viewer of the session, private and never cached. Public: /m/<slug>/photos/<photoId>[/thumb] with
// the anonymous viewer (as every portal page), so only a published photo of a public request
// answers; anything else is the same 404 as an unknown id. The bytes are our own re-encoded JPEGs
// (lib/photos), served with their type, nosniff and inline, never as a download or as HTML.
import "server-only";
import { getStaffViewer } from "@/lib/auth/current-session";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { photoBytes, portalMunicipalityId } from "@/lib/data/request-photos";
import { workspaceFor } from "@/lib/data/workspace";
import { isAppError } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db-faults";

type Variant = "full" | "thumb";
type Bytes = Awaited<ReturnType<typeof photoBytes>>;

const notFound = (cache: string) =>
  new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": cache,
      "X-Content-Type-Options": "nosniff",
    },
  });

function bytesResponse(req: Request, b: Bytes, cache: string, variant: Variant): Response {
  const headers = {
    "Content-Type": b.contentType,
    "Cache-Control": cache,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": `inline; filename="${variant === "thumb" ? "photo-thumbnail" : "photo"}.jpg"`,
    "Cross-Origin-Resource-Policy": "same-origin",
    ETag: b.etag,
  };
  if (req.headers.get("if-none-match") === b.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(b.bytes), {
    status: 200,
    headers: { ...headers, "Content-Length": String(b.bytes.length) },
  });
}

async function answer(req: Request, cache: string, variant: Variant, load: () => Promise<Bytes>): Promise<Response> {
  try {
    return bytesResponse(req, await load(), cache, variant);
  } catch (e) {
    if (isAppError(e) && (e.status === 404 || e.status === 403)) return notFound(cache);
    if (isDatabaseUnavailable(e))
      return new Response("The service is unavailable; try again shortly.", {
        status: 503,
        headers: { "Retry-After": "5" },
      });
    throw e;
  }
}

// Staff copies are never stored by a cache; the public's may be, but must be revalidated (an
// unpublished photo stops answering at once: the ETag check runs the policy again).
const STAFF_CACHE = "private, no-store";
const PUBLIC_CACHE = "public, no-cache";

export function staffPhotoRoute(variant: Variant) {
  return async (req: Request, ctx: { params: Promise<{ slug: string; id: string; photoId: string }> }) => {
    const { slug, id, photoId } = await ctx.params;
    return answer(req, STAFF_CACHE, variant, async () => {
      const viewer = await getStaffViewer();
      const ws = await workspaceFor(viewer, slug);
      return photoBytes(viewer, { municipalityId: ws.municipality.id, requestId: id, photoId }, variant);
    });
  };
}

export function publicPhotoRoute(variant: Variant) {
  return async (req: Request, ctx: { params: Promise<{ slug: string; photoId: string }> }) => {
    const { slug, photoId } = await ctx.params;
    return answer(req, PUBLIC_CACHE, variant, async () =>
      photoBytes(await anonymousViewer(), { municipalityId: await portalMunicipalityId(slug), photoId }, variant),
    );
  };
}
