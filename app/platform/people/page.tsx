import type { Metadata } from "next";
import Link from "next/link";
import { requirePlatformPage, orInvalid } from "@/lib/pages/scope";
import { listPlatformPeople } from "@/lib/data/platform-people";
import { firstValues } from "@/lib/http/search-params";
import { FilterBar } from "@/app/_components/filter-bar";
import { Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { SimpleTable } from "@/app/_components/simple-table";
import { PlatformNav } from "../platform-nav";
import { MembershipList } from "./memberships";

export const metadata: Metadata = { title: "People" };
const KEYS = ["q", "page"] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PlatformPeoplePage({ searchParams }: Props) {
  const q = firstValues(await searchParams, KEYS);
  const { viewer } = await requirePlatformPage();
  const listed = await orInvalid(listPlatformPeople(viewer, q as never));
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const people = listed.value;
  return (
    <div className="space-y-6">
      <PlatformNav current="people" />
      <h1 className="text-2xl font-semibold text-brand-900">People in every municipality</h1>
      <FilterBar
        ariaLabel="Search people"
        resetHref="/platform/people"
        values={q}
        filters={[{ kind: "search", name: "q", label: "Name or email" }]}
      />
      {people.rows.length === 0 ? (
        <Empty>Nobody matches.</Empty>
      ) : (
        <SimpleTable caption="People" headers={["Person", "Memberships", "Platform groups", "Account"]}>
          {people.rows.map((p) => (
            <tr key={p.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">
                <Link href={`/platform/people/${p.id}`} className="text-brand-700 underline">
                  {p.name ?? p.email}
                </Link>
                {p.name && <div className="break-all text-xs text-slate-500">{p.email}</div>}
              </td>
              <td className="px-3 py-2">
                <MembershipList memberships={p.memberships} />
              </td>
              <td className="px-3 py-2">{p.platformGroups.join(", ") || "—"}</td>
              <td className="px-3 py-2">{p.isActive ? "active" : "deactivated"}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <Pager list={people} params={q} noun="people" />
    </div>
  );
}
