// What both tracking pages (the report, its unsubscribe page) start from: the municipality, the
// link as a viewer (lib/auth/tracking.ts) and the request read through that viewer's policy. A link
// that opens nothing ends in notFound(), so both pages answer with the same neutral not-found page.
import "server-only";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { trackingViewer } from "@/lib/auth/tracking";
import { requestStory } from "@/lib/data/request-story";
import { portalMunicipality } from "../../portal";

/** The link is a secret in the URL: not indexed, and never sent on as a referrer. */
export const trackingMetadata = (title: string): Metadata => ({
  title,
  robots: { index: false, follow: false },
  referrer: "no-referrer",
});

export async function trackedReport(params: Promise<{ slug: string; token: string }>) {
  const { slug, token } = await params;
  const m = await portalMunicipality(slug);
  const access = await trackingViewer(m.id, token);
  if (!access || access.viewer.principal.kind !== "anonymous" || !access.viewer.principal.trackedRequestId) notFound();
  // Through the citizen group's `$tracking.requestId` rules, like any other read.
  const story = await requestStory(access.viewer, m.id, { id: access.viewer.principal.trackedRequestId });
  if (!story) notFound();
  return { m, token, story, subscribed: access.subscribed, link: `/m/${m.slug}/track/${token}` };
}
