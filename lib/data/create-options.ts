// What a person may create, for forms that show only what the server would accept. The server
// checks again on submit (./scoped-records.ts createRecord); this only shapes the UI. The field
// that decides (category, kind, visibility) is the record type's `variant` in lib/records.
import "server-only";
import { subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { recordType, type FieldDef, type RecordModel } from "@/lib/records";
import { permittedFields } from "./project";
import type { Viewer } from "@/lib/identity/viewer";

function variantValues(model: RecordModel): string[] {
  const def = recordType(model);
  const options = (def.fields as Record<string, FieldDef>)[def.variant.field]?.options;
  return typeof options === "object" ? Object.values(options) : [];
}

/**
 * The values of the model's deciding column under which the viewer may create a record in this
 * municipality — e.g. an operator's allowed categories.
 */
export function creatableVariants(viewer: Viewer, model: RecordModel, municipalityId: string): string[] {
  const v = recordType(model).variant;
  return variantValues(model).filter((value) =>
    viewer.ability.can("create", subjectOf(model, { municipalityId, ...v.also, [v.field]: value })),
  );
}

/** Fields the viewer may set when creating under that variant (all, unless a rule lists them). */
export function creatableFields(viewer: Viewer, model: RecordModel, municipalityId: string, variant: string): string[] {
  return permittedFields(
    viewer.ability,
    "create",
    model,
    { municipalityId, [recordType(model).variant.field]: variant },
    MODEL_FIELDS[model],
  );
}
