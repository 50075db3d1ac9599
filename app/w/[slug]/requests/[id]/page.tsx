import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { getServiceRequest, serviceRequestCapabilities } from "@/lib/data/service-requests";
import { departmentsOf } from "@/lib/data/municipalities";
import { NotFoundError } from "@/lib/errors";
import { label } from "@/app/_components/pager";
import { EditRequestForm } from "./edit-form";

export const metadata: Metadata = { title: "Service request" };

const FIELDS: [string, string][] = [
  ["reference", "Reference"], ["category", "Category"], ["status", "Status"], ["area", "Area"], ["description", "Description"],
  ["address", "Address"], ["latitude", "Latitude"], ["longitude", "Longitude"], ["reporterName", "Reporter"], ["reporterEmail", "Reporter email"],
  ["reporterPhone", "Reporter phone"], ["internalNotes", "Internal notes"], ["isPublic", "Public"], ["createdAt", "Reported"], ["resolvedAt", "Resolved"],
];

export default async function RequestPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { staffViewer: viewer } = await requireUser();
  const { slug, id } = await params;
  let ws, r, caps;
  try {
    ws = await workspaceFor(viewer, slug);
    r = await getServiceRequest(viewer, id);
    if (r.municipalityId !== ws.municipality.id) notFound();
    caps = await serviceRequestCapabilities(viewer, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const departments = caps.editableFields.includes("departmentId") ? await departmentsOf(ws.municipality.id) : [];
  const rec = r as Record<string, unknown>;
  return (
    <div className="space-y-6">
      <p><Link href={`/w/${slug}/requests`} className="text-sm text-brand-700 underline">← Service requests</Link></p>
      <h1 className="text-2xl font-semibold text-brand-900">{r.title}</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="details-h" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="details-h" className="mb-3 font-semibold">Details</h2>
          <dl className="grid grid-cols-3 gap-2 text-sm">
            {FIELDS.filter(([f]) => f in rec).map(([f, l]) => (
              <div key={f} className="contents"><dt className="text-slate-500">{l}</dt><dd className="col-span-2 whitespace-pre-wrap">{typeof rec[f] === "string" && !["description", "internalNotes", "address", "reporterName", "reporterEmail", "reporterPhone", "reference", "area"].includes(f) ? label(rec[f]) : rec[f] instanceof Date ? label(rec[f]) : String(rec[f] ?? "—")}</dd></div>
            ))}
          </dl>
        </section>
        {caps.canUpdate && caps.editableFields.length > 0 && (
          <section aria-labelledby="edit-h" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="edit-h" className="mb-3 font-semibold">Update</h2>
            <EditRequestForm
              id={r.id} slug={slug} updatedAt={(r.updatedAt ?? new Date(0)).toISOString()} editable={caps.editableFields} departments={departments}
              values={Object.fromEntries(caps.editableFields.filter((f) => f in rec).map((f) => [f, rec[f] ?? (f === "isPublic" ? false : "")]))}
            />
          </section>
        )}
      </div>
    </div>
  );
}
