// Form field specs for documents; the page passes only those the person may write.
import { DocumentKind, DocumentVisibility } from "@/lib/schemas/enums";
import type { FieldSpec } from "@/app/_components/record-form";
import { label } from "@/app/_components/format";

const ALL: FieldSpec[] = [
  { name: "title", label: "Title", type: "text" },
  { name: "kind", label: "Kind", type: "select", options: Object.values(DocumentKind).map((k) => ({ value: k, label: label(k) })) },
  { name: "visibility", label: "Visibility", type: "select", options: Object.values(DocumentVisibility).map((k) => ({ value: k, label: label(k) })), hint: "Public documents appear on the public portal." },
  { name: "summary", label: "Summary", type: "textarea" },
  { name: "body", label: "Text", type: "textarea" },
  { name: "url", label: "Link", type: "url" },
];
const REQUIRED = new Set(["title", "kind", "visibility"]);

export function documentFields(writable: string[], visibilities?: string[]): FieldSpec[] {
  return ALL.filter((f) => writable.includes(f.name)).map((f) => ({
    ...f,
    ...(REQUIRED.has(f.name) ? { required: true } : {}),
    ...(f.name === "visibility" && visibilities ? { options: (f.options ?? []).filter((o) => visibilities.includes(o.value)) } : {}),
  }));
}
