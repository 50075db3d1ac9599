import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { listPlatformGrantRequests } from "@/lib/data/platform-people";
import { Empty } from "@/app/_components/pager";
import { TitledSection } from "@/app/_components/titled-section";
import { PlatformPage } from "../platform-page";
import { GrantRequestTable } from "./request-table";

export const metadata: Metadata = { title: "Platform groups" };

export default async function GrantsPage() {
  const { viewer } = await requirePlatformPage();
  const [pending, decided] = await Promise.all([
    listPlatformGrantRequests(viewer, { status: "PENDING" }),
    listPlatformGrantRequests(viewer, { status: "DECIDED", take: 50 }),
  ]);
  const lists = [
    ["g-pending", "Waiting for approval", pending, "Nothing waits."],
    ["g-decided", "Decided", decided, "None yet."],
  ] as const;
  return (
    <PlatformPage current="grants" title="Platform groups">
      <p className="max-w-2xl text-slate-600">
        Superuser and platform admin are given and removed by two people: one proposes with a reason, a different
        platform admin approves. Nobody approves their own proposal or a change of their own access. Propose a change
        from a person&apos;s page.
      </p>
      {lists.map(([id, title, rows, none]) => (
        <TitledSection key={id} id={id} look="open" gap={3} title={`${title} (${rows.length})`}>
          {rows.length ? <GrantRequestTable caption={title} rows={rows} /> : <Empty>{none}</Empty>}
        </TitledSection>
      ))}
    </PlatformPage>
  );
}
