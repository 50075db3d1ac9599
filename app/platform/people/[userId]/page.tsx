import { GroupNames } from "@/app/_components/group-names";
import { groupLabel } from "@/lib/policy/summary";
import type { Metadata } from "next";
import { orNotFound, requirePlatformPage } from "@/lib/pages/scope";
import { platformPerson } from "@/lib/data/platform-people";
import { platformGroupNames } from "@/lib/flows/platform-grants";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { Empty } from "@/app/_components/pager";
import { TitledSection } from "@/app/_components/titled-section";
import { PlatformPage } from "../../platform-page";
import { MembershipList } from "../memberships";
import { GrantRequestTable } from "../../grants/request-table";
import { ProposeGrantForm } from "./propose-form";

export const metadata: Metadata = { title: "Person" };

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "never");

export default async function PlatformPersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const { viewer } = await requirePlatformPage();
  const p = await orNotFound(platformPerson(viewer, userId));
  const waiting = new Set(p.requests.filter((r) => r.status === "PENDING").map((r) => r.group));
  const choices = platformGroupNames()
    .filter((g) => !waiting.has(g))
    .map((g) =>
      p.platformGroups.includes(g)
        ? { value: `REVOKE:${g}`, label: `Remove ${groupLabel(g)}` }
        : { value: `GRANT:${g}`, label: `Give ${groupLabel(g)}` },
    );
  const heading = (
    <header>
      <h1 className="break-all text-2xl font-semibold text-brand-900">{p.name ?? p.email}</h1>
      <p className="break-all text-slate-600">{p.email}</p>
    </header>
  );
  return (
    <PlatformPage
      current="people"
      title={heading}
      before={<Breadcrumbs trail={[["/platform/people", "People"]]} current={p.name ?? p.email} />}
    >
      <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
        <dt className="text-slate-500">Account</dt>
        <dd className="sm:col-span-2">{p.isActive ? "active" : `deactivated ${day(p.deactivatedAt)}`}</dd>
        <dt className="text-slate-500">Platform groups</dt>
        <dd className="sm:col-span-2">
          <GroupNames names={p.platformGroups} />
        </dd>
        <dt className="text-slate-500">Last sign-in</dt>
        <dd className="sm:col-span-2">{day(p.lastLoginAt)}</dd>
        <dt className="text-slate-500">Memberships</dt>
        <dd className="sm:col-span-2">
          <MembershipList memberships={p.memberships} />
        </dd>
      </dl>
      <TitledSection look="open" id="p-requests" title="Platform group changes">
        {p.requests.length ? (
          <GrantRequestTable caption="Platform group changes" rows={p.requests} />
        ) : (
          <Empty>None proposed.</Empty>
        )}
      </TitledSection>
      <TitledSection look="open" id="p-propose" title="Propose a change">
        {p.isSelf ? (
          <p className="text-sm text-slate-600">Your own platform groups are changed by another platform admin.</p>
        ) : !p.canPropose || choices.length === 0 ? (
          <p className="text-sm text-slate-600">No change can be proposed here now.</p>
        ) : (
          <ProposeGrantForm userId={p.id} choices={choices} />
        )}
      </TitledSection>
    </PlatformPage>
  );
}
