import { notFound, redirect } from "next/navigation";
import { clipFor } from "@/lib/data/clips";
import { orNotFound, requireWorkspacePage } from "@/lib/pages/scope";

// A saved clip's latest result, as a link to share (issue 21): sends the browser to the clip's
// page showing that run; "not found" for a clip outside reach (this workspace's only) or one that
// has not run yet.
export default async function LatestClipResult({ params }: { params: Promise<{ slug: string; clipId: string }> }) {
  const { slug, clipId } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug, "clips");
  const clip = await orNotFound(clipFor(viewer, clipId, { municipalityId: ws.municipality.id }));
  if (!clip.latestRunId) notFound();
  redirect(`/w/${slug}/clips/${clip.id}?run=${clip.latestRunId}#result`);
}
