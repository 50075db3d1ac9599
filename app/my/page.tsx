import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-session";
import { followedRequests, myReports } from "@/lib/data/citizen-reports";
import { listMunicipalities } from "@/lib/data/municipalities";
import { orNotFound } from "@/lib/pages/scope";
import { TitledSection } from "@/app/_components/titled-section";
import { ReportList } from "./report-list";
import { FollowByReference } from "./follow-by-reference";

export const metadata: Metadata = { title: "My reports" };

const NO_REPORTS = (
  <>
    No reports yet. Choose a{" "}
    <Link href="/" className="text-brand-700 underline">
      municipality
    </Link>{" "}
    and use &ldquo;Submit a report&rdquo; while signed in: the report is listed here.
  </>
);

// A citizen account's home (lib/identity/principal.ts CITIZEN_HOME); "not found" for staff accounts.
export default async function MyReportsPage() {
  const { viewer, principal } = await requireUser();
  const [own, followed] = await orNotFound(Promise.all([myReports(viewer), followedRequests(viewer)]));
  const municipalities = await listMunicipalities();
  const sections = [
    {
      id: "my-reports",
      title: "Reports I filed",
      list: "Reports I filed",
      items: own,
      mode: "own",
      empty: NO_REPORTS,
      after: null,
    },
    {
      id: "following",
      title: "Following",
      list: "Requests I follow",
      // Their own reports are followed too; they are listed above.
      items: followed.filter((f) => !own.some((o) => o.id === f.id)),
      mode: "followed",
      empty:
        "You follow no one else's reports. Open a reported problem on a municipality's portal and choose Follow, or give its reference below.",
      after: <FollowByReference municipalities={municipalities} />,
    },
  ] as const;
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold text-brand-900">My reports</h1>
        <p className="text-slate-600">Signed in as {principal.email}</p>
      </header>
      {sections.map((s) => (
        <TitledSection key={s.id} id={s.id} title={s.title} look="open">
          <ReportList label={s.list} items={s.items} mode={s.mode} empty={s.empty} />
          {s.after}
        </TitledSection>
      ))}
    </div>
  );
}
