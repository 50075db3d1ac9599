import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { creatableFields, creatableVariants } from "@/lib/data/forms-extra";
import { RecordForm, type FieldSpec } from "@/app/_components/record-form";
import { label } from "@/app/_components/format";
import { createServiceRequestAction } from "./actions";
import { requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "New service request" };

export default async function NewRequestPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  // Only categories the person may create in (an operator's allowed ones).
  const categories = creatableVariants(viewer, "ServiceRequest", ws.municipality.id);
  if (categories.length === 0) notFound();
  const writable = creatableFields(viewer, "ServiceRequest", ws.municipality.id, categories[0]!);
  const all: FieldSpec[] = [
    { name: "municipalityId", label: "Municipality", type: "hidden" },
    { name: "category", label: "Category", type: "select", required: true, options: categories.map((c) => ({ value: c, label: label(c) })) },
    { name: "title", label: "Title", type: "text", required: true },
    { name: "description", label: "Description", type: "textarea", required: true },
    { name: "area", label: "Area or district", type: "text", required: true, hint: "Shown publicly." },
    { name: "address", label: "Exact address", type: "text" },
    { name: "reporterName", label: "Reporter name", type: "text" },
    { name: "reporterEmail", label: "Reporter email", type: "email" },
    { name: "reporterPhone", label: "Reporter phone", type: "text" },
  ];
  const fields = all.filter((f) => writable.includes(f.name));
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p><Link href={`/w/${slug}/requests`} className="text-sm text-brand-700 underline">← Service requests</Link></p>
      <h1 className="text-2xl font-semibold text-brand-900">New service request</h1>
      <RecordForm
        schema="serviceRequest" fields={fields} initial={{ municipalityId: ws.municipality.id }} action={createServiceRequestAction} envelope={{ slug }}
        submitLabel="Record request" ariaLabel="New service request" redirectBase={`/w/${slug}/requests/`}
      />
    </div>
  );
}
