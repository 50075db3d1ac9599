// Category choices for the admin forms (client-safe: no Prisma import, kept in step with the
// ServiceCategory enum by the type below).
import type { ServiceCategory } from "@/lib/schemas/enums";

const VALUES = ["ROADS", "STREET_LIGHTING", "WASTE", "PARKS", "WATER", "NOISE", "GRAFFITI", "OTHER"] as const satisfies readonly ServiceCategory[];
// Fails to compile if the enum gains a value this list lacks.
const _complete: Exclude<ServiceCategory, (typeof VALUES)[number]> extends never ? true : never = true;
void _complete;

export const CATEGORY_OPTIONS = VALUES.map((value) => ({ value, label: value.replaceAll("_", " ").toLowerCase().replace(/^./, (c) => c.toUpperCase()) }));
