// The workspace page of one record of any type: every field the viewer may read (lib/data
// projects them), an edit form with only the fields they may change, and the archive button when
// lib/data says they may archive. The record is looked up inside the municipality of the URL.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import type { Viewer } from "@/lib/identity/viewer";
import type { Capabilities } from "@/lib/data/record-store";
import { tagChoices, tagLabelsOf } from "@/lib/data/request-tags";
import { recordsOf } from "@/lib/data/record-store";
import { departmentsOf } from "@/lib/data/municipalities";
import { departmentNames } from "@/lib/data/departments";
import { peopleNames, personLine } from "@/lib/data/people-names";
import { isPersonField } from "@/lib/records/labels";
import { unusedVariants } from "@/lib/data/create-options";
import type { FieldDef, RecordModel, RecordTypeDef } from "@/lib/records";
import { detailFields, formFields } from "@/lib/records/forms";
import { orNotFound, requireWorkspacePage } from "@/lib/pages/scope";
import { RecordDetails } from "@/app/_components/record-details";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { ActionForm } from "@/app/_components/action-form";
import { RECORD_ACTIONS } from "./actions-by-model";
import { hiddenFieldReasons } from "@/lib/people/explain";
import { WorkspaceRecordForm } from "./workspace-record-form";

/** What a section of the page gets: the record as the viewer may read it and what they may do with it. */
export type DetailSectionProps = {
  slug: string;
  viewer: Viewer;
  municipalityId: string;
  record: Record<string, unknown> & { id: string };
  can: Capabilities;
};
/** A section of one type's page below the details (a request's assignment and tags, its timeline). */
export type DetailSection = (props: DetailSectionProps) => Promise<ReactNode> | ReactNode;

/** View as (lib/auth/view-as.ts): the record's fields hidden from the viewed person, each with its rule; else none. */
async function viewAsHidden(viewer: Viewer, def: RecordTypeDef, rec: Record<string, unknown>, municipalityId: string) {
  if (viewer.principal.kind !== "user" || !viewer.principal.viewAs) return undefined;
  const why = await hiddenFieldReasons(viewer, def.model, municipalityId);
  // Every field the page could show (the registry's order, without those it never shows), less those they read.
  const all = detailFields(def, Object.fromEntries(def.detail.order.map((f) => [f, null])));
  return all.filter((f) => !(f.name in rec)).map((f) => ({ field: f.name, label: f.label, why: why[f.name] }));
}

export function workspaceDetailPage(model: RecordModel, sections: readonly DetailSection[] = []) {
  const records = recordsOf(model);
  const { def } = records;
  const metadata: Metadata = { title: def.names.one.replace(/^./, (c) => c.toUpperCase()) };
  const needsDepartments = Object.values(def.fields as Record<string, FieldDef>).some(
    (f) => f.options === "departments",
  );
  async function Page({ params }: { params: Promise<{ slug: string; id: string }> }) {
    const { slug, id } = await params;
    const { viewer, ws } = await requireWorkspacePage(slug);
    const { record, can } = await orNotFound(records.detail(viewer, id, ws.municipality.id));
    const rec = record as Record<string, unknown>;
    const editable = can.canUpdate ? can.editableFields : [];
    const currentDept = typeof rec.departmentId === "string" ? rec.departmentId : null;
    const departments =
      needsDepartments && editable.includes("departmentId") ? await departmentsOf(ws.municipality.id, currentDept) : [];
    // Categories the municipality does not use are not offered — except the record's own.
    const unused = unusedVariants(model, ws.municipality).filter((v) => v !== rec[def.variant.field]);
    const variantOptions = (def.fields as Record<string, FieldDef>)[def.variant.field]?.options;
    const variants =
      unused.length && typeof variantOptions === "object"
        ? Object.values(variantOptions).filter((v) => !unused.includes(v))
        : undefined;
    const fields = formFields(def, "update", editable, { departments, variants });
    // The department by name, never its id (archived ones too: the record keeps it); people
    // (created by, updated by, assignee) by name as far as the viewer may see them.
    const display: Record<string, string> = currentDept
      ? { departmentId: (await departmentNames(ws.municipality.id)).get(currentDept) ?? "Unknown department" }
      : {};
    const personFields = Object.keys(rec).filter((f) => isPersonField(f) && typeof rec[f] === "string");
    const names = await peopleNames(
      viewer,
      personFields.map((f) => rec[f] as string),
      ws.municipality.id,
    );
    for (const f of personFields) display[f] = personLine(names.get(rec[f] as string)!);
    // Tags by their names, as far as the viewer may read the municipality's tags.
    if (Array.isArray(rec.tags))
      display.tags = tagLabelsOf(await tagChoices(viewer, ws.municipality.id), rec.tags).join(", ") || "None";
    // Initial values only for fields the person may both edit and read.
    const initial = Object.fromEntries(
      fields
        .filter((f) => f.name in rec)
        .map((f) => [
          f.name,
          (rec[f.name] ?? (f.type === "checkbox" ? false : null)) as string | boolean | number | null,
        ]),
    );
    const archive = RECORD_ACTIONS[model].archive;
    const canArchive = can.canArchive && !!archive && !!def.archive;
    const updatedAt = rec.updatedAt instanceof Date ? rec.updatedAt : new Date(0);
    return (
      <div className="space-y-6">
        <Breadcrumbs
          trail={[
            [`/w/${slug}`, ws.municipality.name],
            [`/w/${slug}/${def.paths.page}`, def.names.many],
          ]}
          current={String(rec[def.detail.title] ?? "")}
        />
        <h1 className="text-2xl font-semibold text-brand-900">{String(rec[def.detail.title] ?? "")}</h1>
        <div className="grid gap-6 lg:grid-cols-2">
          <RecordDetails
            def={def as RecordTypeDef}
            record={rec}
            display={display}
            hidden={await viewAsHidden(viewer, def, rec, ws.municipality.id)}
          />
          {(fields.length > 0 || canArchive) && (
            <section aria-labelledby="edit-h" className="space-y-6 rounded-lg border border-slate-200 bg-white p-5">
              <h2 id="edit-h" className="font-semibold">
                Edit
              </h2>
              {fields.length > 0 && (
                <WorkspaceRecordForm
                  model={model}
                  mode="update"
                  fields={fields}
                  initial={initial}
                  onlyChanged
                  envelope={{ slug, id: record.id, expectedUpdatedAt: updatedAt.toISOString() }}
                  submitLabel="Save changes"
                  ariaLabel={def.detail.edit}
                />
              )}
              {canArchive && (
                <ActionForm
                  action={archive}
                  hidden={{ slug, id: record.id }}
                  submitLabel={def.archive!.button}
                  pendingLabel="Archiving…"
                  tone="danger"
                  confirm={{
                    title: `${def.archive!.button}?`,
                    body: "It no longer appears in the lists. Nothing is deleted: the record and its history stay in the audit log.",
                  }}
                />
              )}
            </section>
          )}
        </div>
        {sections.map((Section, i) => (
          <Section
            key={i}
            slug={slug}
            viewer={viewer}
            municipalityId={ws.municipality.id}
            record={{ ...rec, id: record.id }}
            can={can}
          />
        ))}
      </div>
    );
  }
  return { metadata, Page };
}
