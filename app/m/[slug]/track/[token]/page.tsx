import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { trackingViewer } from "@/lib/auth/tracking";
import { requestStory } from "@/lib/data/request-story";
import { portalMunicipality } from "../../portal";
import { RequestStoryView } from "../../_story/request-story-view";

// The link is a secret in the URL: not indexed, and never sent on as a referrer.
export const metadata: Metadata = {
  title: "Your report",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { params: Promise<{ slug: string; token: string }> };

export default async function TrackingPage({ params }: Props) {
  const { slug, token } = await params;
  const m = await portalMunicipality(slug);
  // Wrong, expired or another municipality's link: the same neutral page (./not-found.tsx).
  const access = await trackingViewer(m.id, token);
  if (!access) notFound();
  // The request through the citizen group's `$tracking.requestId` rules, like any other read.
  const story = await requestStory(access.viewer, m.id, {
    id: String(access.viewer.principal.kind === "anonymous" ? access.viewer.principal.trackedRequestId : ""),
  });
  if (!story) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm text-slate-500">
        {m.name} · your report. Anyone with this link can see this page; your contact details are never shown.
      </p>
      <RequestStoryView
        story={story}
        slug={m.slug}
        municipality={m.name}
        showPhotos={(story.request as { isPublic?: boolean }).isPublic !== false}
        aside={
          <p className="text-sm text-slate-600">
            {access.subscribed ? (
              <>
                You get an email when the status changes or staff reply.{" "}
                <Link href={`/m/${m.slug}/track/${token}/unsubscribe`} className="text-brand-700 underline">
                  Stop these emails
                </Link>
              </>
            ) : (
              "You no longer get emails about this report."
            )}
          </p>
        }
      />
    </div>
  );
}
