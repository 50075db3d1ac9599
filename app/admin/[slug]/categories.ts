// Category choices for the admin forms: the ServiceCategory enum's values with the one label
// function (lib/records/labels.ts). Client-safe: the generated enums module holds values only.
import { ServiceCategory } from "@/lib/schemas/enums";
import { enumOptions } from "@/lib/records/labels";

export const CATEGORY_OPTIONS = enumOptions(ServiceCategory);
