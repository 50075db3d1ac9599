import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { listDepartments } from "@/lib/data/departments";
import { SimpleTable } from "@/app/_components/simple-table";
import { AdminNav } from "../admin-nav";
import { DepartmentNameForm } from "./department-forms";

export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const { rows, canCreate } = await orNotFound(listDepartments(viewer, muni.id));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="departments" />
      <h1 className="text-2xl font-semibold text-brand-900">Departments</h1>
      <p className="text-sm text-slate-600">
        Departments are archived, never deleted: an archived department keeps its people and records but is no longer
        offered for new ones.
      </p>
      {canCreate && (
        <section className="max-w-md rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="mb-3 font-semibold">New department</h2>
          <DepartmentNameForm mode="create" hidden={{ slug }} />
        </section>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No departments yet.</p>
      ) : (
        <SimpleTable caption="Departments" headers={["Department", "People", "Records", "State"]}>
          {rows.map((d) => (
            <tr key={d.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link href={`/admin/${slug}/departments/${d.id}`} className="text-brand-700 underline">
                  {d.name}
                </Link>
              </td>
              <td className="px-3 py-2">{d.people}</td>
              <td className="px-3 py-2">{d.records}</td>
              <td className="px-3 py-2">
                {d.archivedAt ? `Archived ${d.archivedAt.toISOString().slice(0, 10)}` : "In use"}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
    </div>
  );
}
