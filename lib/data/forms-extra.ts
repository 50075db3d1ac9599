// What a person may create, for forms that show only what the server would accept. The server
// checks again on submit (lib/data/records.ts createRecord); this only shapes the UI.
import "server-only";
import { subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { DocumentKind, DocumentVisibility, HeritageKind, ServiceCategory } from "@/lib/generated/prisma/enums";
import { permittedFields } from "./project";
import type { RecordModel } from "./records";
import type { Viewer } from "@/lib/identity/viewer";

const VARIANTS: Record<RecordModel, { field: string; values: string[] }> = {
  ServiceRequest: { field: "category", values: Object.values(ServiceCategory) },
  HeritageSite: { field: "kind", values: Object.values(HeritageKind) },
  Document: { field: "visibility", values: Object.values(DocumentVisibility) },
};

/**
 * The values of the model's deciding column (category, kind, visibility) under which the viewer
 * may create a record in this municipality — e.g. an operator's allowed categories.
 */
export function creatableVariants(viewer: Viewer, model: RecordModel, municipalityId: string): string[] {
  const v = VARIANTS[model];
  const extra = model === "Document" ? { kind: Object.values(DocumentKind)[0], archivedAt: null } : {};
  return v.values.filter((value) => viewer.ability.can("create", subjectOf(model, { municipalityId, ...extra, [v.field]: value })));
}

/** Fields the viewer may set when creating under that variant (all, unless a rule lists them). */
export function creatableFields(viewer: Viewer, model: RecordModel, municipalityId: string, variant: string): string[] {
  const v = VARIANTS[model];
  return permittedFields(viewer.ability, "create", model, { municipalityId, [v.field]: variant }, MODEL_FIELDS[model]);
}
