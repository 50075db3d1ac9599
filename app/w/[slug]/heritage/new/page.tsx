import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { creatableFields, creatableVariants } from "@/lib/data/forms-extra";
import { RecordForm } from "@/app/_components/record-form";
import { heritageCreateFields } from "../fields";
import { createHeritageSiteAction } from "../actions";
import { requireWorkspacePage } from "@/lib/pages/scope";

export const metadata: Metadata = { title: "New heritage site" };

export default async function NewHeritageSitePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const kinds = creatableVariants(viewer, "HeritageSite", ws.municipality.id);
  if (kinds.length === 0) notFound();
  const fields = heritageCreateFields(creatableFields(viewer, "HeritageSite", ws.municipality.id, kinds[0]!), kinds);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p><Link href={`/w/${slug}/heritage`} className="text-sm text-brand-700 underline">← Heritage sites</Link></p>
      <h1 className="text-2xl font-semibold text-brand-900">New heritage site</h1>
      <RecordForm
        schema="heritageSite" fields={fields} initial={{ isPublic: false }} action={createHeritageSiteAction} envelope={{ slug }}
        submitLabel="Create site" ariaLabel="New heritage site" redirectBase={`/w/${slug}/heritage/`}
      />
    </div>
  );
}
