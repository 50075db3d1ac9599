// Form field specs for heritage sites. The page passes only the specs of fields the person may
// write (from the ability), so a field they may not edit is never rendered.
import { HeritageKind } from "@/lib/schemas/enums";
import type { FieldSpec } from "@/app/_components/record-form";
import { label } from "@/app/_components/format";

const ALL: FieldSpec[] = [
  { name: "kind", label: "Kind", type: "select", options: Object.values(HeritageKind).map((k) => ({ value: k, label: label(k) })) },
  { name: "name", label: "Name", type: "text" },
  { name: "district", label: "District", type: "text", hint: "Shown on the public portal." },
  { name: "summary", label: "Summary", type: "textarea" },
  { name: "period", label: "Period", type: "text" },
  { name: "designation", label: "Designation", type: "text" },
  { name: "address", label: "Exact location (address)", type: "text" },
  { name: "latitude", label: "Latitude", type: "number" },
  { name: "longitude", label: "Longitude", type: "number" },
  { name: "ownerName", label: "Owner", type: "text" },
  { name: "ownerContact", label: "Owner contact", type: "text" },
  { name: "reviewNotes", label: "Review notes", type: "textarea" },
  { name: "isPublic", label: "Show on the public portal", type: "checkbox" },
];

/** What lib/data's update accepts: kind and coordinates are set at creation only. */
const UPDATABLE = new Set(["name", "summary", "district", "period", "designation", "isPublic", "address", "ownerName", "ownerContact", "reviewNotes"]);
const REQUIRED = new Set(["kind", "name", "district"]);

export function heritageEditFields(editable: string[]): FieldSpec[] {
  return ALL.filter((f) => UPDATABLE.has(f.name) && editable.includes(f.name)).map((f) => (f.name === "name" || f.name === "district" ? { ...f, required: true } : f));
}

export function heritageCreateFields(creatable: string[], kinds: string[]): FieldSpec[] {
  return ALL.filter((f) => creatable.includes(f.name)).map((f) => ({
    ...f,
    ...(REQUIRED.has(f.name) ? { required: true } : {}),
    ...(f.name === "kind" ? { options: (f.options ?? []).filter((o) => kinds.includes(o.value)) } : {}),
  }));
}
