import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getServiceRequest, serviceRequestCapabilities } from "@/lib/data/service-requests";
import { departmentsOf } from "@/lib/data/municipalities";
import { RecordDetails } from "@/app/_components/record-details";
import { EditRequestForm } from "./edit-form";
import { orNotFound, requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Service request" };

const ORDER = ["reference", "title", "category", "status", "area", "description", "address", "latitude", "longitude", "reporterName", "reporterEmail", "reporterPhone", "internalNotes", "assigneeId", "departmentId", "isPublic", "createdAt", "updatedAt", "resolvedAt"];

export default async function RequestPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const [r, caps] = await orNotFound(Promise.all([getServiceRequest(viewer, id), serviceRequestCapabilities(viewer, id)]));
  // The record must belong to the municipality in the URL: no reading Lakeside's rows under /w/riverton.
  if (r.municipalityId !== ws.municipality.id) notFound();
  const departments = caps.editableFields.includes("departmentId") ? await departmentsOf(ws.municipality.id) : [];
  const rec = r as Record<string, unknown>;
  return (
    <div className="space-y-6">
      <p><Link href={`/w/${slug}/requests`} className="text-sm text-brand-700 underline">← Service requests</Link></p>
      <h1 className="text-2xl font-semibold text-brand-900">{r.title}</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <RecordDetails record={rec} order={ORDER} />
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
