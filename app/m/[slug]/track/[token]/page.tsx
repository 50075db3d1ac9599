import Link from "next/link";
import { RequestStoryView } from "../../_story/request-story-view";
import { trackedReport, trackingMetadata } from "./tracked";

export const metadata = trackingMetadata("Your report");

// Wrong, expired or another municipality's link: the same neutral page (./not-found.tsx).
export default async function TrackingPage({ params }: { params: Promise<{ slug: string; token: string }> }) {
  const { m, story, subscribed, link } = await trackedReport(params);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm text-slate-500">
        {m.name} · your report. Anyone with this link can see this page; your contact details are never shown.
      </p>
      <RequestStoryView
        story={story}
        slug={m.slug}
        municipality={m.name}
        // Photo bytes are served publicly only for public requests (/m/<slug>/photos/<id>).
        showPhotos={(story.request as { isPublic?: boolean }).isPublic !== false}
        aside={
          <p className="text-sm text-slate-600">
            {subscribed ? (
              <>
                You get an email when the status changes or staff reply.{" "}
                <Link href={`${link}/unsubscribe`} className="text-brand-700 underline">
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
