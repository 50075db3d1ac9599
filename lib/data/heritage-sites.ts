// Heritage sites (seed 004's resource models): full or limited views decided per row.
import "server-only";
import { z } from "zod";
import type { HeritageSite } from "@/lib/generated/prisma/client";
import { HeritageKind } from "@/lib/generated/prisma/enums";
import { validationErrorOf, ValidationError } from "@/lib/errors";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { createRecord, getRecord, listRecords, listRecordsAfter, rowCapabilities, updateRecord, type Page } from "./records";
import { containsAny, idSchema, pageSchema, searchSchema } from "./query";
import type { Viewer } from "@/lib/identity/viewer";

export type HeritageSiteDTO = Partial<HeritageSite> & { id: string };

export const heritageSiteListQuery = z.object({
  municipalityId: idSchema.optional(),
  kind: z.enum(HeritageKind).optional(),
  q: searchSchema,
  sort: z.enum(["name", "kind", "district", "updatedAt"]).default("name"),
  ...pageSchema,
  dir: z.enum(["asc", "desc"]).default("asc"),
}).strict();
export type HeritageSiteListQuery = z.input<typeof heritageSiteListQuery>;

function parseQuery(query: unknown) {
  const r = heritageSiteListQuery.safeParse(query);
  if (!r.success) throw validationErrorOf(r.error);
  return r.data;
}

function filtersOf(q: z.output<typeof heritageSiteListQuery>) {
  return { ...(q.municipalityId ? { municipalityId: q.municipalityId } : {}), ...(q.kind ? { kind: q.kind } : {}), ...containsAny(q.q, ["name", "district"]) };
}

export async function listHeritageSitesAfter(viewer: Viewer, query: HeritageSiteListQuery & { cursor?: string; limit?: number }) {
  const { cursor, limit, ...rest } = query;
  const q = parseQuery(rest);
  return (await listRecordsAfter(viewer, "HeritageSite", { filters: filtersOf(q), orderBy: [{ [q.sort]: q.dir }, { id: "asc" }], take: Math.min(Math.max(Number(limit ?? 50) || 50, 1), 100), cursor })) as { rows: HeritageSiteDTO[]; nextCursor: string | null };
}

export async function listHeritageSites(viewer: Viewer, query: HeritageSiteListQuery = {}): Promise<Page<HeritageSiteDTO>> {
  const q = parseQuery(query);
  return (await listRecords(viewer, "HeritageSite", {
    filters: filtersOf(q),
    orderBy: [{ [q.sort]: q.dir }, { id: "asc" }],
    page: q.page,
    pageSize: q.pageSize,
  })) as Page<HeritageSiteDTO>;
}

export async function getHeritageSite(viewer: Viewer, id: string): Promise<HeritageSiteDTO> {
  return (await getRecord(viewer, "HeritageSite", id)) as HeritageSiteDTO;
}

export function heritageSiteCapabilities(viewer: Viewer, id: string) {
  return rowCapabilities(viewer, "HeritageSite", id);
}

export const heritageSiteUpdate = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  summary: z.string().trim().max(2000).optional(),
  district: z.string().trim().min(2).max(100).optional(),
  period: z.string().trim().max(100).nullable().optional(),
  designation: z.string().trim().max(200).nullable().optional(),
  isPublic: z.boolean().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  ownerName: z.string().trim().max(200).nullable().optional(),
  ownerContact: z.string().trim().max(200).nullable().optional(),
  reviewNotes: z.string().trim().max(5000).nullable().optional(),
}).strict();

export async function updateHeritageSite(viewer: Viewer, id: string, input: z.input<typeof heritageSiteUpdate>, expectedUpdatedAt?: Date): Promise<HeritageSiteDTO> {
  // Validated once the record is known to be in reach (updateRecord): an unknown id is a 404.
  return (await updateRecord(viewer, "HeritageSite", id, () => {
    const r = heritageSiteUpdate.safeParse(input);
    if (!r.success) throw validationErrorOf(r.error, { known: MODEL_FIELDS.HeritageSite });
    if (Object.keys(r.data).length === 0) throw new ValidationError("Nothing to change.");
    return { changes: r.data };
  }, { expectedUpdatedAt })) as HeritageSiteDTO;
}

export const heritageSiteInput = heritageSiteUpdate.extend({
  municipalityId: idSchema,
  kind: z.enum(HeritageKind),
  name: z.string().trim().min(2).max(200),
  summary: z.string().trim().max(2000).default(""),
  district: z.string().trim().min(2).max(100),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
}).strict();

/** Adds a site to the inventory; the ability decides where (own municipality) and which fields. */
export async function createHeritageSite(viewer: Viewer, input: z.input<typeof heritageSiteInput>): Promise<HeritageSiteDTO> {
  const r = heritageSiteInput.safeParse(input);
  if (!r.success) throw validationErrorOf(r.error, { known: MODEL_FIELDS.HeritageSite });
  const data = Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined));
  return (await createRecord(viewer, "HeritageSite", data)) as HeritageSiteDTO;
}
