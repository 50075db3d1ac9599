// Client-safe form schemas for heritage sites and documents (react-hook-form's zodResolver in the
// browser, safeParse in the server action). lib/data validates again with its own schemas and
// the policies decide which fields may be written; these only turn form strings into values.
import { z } from "zod";
import { serviceRequestSubmission } from "./service-request";
import { DocumentKind, DocumentVisibility, HeritageKind } from "@/lib/generated/prisma/enums";

/** Form text: trimmed; an emptied optional field means "no value" (null), not "". */
const nullableText = (max: number, msg?: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max, msg ?? `Keep this under ${max} characters.`).nullable()).optional();

const coordinate = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v), z.number({ error: "Enter a number." }).min(min).max(max).nullable()).optional();

export const heritageSiteForm = z.object({
  kind: z.enum(HeritageKind, { error: "Choose a kind." }).optional(),
  name: z.string().trim().min(2, "Give a name (2 characters or more).").max(200).optional(),
  summary: z.string().trim().max(2000).optional(),
  district: z.string().trim().min(2, "Name the district.").max(100).optional(),
  period: nullableText(100),
  designation: nullableText(200),
  isPublic: z.boolean().optional(),
  address: nullableText(200),
  latitude: coordinate(-90, 90),
  longitude: coordinate(-180, 180),
  ownerName: nullableText(200),
  ownerContact: nullableText(200),
  reviewNotes: nullableText(5000),
}).strict();
export type HeritageSiteFormInput = z.input<typeof heritageSiteForm>;

const url = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z.string().trim().max(500).url("Enter a full URL (https://…).").refine((u) => /^https?:\/\//i.test(u), "Only http(s) links.").nullable(),
).optional();

export const documentForm = z.object({
  kind: z.enum(DocumentKind, { error: "Choose a kind." }).optional(),
  visibility: z.enum(DocumentVisibility, { error: "Choose who may see it." }).optional(),
  title: z.string().trim().min(3, "Give a title (3 characters or more).").max(200).optional(),
  summary: z.string().trim().max(500).optional(),
  body: z.string().trim().max(20_000).optional(),
  url,
}).strict();
export type DocumentFormInput = z.input<typeof documentForm>;

/** On create, these must be present (the rest may stay empty). */
export const REQUIRED_ON_CREATE = {
  HeritageSite: ["kind", "name", "district"],
  Document: ["kind", "visibility", "title"],
  ServiceRequest: ["category", "title", "description", "area"],
} as const;

export const FORM_SCHEMAS = { heritageSite: heritageSiteForm, document: documentForm, serviceRequest: serviceRequestSubmission } as const;
export type FormSchemaName = keyof typeof FORM_SCHEMAS;
