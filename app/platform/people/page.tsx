import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import Link from "next/link";
import { listPlatformPeople } from "@/lib/data/platform-people";
import { FilterBar } from "@/app/_components/filter-bar";
import { clearFiltersHref, Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { SimpleTable } from "@/app/_components/simple-table";
import { Badge } from "@/app/_components/badge";
import { PlatformPage, platformList, type SearchParamsProps } from "../platform-page";
import { MembershipList } from "./memberships";

export const metadata: Metadata = { title: "People" };

export default async function PlatformPeoplePage({ searchParams }: SearchParamsProps) {
  const { q, listed } = await platformList(searchParams, ["q", "page", "pageSize"], (viewer, query) =>
    listPlatformPeople(viewer, query as never),
  );
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const people = listed.value;
  return (
    <PlatformPage current="people" title="People in every municipality">
      <FilterBar
        ariaLabel="Search people"
        resetHref="/platform/people"
        values={q}
        filters={[{ kind: "search", name: "q", label: "Name or email" }]}
      />
      {people.rows.length === 0 ? (
        <Empty clearHref={clearFiltersHref("/platform/people", q, ["q"])}>
          Nobody has an account yet. Create a municipality and invite its first administrator.
        </Empty>
      ) : (
        <SimpleTable caption="People" headers={["Person", "Memberships", "Platform groups", "Account"]}>
          {people.rows.map((p) => (
            <tr key={p.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">
                <Link href={`/platform/people/${p.id}`} className="text-brand-700 underline">
                  {p.name ?? p.email}
                </Link>
                {p.name && <div className="text-xs text-slate-500">{p.email}</div>}
              </td>
              <td className="min-w-48 px-3 py-2">
                <MembershipList memberships={p.memberships} />
              </td>
              <td className="px-3 py-2">
                <GroupNames names={p.platformGroups} none="—" />
              </td>
              <td className="px-3 py-2">
                <Badge tone={p.isActive ? "good" : "neutral"}>{p.isActive ? "Active" : "Deactivated"}</Badge>
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <Pager list={people} params={q} noun="people" pageSize={people.pageSize} />
    </PlatformPage>
  );
}
