import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { trackingViewer } from "@/lib/auth/tracking";
import { requestStory } from "@/lib/data/request-story";
import { ActionForm } from "@/app/_components/action-form";
import { portalMunicipality } from "../../../portal";
import { unsubscribeFromReportAction } from "./actions";

export const metadata: Metadata = {
  title: "Stop emails about a report",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { params: Promise<{ slug: string; token: string }> };

// Opening the link changes nothing (mail scanners open links); the button below does, by POST.
export default async function UnsubscribePage({ params }: Props) {
  const { slug, token } = await params;
  const m = await portalMunicipality(slug);
  const access = await trackingViewer(m.id, token);
  if (!access) notFound();
  const principal = access.viewer.principal;
  const story = await requestStory(access.viewer, m.id, {
    id: principal.kind === "anonymous" ? (principal.trackedRequestId ?? "") : "",
  });
  if (!story) notFound();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Stop emails about report {story.request.reference}</h1>
      {access.subscribed ? (
        <>
          <p className="text-slate-700">
            You will get no more emails about “{story.request.title}”. The link keeps showing its status until it
            expires.
          </p>
          <ActionForm
            action={unsubscribeFromReportAction}
            hidden={{ slug: m.slug, token }}
            submitLabel="Stop the emails"
          />
        </>
      ) : (
        <p className="text-slate-700">You already get no emails about this report.</p>
      )}
      <Link href={`/m/${m.slug}/track/${token}`} className="text-brand-700 underline">
        Back to the report
      </Link>
    </div>
  );
}
