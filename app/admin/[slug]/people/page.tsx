import type { Metadata } from "next";
import { GroupNames } from "@/app/_components/group-names";
import { groupLabel } from "@/lib/policy/summary";
import Link from "next/link";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orInvalid } from "@/lib/pages/scope";
import { listPeople } from "@/lib/people/people";
import { LAST_SIGN_IN_OPTIONS, lastSignInLabel } from "@/lib/people/last-sign-in";
import { clearFiltersHref, Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { StatusBadge, statusText } from "@/app/_components/badge";
import { municipalityGroups } from "@/lib/flows/grants";
import { deprecationOf } from "@/lib/policy/grantable";
import { AdminNav } from "../admin-nav";
import { SimpleTable } from "@/app/_components/simple-table";
import { SelectField, TextField } from "@/app/_components/form-field";

const FILTER = "rounded-md border border-slate-300 px-3 py-1.5";

export const metadata: Metadata = { title: "People" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const FILTERS = ["q", "status", "group", "lastSignIn"];
const STATUSES = ["ACTIVE", "PENDING_APPROVAL", "INVITED", "SUSPENDED", "REJECTED"] as const;

export default async function PeoplePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" && sp[k] !== "" ? (sp[k] as string) : undefined);
  const { viewer, muni } = await requireAdminPage(slug);
  // One clock for the filter and the words ("3 days ago"), so they agree.
  const now = new Date();
  const listed = await orInvalid(
    listPeople(
      viewer,
      muni.id,
      {
        q: one("q"),
        status: one("status") as (typeof STATUSES)[number] | undefined,
        group: one("group"),
        lastSignIn: one("lastSignIn") as "never" | undefined,
        sort: one("sort") as "name" | undefined,
        dir: one("dir") as "asc" | undefined,
        page: one("page") as unknown as number,
        pageSize: one("pageSize") as unknown as number,
      },
      now,
    ),
  );
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const people = listed.value;
  const values = Object.fromEntries([...FILTERS, "sort", "dir", "pageSize"].map((k) => [k, one(k)]));
  const keep = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...Object.fromEntries([...FILTERS, "sort", "dir", "pageSize"].flatMap((k) => (one(k) ? [[k, one(k)!]] : []))), ...extra })}`;
  const sort = one("sort") ?? "name";
  const dir = one("dir") ?? "asc";
  const header = (key: "name" | "email" | "status" | "createdAt" | "lastSignIn", label: string) => (
    <th
      scope="col"
      className="px-3 py-2"
      aria-sort={sort === key ? (dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        href={keep({ sort: key, dir: sort === key && dir === "asc" ? "desc" : "asc", page: "1" })}
        className="hover:underline"
      >
        {label}
        {sort === key ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="people" />
      <h1 className="text-2xl font-semibold text-brand-900">People</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter people">
        <TextField id="q" label="Name or email" name="q" defaultValue={one("q")} className={FILTER} />
        <SelectField id="status" label="Status" name="status" defaultValue={one("status") ?? ""} className={FILTER}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusText("membership", s)}
            </option>
          ))}
        </SelectField>
        <SelectField id="group" label="Group" name="group" defaultValue={one("group") ?? ""} className={FILTER}>
          <option value="">Any</option>
          {municipalityGroups().map((g) => (
            <option key={g} value={g}>
              {groupLabel(g)}
              {deprecationOf(g) ? " (deprecated)" : ""}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="lastSignIn"
          label="Last sign-in"
          name="lastSignIn"
          defaultValue={one("lastSignIn") ?? ""}
          className={FILTER}
        >
          <option value="">Any time</option>
          {LAST_SIGN_IN_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
      </form>
      {people.rows.length === 0 ? (
        <Empty clearHref={clearFiltersHref(`/admin/${slug}/people`, values, FILTERS)}>
          <p>Nobody here yet.</p>
          <p className="mt-1">
            <Link className="text-brand-700 underline" href={`/admin/${slug}/invitations`}>
              Invite someone
            </Link>{" "}
            to give them access to {muni.name}.
          </p>
        </Empty>
      ) : (
        <SimpleTable
          caption={`People of ${muni.name}`}
          headers={[
            header("name", "Name"),
            header("email", "Email"),
            header("status", "Status"),
            "Groups",
            "Department",
            header("createdAt", "Since"),
            header("lastSignIn", "Last sign-in"),
          ]}
        >
          {people.rows.map((p) => (
            <tr key={p.membershipId} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link className="text-brand-700 underline" href={`/admin/${slug}/people/${p.membershipId}`}>
                  {p.name ?? "(no name)"}
                </Link>
              </td>
              <td className="px-3 py-2">{p.email}</td>
              <td className="px-3 py-2">
                <StatusBadge kind="membership" value={p.userActive ? p.status : "DEACTIVATED"} />
              </td>
              <td className="px-3 py-2">
                <GroupNames names={p.groups} />
              </td>
              <td className="px-3 py-2">{p.department ?? "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{p.createdAt.toISOString().slice(0, 10)}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {p.lastSignInAt ? (
                  <time
                    dateTime={p.lastSignInAt.toISOString()}
                    title={`${p.lastSignInAt.toISOString().slice(0, 16).replace("T", " ")} UTC`}
                  >
                    {lastSignInLabel(p.lastSignInAt, now)}
                  </time>
                ) : (
                  "never"
                )}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <Pager list={people} params={values} noun="people" pageSize={people.pageSize} />
    </div>
  );
}
