// A request as the public or a tracking-link holder sees it: the request's permitted fields, its
// public history (status changes and public comments) and its published photos. Everything is read
// through the viewer's policy: the request first (accessibleBy on ServiceRequest, in this
// municipality), then its entries and photos only for that request AND through accessibleBy on
// RequestEvent / RequestPhoto, each row cut to its permitted fields. No rule, no row.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import type { Viewer } from "@/lib/identity/viewer";
import { project } from "./project";

export type StoryRequest = {
  id: string;
  reference?: string;
  title?: string;
  description?: string;
  category?: string;
  status?: string;
  area?: string;
  approxLatitude?: number | null;
  approxLongitude?: number | null;
  createdAt?: Date;
  updatedAt?: Date;
  resolvedAt?: Date | null;
};
export type StoryEntry = {
  id: string;
  kind: string;
  body?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  createdAt?: Date;
};
export type StoryPhoto = { id: string; width?: number | null; height?: number | null; publishedAt?: Date | null };
export type RequestStory = { request: StoryRequest; entries: StoryEntry[]; photos: StoryPhoto[] };

/** `where` picks the request: by id (a tracking link) or by the reference the public sees. */
export async function requestStory(
  viewer: Viewer,
  municipalityId: string,
  where: { id: string } | { reference: string },
): Promise<RequestStory | null> {
  const a = viewer.ability;
  const row = await db.serviceRequest.findFirst({
    where: { AND: [accessibleBy(a, "read").ofType("ServiceRequest"), { municipalityId }, where] },
  });
  if (!row) return null;
  const scope = { requestId: row.id, municipalityId };
  const [events, photos] = await Promise.all([
    db.requestEvent.findMany({
      where: { AND: [accessibleBy(a, "read").ofType("RequestEvent"), scope] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
    }),
    db.requestPhoto.findMany({
      where: { AND: [accessibleBy(a, "read").ofType("RequestPhoto"), scope] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 50,
    }),
  ]);
  return {
    request: project(a, "read", "ServiceRequest", row, MODEL_FIELDS.ServiceRequest) as StoryRequest,
    entries: events.map((e) => project(a, "read", "RequestEvent", e, MODEL_FIELDS.RequestEvent) as StoryEntry),
    photos: photos.map((p) => project(a, "read", "RequestPhoto", p, MODEL_FIELDS.RequestPhoto) as StoryPhoto),
  };
}
