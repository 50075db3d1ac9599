// The workspace "new record" page of any record type: only the fields and variant values (an
// operator's categories) the person may create; "not found" when they may create nothing here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { creatableFields, creatableVariants, unusedVariants } from "@/lib/data/create-options";
import { recordType, type RecordModel } from "@/lib/records";
import { formFields } from "@/lib/records/forms";
import { requireWorkspacePage } from "@/lib/pages/scope";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { WorkspaceRecordForm } from "./workspace-record-form";

export function workspaceNewPage(model: RecordModel) {
  const def = recordType(model);
  const title = `New ${def.names.one}`;
  const metadata: Metadata = { title };
  async function Page({ params }: { params: Promise<{ slug: string }> }) {
    const { slug } = await params;
    const { viewer, ws } = await requireWorkspacePage(slug);
    const variants = creatableVariants(viewer, model, ws.municipality.id, unusedVariants(model, ws.municipality));
    if (variants.length === 0) notFound();
    const fields = formFields(def, "create", creatableFields(viewer, model, ws.municipality.id, variants[0]!), {
      variants,
    });
    // Checkboxes start unticked; everything else empty.
    const initial = Object.fromEntries(fields.filter((f) => f.type === "checkbox").map((f) => [f.name, false]));
    const base = `/w/${slug}/${def.paths.page}`;
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        <Breadcrumbs
          trail={[
            [`/w/${slug}`, ws.municipality.name],
            [base, def.names.many],
          ]}
          current={title}
        />
        <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
        <WorkspaceRecordForm
          model={model}
          mode="create"
          fields={fields}
          initial={initial}
          envelope={{ slug }}
          submitLabel={def.names.createSubmit}
          ariaLabel={title}
          redirectBase={`${base}/`}
        />
      </div>
    );
  }
  return { metadata, Page };
}
