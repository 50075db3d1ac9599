// Documents (seed 001's resources): public ones for everyone, internal ones for staff.
import "server-only";
import { z } from "zod";
import type { Document } from "@/lib/generated/prisma/client";
import { DocumentKind, DocumentVisibility } from "@/lib/generated/prisma/enums";
import { validationErrorOf, ValidationError } from "@/lib/errors";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { createRecord, getRecord, listRecords, listRecordsAfter, rowCapabilities, updateRecord, type Page } from "./records";
import { containsAny, idSchema, pageSchema, searchSchema } from "./query";
import type { Viewer } from "@/lib/identity/viewer";

export type DocumentDTO = Partial<Document> & { id: string };

export const documentListQuery = z.object({
  municipalityId: idSchema.optional(),
  kind: z.enum(DocumentKind).optional(),
  visibility: z.enum(DocumentVisibility).optional(),
  archived: z.enum(["include", "exclude", "only"]).default("exclude"),
  q: searchSchema,
  sort: z.enum(["title", "kind", "updatedAt"]).default("updatedAt"),
  ...pageSchema,
}).strict();
export type DocumentListQuery = z.input<typeof documentListQuery>;

/** `write`: a record's fields the schema does not take are "cannot be set here", other keys "unknown". */
function parse<S extends z.ZodType>(schema: S, input: unknown, opts: { write?: boolean } = {}): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationErrorOf(r.error, opts.write ? { known: MODEL_FIELDS.Document } : {});
  return r.data;
}

function filtersOf(q: z.output<typeof documentListQuery>) {
  return {
    ...(q.municipalityId ? { municipalityId: q.municipalityId } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.visibility ? { visibility: q.visibility } : {}),
    ...(q.archived === "exclude" ? { archivedAt: null } : q.archived === "only" ? { archivedAt: { not: null } } : {}),
    ...containsAny(q.q, ["title", "summary"]),
  };
}

export async function listDocumentsAfter(viewer: Viewer, query: DocumentListQuery & { cursor?: string; limit?: number }) {
  const { cursor, limit, ...rest } = query;
  const q = parse(documentListQuery, rest);
  return (await listRecordsAfter(viewer, "Document", { filters: filtersOf(q), orderBy: [{ [q.sort]: q.dir }, { id: q.dir }], take: Math.min(Math.max(Number(limit ?? 50) || 50, 1), 100), cursor })) as { rows: DocumentDTO[]; nextCursor: string | null };
}

export async function listDocuments(viewer: Viewer, query: DocumentListQuery = {}): Promise<Page<DocumentDTO>> {
  const q = parse(documentListQuery, query);
  return (await listRecords(viewer, "Document", {
    filters: filtersOf(q),
    orderBy: [{ [q.sort]: q.dir }, { id: q.dir }],
    page: q.page,
    pageSize: q.pageSize,
  })) as Page<DocumentDTO>;
}

export async function getDocument(viewer: Viewer, id: string): Promise<DocumentDTO> {
  return (await getRecord(viewer, "Document", id)) as DocumentDTO;
}

export function documentCapabilities(viewer: Viewer, id: string) {
  return rowCapabilities(viewer, "Document", id);
}

const url = z.string().trim().url("Enter a full URL (https://…).").max(500).refine((u) => /^https?:\/\//i.test(u), "Only http(s) links.");

export const documentInput = z.object({
  municipalityId: idSchema,
  kind: z.enum(DocumentKind),
  visibility: z.enum(DocumentVisibility),
  title: z.string().trim().min(3, "Give a title (3 characters or more).").max(200),
  summary: z.string().trim().max(500).default(""),
  body: z.string().trim().max(20_000).default(""),
  url: url.nullable().optional(),
  departmentId: idSchema.nullable().optional(),
}).strict();

export async function createDocument(viewer: Viewer, input: z.input<typeof documentInput>): Promise<DocumentDTO> {
  const data = parse(documentInput, input, { write: true });
  return (await createRecord(viewer, "Document", Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)))) as DocumentDTO;
}

export const documentUpdate = documentInput.omit({ municipalityId: true }).partial().strict();

export async function updateDocument(viewer: Viewer, id: string, input: z.input<typeof documentUpdate>, expectedUpdatedAt?: Date): Promise<DocumentDTO> {
  // Validated once the record is known to be in reach (updateRecord): an unknown id is a 404.
  return (await updateRecord(viewer, "Document", id, () => {
    const changes = parse(documentUpdate, input, { write: true });
    if (Object.keys(changes).length === 0) throw new ValidationError("Nothing to change.");
    return { changes };
  }, { expectedUpdatedAt })) as DocumentDTO;
}

/** "Delete" archives: the document leaves the lists but its history stays. */
export async function archiveDocument(viewer: Viewer, id: string): Promise<DocumentDTO> {
  return (await updateRecord(viewer, "Document", id, { archivedAt: new Date() })) as DocumentDTO;
}
