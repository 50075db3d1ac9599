// One label function for enum values and fields, for every page and component: field labels
// come from the record types' definitions (plus the columns every record has), enum values read
// as words ("IN_PROGRESS" → "In progress"). Components render these; none spells a value itself.
import { RECORD_TYPES } from "./index";
import type { FieldDef, RecordModel } from "./define";
import { partFieldLabel, REQUEST_FIELD_LABELS, type RequestPartSubject } from "@/lib/policy/subject-labels";

const COMMON: Record<string, string> = {
  id: "Id",
  municipalityId: "Municipality",
  createdAt: "Created",
  updatedAt: "Updated",
  createdById: "Created by",
  updatedById: "Updated by",
};

const FIELD_LABELS: Record<string, string> = { ...COMMON };
for (const def of Object.values(RECORD_TYPES)) {
  for (const [name, f] of Object.entries(def.fields as Record<string, FieldDef>)) FIELD_LABELS[name] ??= f.label;
}
// A request's new fields (coarse location, tags, citizen account) until its registry entry names them.
for (const [name, text] of Object.entries(REQUEST_FIELD_LABELS)) FIELD_LABELS[name] ??= text;

/** Fields whose values are enum values: shown through label(). */
const ENUM_FIELDS = new Set(
  Object.values(RECORD_TYPES).flatMap((def) =>
    Object.entries(def.fields as Record<string, FieldDef>)
      .filter(([, f]) => typeof f.options === "object")
      .map(([n]) => n),
  ),
);

/** Fields that hold a user id: shown as the person's name, never the id. */
const PERSON_FIELDS = new Set([
  "createdById",
  "updatedById",
  ...Object.values(RECORD_TYPES).flatMap((def) =>
    Object.entries(def.fields as Record<string, FieldDef>)
      .filter(([, f]) => f.refersTo === "person")
      .map(([n]) => n),
  ),
]);

/** Enum values whose words are not their constant's (acronyms, product names). */
const VALUE_LABELS: Record<string, string> = {
  OIDC: "OpenID Connect (OIDC)",
  SAML: "SAML 2.0",
};

/** "IN_PROGRESS" → "In progress"; dates as YYYY-MM-DD; booleans Yes/No; empty as an em dash. */
export function label(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const s = String(value);
  return (
    VALUE_LABELS[s] ??
    s
      .replaceAll("_", " ")
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase())
  );
}

/** Enum values as one line of labels: "Roads, Street lighting"; `none` when there are none. */
export function labelList(values: readonly string[], none = "—"): string {
  return values.length ? values.map(label).join(", ") : none;
}

/** "archivedAt" → "Archived at", "ownerId" → "Owner": a field no registry names, as words. */
function words(field: string): string {
  const w = field
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return w.replace(/^./, (c) => c.toUpperCase());
}

/** The plain label of a field, from its record type (or a request's part: timeline entry, photo…) when given. */
export function fieldLabel(field: string, model?: RecordModel | RequestPartSubject): string {
  const own =
    model && model in RECORD_TYPES
      ? (RECORD_TYPES[model as RecordModel].fields as Record<string, FieldDef | undefined>)[field]?.label
      : model
        ? partFieldLabel(model, field)
        : undefined;
  return own ?? FIELD_LABELS[field] ?? words(field);
}

export function isPersonField(field: string): boolean {
  return PERSON_FIELDS.has(field);
}

export function isEnumField(field: string): boolean {
  return ENUM_FIELDS.has(field);
}

/** Enum values as select options with their labels. */
export function enumOptions(values: Record<string, string> | readonly string[]): { value: string; label: string }[] {
  return (Array.isArray(values) ? values : Object.values(values)).map((v) => ({ value: v, label: label(v) }));
}
