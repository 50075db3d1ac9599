// Display helpers shared by server and client components. Pure functions, no data access.

/** "IN_PROGRESS" → "In progress"; dates as YYYY-MM-DD; empty as an em dash. */
export function label(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value).replaceAll("_", " ").toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

/** A value as it was entered (free text, references, numbers), dates as YYYY-MM-DD HH:MM. */
export function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace("T", " ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** Enum-like columns read better through label(); free text must stay as typed. */
const ENUM_LIKE = new Set(["category", "status", "kind", "visibility"]);
export function cell(field: string, value: unknown): string {
  if (value instanceof Date) return label(value);
  return ENUM_LIKE.has(field) ? label(value) : plain(value);
}

export const FIELD_LABELS: Record<string, string> = {
  id: "Id", municipalityId: "Municipality", departmentId: "Department", reference: "Reference", category: "Category", title: "Title",
  description: "Description", status: "Status", isPublic: "Public", area: "Area", address: "Address", latitude: "Latitude", longitude: "Longitude",
  reporterName: "Reporter", reporterEmail: "Reporter email", reporterPhone: "Reporter phone", internalNotes: "Internal notes", assigneeId: "Assignee",
  createdAt: "Created", updatedAt: "Updated", resolvedAt: "Resolved", createdById: "Created by", updatedById: "Updated by",
  kind: "Kind", name: "Name", summary: "Summary", district: "District", period: "Period", designation: "Designation", ownerName: "Owner",
  ownerContact: "Owner contact", reviewNotes: "Review notes", visibility: "Visibility", body: "Text", url: "Link", archivedAt: "Archived",
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
