"use client";

// The report form's tracking parts: the opt-in ("Email me updates about this report", to the
// reporter's email above) and the confirmation with the reference and, when asked for, the
// tracking link. The link is a secret: it is shown here, to this browser, and mailed; it is never
// logged or audited.
import Link from "next/link";
import { CheckboxField } from "@/app/_components/form-field";

const OPT_IN_ID = "followUpdates";

/** Whether the reporter ticked the opt-in (a plain checkbox beside the form's own fields). */
export function readTrackingOptIn(): boolean {
  return (document.getElementById(OPT_IN_ID) as HTMLInputElement | null)?.checked ?? false;
}

export function TrackingOptIn() {
  return (
    <div>
      <CheckboxField id={OPT_IN_ID} name={OPT_IN_ID} label="Email me updates about this report" />
      <p className="pl-6 text-sm text-slate-500">
        To the email address above: a link to follow it, then a mail when its status changes or staff reply. Every mail
        has a link to stop them.
      </p>
    </div>
  );
}

export type ReportDone = { reference: string | null; trackingPath?: string };

export function ReportConfirmation({ done, slug }: { done: ReportDone; slug: string }) {
  const url = done.trackingPath ? `${window.location.origin}${done.trackingPath}` : null;
  return (
    <div role="status" className="space-y-4 rounded-lg border border-green-200 bg-green-50 p-6">
      <h2 className="text-lg font-semibold text-green-900">Thank you — your report was received.</h2>
      {done.reference && (
        <div>
          <p className="text-sm text-green-900">Your reference</p>
          <p className="font-mono text-3xl font-semibold tracking-wide text-green-950" data-testid="report-reference">
            {done.reference}
          </p>
          <p className="text-sm text-green-900">Quote it if you contact the municipality about this problem.</p>
        </div>
      )}
      {url && (
        <div className="space-y-1">
          <p>
            <Link href={done.trackingPath!} className="font-medium text-brand-700 underline">
              Follow your report
            </Link>{" "}
            <span className="text-sm text-green-900">— we also emailed you this link.</span>
          </p>
          <p className="break-all font-mono text-xs text-slate-700">{url}</p>
          <p className="text-sm text-green-900">
            Keep it to yourself: anyone with the link sees the report&apos;s status and history (never your contact
            details).
          </p>
        </div>
      )}
      <p className="text-sm text-green-900">Your contact details are only visible to the staff handling your report.</p>
      <Link href={`/m/${slug}`} className="text-brand-700 underline">
        Back to the public list
      </Link>
    </div>
  );
}
