// What a person may create, for forms that show only what the server would accept. The server
// checks again on submit (./scoped-records.ts createRecord); this only shapes the UI. The field
// that decides (category, kind, visibility) is the record type's `variant` in lib/records.
import "server-only";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
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
 * Values of the deciding column the municipality does not use (Municipality.disabledCategories
 * for service requests): left out of its forms, filters and the public report form, and refused
 * on create and update (assertVariantInUse).
 */
export function unusedVariants(model: RecordModel, municipality: { disabledCategories: readonly string[] }): string[] {
  return model === "ServiceRequest" ? [...municipality.disabledCategories] : [];
}

/** The server's side of unusedVariants: a service request in a category the municipality does not use is refused on `category`. */
export async function assertVariantInUse(model: RecordModel, municipalityId: unknown, value: unknown): Promise<void> {
  if (model !== "ServiceRequest" || typeof value !== "string" || typeof municipalityId !== "string") return;
  const m = await db.municipality.findUnique({
    where: { id: municipalityId.slice(0, 64) },
    select: { disabledCategories: true },
  });
  if (m && unusedVariants(model, m).includes(value)) {
    const message = "This municipality does not use this category; choose another.";
    throw new ValidationError(message, { category: [message] });
  }
}

/**
 * The values of the model's deciding column under which the viewer may create a record in this
 * municipality — e.g. an operator's allowed categories — leaving out `unused` ones.
 */
export function creatableVariants(
  viewer: Viewer,
  model: RecordModel,
  municipalityId: string,
  unused: readonly string[] = [],
): string[] {
  const v = recordType(model).variant;
  return variantValues(model).filter(
    (value) =>
      !unused.includes(value) &&
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
