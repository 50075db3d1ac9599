// Display helpers shared by server and client components. Pure functions, no data access. The
// labels of enum values and fields come from lib/records/labels.ts (one label function).
import { fieldLabel, isEnumField, label } from "@/lib/records/labels";

export { fieldLabel, label };

/** A value as it was entered (free text, references, numbers), dates as YYYY-MM-DD HH:MM. */
export function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace("T", " ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** Enum columns read better through label(); free text must stay as typed. */
export function cell(field: string, value: unknown): string {
  if (value instanceof Date) return label(value);
  return isEnumField(field) ? label(value) : plain(value);
}
