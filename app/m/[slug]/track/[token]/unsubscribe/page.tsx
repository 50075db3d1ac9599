import Link from "next/link";
import { ActionForm } from "@/app/_components/action-form";
import { trackedReport, trackingMetadata } from "../tracked";
import { unsubscribeFromReportAction } from "./actions";

export const metadata = trackingMetadata("Stop emails about a report");

// Opening the link changes nothing (mail scanners open links); the button below does, by POST.
export default async function UnsubscribePage({ params }: { params: Promise<{ slug: string; token: string }> }) {
  const { m, token, story, subscribed, link } = await trackedReport(params);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold text-brand-900">Stop emails about report {story.request.reference}</h1>
      {subscribed ? (
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
      <Link href={link} className="text-brand-700 underline">
        Back to the report
      </Link>
    </div>
  );
}
