import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { creatableFields, creatableVariants } from "@/lib/data/forms-extra";
import { RecordForm } from "@/app/_components/record-form";
import { documentFields } from "../fields";
import { createDocumentAction } from "../actions";
import { requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "New document" };

export default async function NewDocumentPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const visibilities = creatableVariants(viewer, "Document", ws.municipality.id);
  if (visibilities.length === 0) notFound();
  const fields = documentFields(creatableFields(viewer, "Document", ws.municipality.id, visibilities[0]!), visibilities);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p><Link href={`/w/${slug}/documents`} className="text-sm text-brand-700 underline">← Documents</Link></p>
      <h1 className="text-2xl font-semibold text-brand-900">New document</h1>
      <RecordForm
        schema="document" fields={fields} initial={{}} action={createDocumentAction} envelope={{ slug }}
        submitLabel="Create document" ariaLabel="New document" redirectBase={`/w/${slug}/documents/`}
      />
    </div>
  );
}
