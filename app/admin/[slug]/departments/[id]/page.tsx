import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { departmentDetail } from "@/lib/data/departments";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { AdminNav } from "../../admin-nav";
import { ArchiveDepartmentForm, DepartmentNameForm } from "../department-forms";
import { StatusBadge } from "@/app/_components/badge";

export const metadata: Metadata = { title: "Department" };

export default async function DepartmentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const d = await orNotFound(departmentDetail(viewer, muni.id, id));
  const hidden = { slug, id: d.id };
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="departments" />
      <Breadcrumbs trail={[[`/admin/${slug}/departments`, "Departments"]]} current={d.name} />
      <h1 className="text-2xl font-semibold text-brand-900">
        {d.name}
        {d.archivedAt && <span className="ml-2 text-base font-normal text-slate-600">(archived)</span>}
      </h1>
      {d.canUpdate && (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="mb-3 font-semibold">Rename</h2>
            <DepartmentNameForm mode="rename" hidden={hidden} current={d.name} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="mb-3 font-semibold">{d.archivedAt ? "Restore" : "Archive"}</h2>
            <ArchiveDepartmentForm hidden={hidden} name={d.name} archived={!!d.archivedAt} />
          </section>
        </div>
      )}
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">People ({d.people.length})</h2>
        {d.people.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody is in this department.</p>
        ) : (
          <ul className="space-y-1 text-sm" aria-label="People in this department">
            {d.people.map((p) => (
              <li key={p.membershipId}>
                <Link href={`/admin/${slug}/people/${p.membershipId}`} className="text-brand-700 underline">
                  {p.name}
                </Link>{" "}
                <span className="break-all text-slate-600">{p.email}</span>{" "}
                <StatusBadge kind="membership" value={p.status} />{" "}
                <span className="text-slate-500">
                  (<GroupNames names={p.groups} none="no groups" />)
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Records ({d.requests.length + d.documents.length})</h2>
        {d.requests.length + d.documents.length === 0 ? (
          <p className="text-sm text-slate-600">No records are in this department.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {d.requests.map((r) => (
              <li key={r.id}>
                <Link href={`/w/${slug}/requests/${r.id}`} className="text-brand-700 underline">
                  {r.reference} · {r.title}
                </Link>{" "}
                <StatusBadge kind="request" value={r.status} />
              </li>
            ))}
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <Link href={`/w/${slug}/documents/${doc.id}`} className="text-brand-700 underline">
                  {doc.title}
                </Link>{" "}
                <span className="text-slate-500">(document)</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
