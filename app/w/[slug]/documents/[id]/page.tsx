import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { documentCapabilities, getDocument } from "@/lib/data/documents";
import { RecordDetails } from "@/app/_components/record-details";
import { RecordForm } from "@/app/_components/record-form";
import { ActionForm } from "@/app/_components/action-form";
import { documentFields } from "../fields";
import { archiveDocumentAction, updateDocumentAction } from "../actions";
import { orNotFound, requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Document" };

const ORDER = ["title", "kind", "visibility", "summary", "url", "body", "departmentId", "archivedAt", "createdAt", "updatedAt"];

export default async function DocumentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const [doc, caps] = await orNotFound(Promise.all([getDocument(viewer, id), documentCapabilities(viewer, id)]));
  if (doc.municipalityId !== ws.municipality.id) notFound();
  const rec = doc as Record<string, unknown>;
  const fields = caps.canUpdate ? documentFields(caps.editableFields) : [];
  const initial = Object.fromEntries(fields.filter((f) => f.name in rec).map((f) => [f.name, (rec[f.name] ?? null) as string | null]));
  // Archiving writes archivedAt: offered only when that very field is editable.
  const canArchive = caps.canUpdate && caps.editableFields.includes("archivedAt") && !doc.archivedAt;
  return (
    <div className="space-y-6">
      <p><Link href={`/w/${slug}/documents`} className="text-sm text-brand-700 underline">← Documents</Link></p>
      <h1 className="text-2xl font-semibold text-brand-900">{doc.title}</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <RecordDetails record={rec} order={ORDER} />
        {(fields.length > 0 || canArchive) && (
          <section aria-labelledby="edit-h" className="space-y-6 rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="edit-h" className="font-semibold">Edit</h2>
            {fields.length > 0 && (
              <RecordForm
                schema="document" fields={fields} initial={initial} action={updateDocumentAction} onlyChanged
                envelope={{ slug, id: doc.id, expectedUpdatedAt: (doc.updatedAt ?? new Date(0)).toISOString() }}
                submitLabel="Save changes" ariaLabel="Edit document"
              />
            )}
            {canArchive && <ActionForm action={archiveDocumentAction} hidden={{ slug, id: doc.id }} submitLabel="Archive document" pendingLabel="Archiving…" tone="danger" />}
          </section>
        )}
      </div>
    </div>
  );
}
