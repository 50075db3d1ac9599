import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { listPlatformGrantRequests } from "@/lib/data/platform-people";
import { Empty } from "@/app/_components/pager";
import { PlatformNav } from "../platform-nav";
import { GrantRequestTable } from "./request-table";

export const metadata: Metadata = { title: "Platform groups" };

export default async function GrantsPage() {
  const { viewer } = await requirePlatformPage();
  const [pending, decided] = await Promise.all([
    listPlatformGrantRequests(viewer, { status: "PENDING" }),
    listPlatformGrantRequests(viewer, { status: "DECIDED", take: 50 }),
  ]);
  return (
    <div className="space-y-6">
      <PlatformNav current="grants" />
      <h1 className="text-2xl font-semibold text-brand-900">Platform groups</h1>
      <p className="max-w-2xl text-slate-600">
        Superuser and platform admin are given and removed by two people: one proposes with a reason, a different
        platform admin approves. Nobody approves their own proposal or a change of their own access. Propose a change
        from a person&apos;s page.
      </p>
      <section aria-labelledby="g-pending" className="space-y-2">
        <h2 id="g-pending" className="text-lg font-semibold">
          Waiting for approval
        </h2>
        {pending.length ? (
          <GrantRequestTable caption="Waiting for approval" rows={pending} />
        ) : (
          <Empty>Nothing waits.</Empty>
        )}
      </section>
      <section aria-labelledby="g-decided" className="space-y-2">
        <h2 id="g-decided" className="text-lg font-semibold">
          Decided
        </h2>
        {decided.length ? <GrantRequestTable caption="Decided" rows={decided} /> : <Empty>None yet.</Empty>}
      </section>
    </div>
  );
}
