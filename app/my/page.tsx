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

// A citizen account's home (lib/identity/principal.ts CITIZEN_HOME); "not found" for staff accounts.
export default async function MyReportsPage() {
  const { viewer, principal } = await requireUser();
  const [own, followed] = await orNotFound(Promise.all([myReports(viewer), followedRequests(viewer)]));
  const municipalities = await listMunicipalities();
  const followedOnly = followed.filter((f) => !own.some((o) => o.id === f.id));
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold text-brand-900">My reports</h1>
        <p className="text-slate-600">Signed in as {principal.email}</p>
      </header>
      <TitledSection id="my-reports" title="Reports I filed" look="open">
        <ReportList
          label="Reports I filed"
          items={own}
          mode="own"
          empty={
            <>
              No reports yet. Choose a{" "}
              <Link href="/" className="text-brand-700 underline">
                municipality
              </Link>{" "}
              and use &ldquo;Submit a report&rdquo; while signed in: the report is listed here.
            </>
          }
        />
      </TitledSection>
      <TitledSection id="following" title="Following" look="open">
        <ReportList
          label="Requests I follow"
          items={followedOnly}
          mode="followed"
          empty="You follow no one else's reports. Open a reported problem on a municipality's portal and choose Follow, or give its reference below."
        />
        <FollowByReference municipalities={municipalities} />
      </TitledSection>
    </div>
  );
}
