import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requestStory } from "@/lib/data/request-story";
import { TitledSection } from "@/app/_components/titled-section";
import { anonymousViewer, portalMunicipality } from "../../portal";
import { RequestStoryView } from "../../_story/request-story-view";
import { FollowForm } from "./follow-form";
import { FollowRequest } from "@/app/_components/follow-request";
import { MapView } from "@/app/_components/map/map-view";
import { tilesDTO } from "@/app/_components/map/map-settings";

export const metadata: Metadata = { title: "Reported problem" };

type Props = { params: Promise<{ slug: string; reference: string }> };

export default async function PublicRequestPage({ params }: Props) {
  const { slug, reference } = await params;
  const m = await portalMunicipality(slug);
  const ref = decodeURIComponent(reference).trim().slice(0, 40);
  // Through the public group's policy: not public, unknown or another municipality's is "not found".
  // As typed, else in capitals (riv-00046 → RIV-00046): the unique index answers both.
  const viewer = await anonymousViewer();
  const story =
    (await requestStory(viewer, m.id, { reference: ref })) ??
    (ref !== ref.toUpperCase() ? await requestStory(viewer, m.id, { reference: ref.toUpperCase() }) : null);
  if (!story) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <RequestStoryView
        story={story}
        slug={m.slug}
        municipality={m.name}
        showPhotos
        crumbs
        aside={
          <>
            {/* The coarse area only: the policy gives the public approxLatitude/approxLongitude, never the exact point. */}
            {typeof story.request.approxLatitude === "number" && typeof story.request.approxLongitude === "number" && (
              <TitledSection id="request-area" title="Where" look="open">
                <p className="text-sm text-slate-600">The neighbourhood of the report, not its exact place.</p>
                <MapView
                  tiles={tilesDTO()}
                  label="Map: the area of this report"
                  centre={{ lat: story.request.approxLatitude, lon: story.request.approxLongitude, zoom: 15 }}
                  markers={[
                    {
                      lat: story.request.approxLatitude,
                      lon: story.request.approxLongitude,
                      label: story.request.reference ?? ref,
                    },
                  ]}
                />
              </TitledSection>
            )}
            <TitledSection id="follow-report" title="Follow this report" look="open">
              <p className="text-sm text-slate-600">Get an email when its status changes or staff reply.</p>
              <FollowForm slug={m.slug} reference={story.request.reference ?? ref} />
              <FollowRequest slug={m.slug} reference={story.request.reference ?? ref} />
            </TitledSection>
          </>
        }
      />
    </div>
  );
}
