import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { workspaceFor } from "@/lib/data/workspace";
import { creatableFields, creatableVariants } from "@/lib/data/forms-extra";
import { NotFoundError } from "@/lib/errors";
import { RecordForm } from "@/app/_components/record-form";
import { documentFields } from "../fields";
import { createDocumentAction } from "../actions";

export const metadata: Metadata = { title: "New document" };

export default async function NewDocumentPage({ params }: { params: Promise<{ slug: string }> }) {
  const { staffViewer: viewer } = await requireUser();
  const { slug } = await params;
  let ws;
  try {
    ws = await workspaceFor(viewer, slug);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
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
