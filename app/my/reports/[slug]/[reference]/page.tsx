import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-session";
import { myReport, type CitizenEvent } from "@/lib/data/citizen-reports";
import { orNotFound } from "@/lib/pages/scope";
import { StatusBadge, statusText } from "@/app/_components/badge";
import { label } from "@/app/_components/format";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { TitledSection } from "@/app/_components/titled-section";
import { publicRequestHref } from "../../../report-list";

export const metadata: Metadata = { title: "My report" };

type Props = { params: Promise<{ slug: string; reference: string }> };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A timeline entry in words: only the kinds the citizen group may read ever reach here. */
function eventText(e: CitizenEvent): string {
  if (e.kind === "CREATED") return "Report received";
  if (e.kind === "STATUS_CHANGED")
    return `Status changed${e.fromStatus ? ` from ${statusText("request", e.fromStatus)}` : ""}${e.toStatus ? ` to ${statusText("request", e.toStatus)}` : ""}`;
  if (e.kind === "PUBLIC_COMMENT") return "Comment from the municipality";
  if (e.kind === "PHOTO_PUBLISHED") return "Photo published";
  return "Update";
}

// One of the citizen's own reports, public or not: what they wrote, including their contact
// details, and its history as the citizen group may read it. Anyone else's report is "not found".
export default async function MyReportPage({ params }: Props) {
  const { slug, reference } = await params;
  const { viewer } = await requireUser();
  const { request: r, events } = await orNotFound(myReport(viewer, slug, decodeURIComponent(reference)));
  const details: [string, string | null | undefined][] = [
    ["Municipality", r.municipality.name],
    ["Category", r.category && label(r.category)],
    ["Area", r.area],
    ["Address", r.address],
    ["Your name", r.reporterName],
    ["Your email", r.reporterEmail],
    ["Your phone", r.reporterPhone],
    ["Reported", r.createdAt && when.format(r.createdAt)],
  ];
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[["/my", "My reports"]]} current={r.reference ?? "Report"} />
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          {r.status && <StatusBadge kind="request" value={r.status} />}
          <span className="font-mono text-sm text-slate-600">{r.reference}</span>
        </div>
        <h1 className="text-2xl font-semibold text-brand-900">{r.title}</h1>
        {r.isPublic ? (
          <p className="text-sm">
            <Link href={publicRequestHref(r)} className="text-brand-700 underline">
              See it as the public does
            </Link>
          </p>
        ) : (
          <p className="text-sm text-slate-600">Only you and the municipality&apos;s staff see this report.</p>
        )}
      </header>
      <TitledSection id="report" title="What you reported">
        {r.description && <p className="whitespace-pre-line">{r.description}</p>}
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          {details
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-sm font-medium text-slate-600">{k}</dt>
                <dd className="break-words">{v}</dd>
              </div>
            ))}
        </dl>
      </TitledSection>
      <TitledSection id="history" title="History">
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing has happened yet.</p>
        ) : (
          <ol aria-label="History" className="space-y-3">
            {events.map((e) => (
              <li key={e.id} className="border-l-2 border-brand-600 pl-3">
                <p className="font-medium">{eventText(e)}</p>
                {e.createdAt && <p className="text-xs text-slate-500">{when.format(e.createdAt)}</p>}
                {e.body && <p className="mt-1 whitespace-pre-line">{e.body}</p>}
              </li>
            ))}
          </ol>
        )}
      </TitledSection>
    </div>
  );
}
