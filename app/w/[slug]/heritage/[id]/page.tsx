import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getHeritageSite, heritageSiteCapabilities } from "@/lib/data/heritage-sites";
import { RecordDetails } from "@/app/_components/record-details";
import { RecordForm } from "@/app/_components/record-form";
import { heritageEditFields } from "../fields";
import { updateHeritageSiteAction } from "../actions";
import { orNotFound, requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "Heritage site" };

const ORDER = ["name", "kind", "district", "summary", "period", "designation", "isPublic", "address", "latitude", "longitude", "ownerName", "ownerContact", "reviewNotes", "createdAt", "updatedAt"];

export default async function HeritageSitePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const [site, caps] = await orNotFound(Promise.all([getHeritageSite(viewer, id), heritageSiteCapabilities(viewer, id)]));
  if (site.municipalityId !== ws.municipality.id) notFound();
  const rec = site as Record<string, unknown>;
  const fields = caps.canUpdate ? heritageEditFields(caps.editableFields) : [];
  // Initial values only for fields the person may both edit and read.
  const initial = Object.fromEntries(fields.filter((f) => f.name in rec).map((f) => [f.name, (rec[f.name] ?? (f.type === "checkbox" ? false : null)) as string | boolean | number | null]));
  return (
    <div className="space-y-6">
      <p><Link href={`/w/${slug}/heritage`} className="text-sm text-brand-700 underline">← Heritage sites</Link></p>
      <h1 className="text-2xl font-semibold text-brand-900">{site.name}</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <RecordDetails record={rec} order={ORDER} />
        {fields.length > 0 && (
          <section aria-labelledby="edit-h" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="edit-h" className="mb-3 font-semibold">Edit</h2>
            <RecordForm
              schema="heritageSite" fields={fields} initial={initial} action={updateHeritageSiteAction} onlyChanged
              envelope={{ slug, id: site.id, expectedUpdatedAt: (site.updatedAt ?? new Date(0)).toISOString() }}
              submitLabel="Save changes" ariaLabel="Edit heritage site"
            />
          </section>
        )}
      </div>
    </div>
  );
}
