import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { listPeople } from "@/lib/people/people";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "People" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUSES = ["ACTIVE", "PENDING_APPROVAL", "INVITED", "SUSPENDED", "REJECTED"] as const;

export default async function PeoplePage({ params, searchParams }: Props) {
  const { viewer } = await requireUser();
  const { slug } = await params;
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" && sp[k] !== "" ? (sp[k] as string) : undefined);
  let muni, people;
  try {
    muni = await adminMunicipality(viewer, slug);
    people = await listPeople(viewer, muni.id, { q: one("q"), status: one("status") as (typeof STATUSES)[number] | undefined, group: one("group"), page: one("page") as unknown as number });
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ValidationError) return <p role="alert" className="text-red-700">{e.message}</p>;
    throw e;
  }
  const link = (page: number) => `?${new URLSearchParams({ ...(one("q") ? { q: one("q")! } : {}), ...(one("status") ? { status: one("status")! } : {}), page: String(page) })}`;
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="people" />
      <h1 className="text-2xl font-semibold text-brand-900">People</h1>
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter people">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">Name or email</label>
          <input id="q" name="q" defaultValue={one("q")} className="rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">Status</label>
          <select id="status" name="status" defaultValue={one("status") ?? ""} className="rounded-md border border-slate-300 px-3 py-1.5">
            <option value="">Any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s.replace("_", " ").toLowerCase()}</option>)}
          </select>
        </div>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
      </form>
      {people.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">Nobody matches these filters.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">People of {muni.name}</caption>
            <thead className="bg-slate-50 text-left">
              <tr><th scope="col" className="px-3 py-2">Name</th><th scope="col" className="px-3 py-2">Email</th><th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2">Groups</th><th scope="col" className="px-3 py-2">Department</th></tr>
            </thead>
            <tbody>
              {people.rows.map((p) => (
                <tr key={p.membershipId} className="border-t border-slate-100">
                  <td className="px-3 py-2"><Link className="text-brand-700 underline" href={`/admin/${slug}/people/${p.membershipId}`}>{p.name ?? "(no name)"}</Link></td>
                  <td className="px-3 py-2">{p.email}</td>
                  <td className="px-3 py-2">{p.userActive ? p.status.toLowerCase().replace("_", " ") : "account deactivated"}</td>
                  <td className="px-3 py-2">{p.groups.join(", ")}</td>
                  <td className="px-3 py-2">{p.department ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        {people.page > 1 && <Link href={link(people.page - 1)} className="underline">Previous</Link>}
        <span>Page {people.page} of {people.pageCount} · {people.total} people</span>
        {people.page < people.pageCount && <Link href={link(people.page + 1)} className="underline">Next</Link>}
      </nav>
    </div>
  );
}
