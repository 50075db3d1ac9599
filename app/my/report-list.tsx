// One list of requests on /my: each with its status in words, reference, municipality and the way
// to it — the citizen's own view for their reports, the public page for what they follow (with
// "Stop following" beside it).
import Link from "next/link";
import type { CitizenRequest } from "@/lib/data/citizen-reports";
import { StatusBadge } from "@/app/_components/badge";
import { label } from "@/app/_components/format";
import { ActionForm } from "@/app/_components/action-form";
import { unfollowRequestAction } from "./actions";

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const ownReportHref = (r: CitizenRequest) => `/my/reports/${r.municipality.slug}/${r.reference}`;
export const publicRequestHref = (r: CitizenRequest) => `/m/${r.municipality.slug}/requests/${r.reference}`;

export function ReportList({
  label: listLabel,
  items,
  empty,
  mode,
}: {
  label: string;
  items: CitizenRequest[];
  empty: React.ReactNode;
  mode: "own" | "followed";
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul aria-label={listLabel} className="space-y-3">
      {items.map((r) => (
        <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-center gap-2">
            {r.status && <StatusBadge kind="request" value={r.status} />}
            <span className="font-mono text-sm text-slate-600">{r.reference}</span>
            <span className="text-sm text-slate-600">· {r.municipality.name}</span>
          </div>
          <p className="mt-1 font-medium">
            <Link href={mode === "own" ? ownReportHref(r) : publicRequestHref(r)} className="text-brand-900 underline">
              {r.title}
            </Link>
          </p>
          <p className="text-sm text-slate-600">
            {[r.category && label(r.category), r.area, r.createdAt && `reported ${day.format(r.createdAt)}`]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {mode === "own" && r.isPublic === false && (
            <p className="mt-1 text-sm text-slate-600">Only you and the municipality&apos;s staff see this report.</p>
          )}
          {mode === "followed" && (
            <div className="mt-2">
              <ActionForm
                action={unfollowRequestAction}
                hidden={{ requestId: r.id }}
                submitLabel="Stop following"
                pendingLabel="Saving…"
              />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
