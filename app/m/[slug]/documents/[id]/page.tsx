import type { Metadata } from "next";
import { recordsOf } from "@/lib/data/record-store";
import { orNotFound } from "@/lib/pages/scope";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { label } from "@/app/_components/format";
import { portalMunicipality, anonymousViewer } from "../../portal";

export const metadata: Metadata = { title: "Document" };

export default async function PublicDocumentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const m = await portalMunicipality(slug);
  // Internal, archived or another municipality's: all the same "not found" (lib/data checks the tenant).
  const { record: d } = await orNotFound(recordsOf("Document").detail(await anonymousViewer(), id, m.id));
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <Breadcrumbs
        trail={[
          [`/m/${m.slug}`, m.name],
          [`/m/${m.slug}/documents`, "Documents"],
        ]}
        current={d.title ?? "Document"}
      />
      <p className="text-xs uppercase tracking-wide text-slate-500">
        {label(d.kind)} · updated {label(d.updatedAt)}
      </p>
      <h1 className="text-2xl font-semibold text-brand-900">{d.title}</h1>
      {d.summary && <p className="text-lg text-slate-700">{d.summary}</p>}
      {d.body && <div className="whitespace-pre-wrap">{d.body}</div>}
      {d.url && /^https?:\/\//i.test(d.url) && (
        <p>
          <a href={d.url} rel="noopener noreferrer" className="text-brand-700 underline">
            Open the linked document
          </a>
        </p>
      )}
    </article>
  );
}
