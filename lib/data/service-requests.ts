// Service requests (citizens' reports, seed 002's occurrences) through the policies.
import "server-only";
import { z } from "zod";
import { randomBytes } from "node:crypto";
import type { ServiceRequest } from "@/lib/generated/prisma/client";
import { ServiceCategory, ServiceRequestStatus } from "@/lib/generated/prisma/enums";
import { validationErrorOf, ValidationError } from "@/lib/errors";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { createRecord, getRecord, listRecords, listRecordsAfter, rowCapabilities, updateRecord, type Page } from "./records";
import { containsAny, filterText, idSchema, pageSchema, searchSchema } from "./query";
import type { Viewer } from "@/lib/identity/viewer";
import { serviceRequestSubmission, serviceRequestUpdate } from "@/lib/schemas/service-request";

/** Only the fields the viewer may read are present. */
export type ServiceRequestDTO = Partial<ServiceRequest> & { id: string };

export const serviceRequestListQuery = z.object({
  municipalityId: idSchema.optional(),
  status: z.enum(ServiceRequestStatus).optional(),
  category: z.enum(ServiceCategory).optional(),
  area: filterText(100).optional(),
  q: searchSchema,
  sort: z.enum(["createdAt", "updatedAt", "status", "category", "reference", "title"]).default("createdAt"),
  ...pageSchema,
}).strict();
export type ServiceRequestListQuery = z.input<typeof serviceRequestListQuery>;

function filtersOf(q: z.output<typeof serviceRequestListQuery>): object {
  return {
    ...(q.municipalityId ? { municipalityId: q.municipalityId } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.area ? { area: q.area } : {}),
    ...containsAny(q.q, ["title", "reference", "area"]),
  };
}

/** `write`: a record's fields the schema does not take are "cannot be set here", other keys "unknown". */
function parse<S extends z.ZodType>(schema: S, input: unknown, opts: { write?: boolean } = {}): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationErrorOf(r.error, opts.write ? { known: MODEL_FIELDS.ServiceRequest } : {});
  return r.data;
}

export async function listServiceRequests(viewer: Viewer, query: ServiceRequestListQuery = {}): Promise<Page<ServiceRequestDTO>> {
  const q = parse(serviceRequestListQuery, query);
  return (await listRecords(viewer, "ServiceRequest", {
    filters: filtersOf(q),
    orderBy: [{ [q.sort]: q.dir }, { id: q.dir }],
    page: q.page,
    pageSize: q.pageSize,
  })) as Page<ServiceRequestDTO>;
}

export async function listServiceRequestsAfter(viewer: Viewer, query: ServiceRequestListQuery & { cursor?: string; limit?: number }) {
  const { cursor, limit, ...rest } = query;
  const q = parse(serviceRequestListQuery, rest);
  const r = await listRecordsAfter(viewer, "ServiceRequest", {
    filters: filtersOf(q),
    orderBy: [{ [q.sort]: q.dir }, { id: q.dir }],
    take: Math.min(Math.max(Number(limit ?? 50) || 50, 1), 100),
    cursor,
  });
  return r as { rows: ServiceRequestDTO[]; nextCursor: string | null };
}

export async function getServiceRequest(viewer: Viewer, id: string): Promise<ServiceRequestDTO> {
  return (await getRecord(viewer, "ServiceRequest", id)) as ServiceRequestDTO;
}

export function serviceRequestCapabilities(viewer: Viewer, id: string) {
  return rowCapabilities(viewer, "ServiceRequest", id);
}

export { serviceRequestUpdate };
export type ServiceRequestUpdate = z.input<typeof serviceRequestUpdate>;

export async function updateServiceRequest(viewer: Viewer, id: string, input: ServiceRequestUpdate, expectedUpdatedAt?: Date): Promise<ServiceRequestDTO> {
  // Validated once the record is known to be in reach (updateRecord): an unknown id is a 404.
  return (await updateRecord(viewer, "ServiceRequest", id, () => {
    const changes = parse(serviceRequestUpdate, input, { write: true });
    if (Object.keys(changes).length === 0) throw new ValidationError("Nothing to change.");
    const closes = changes.status === "RESOLVED" || changes.status === "CLOSED";
    const reopens = changes.status !== undefined && !closes;
    return { changes, system: closes ? { resolvedAt: new Date() } : reopens ? { resolvedAt: null } : {} };
  }, { expectedUpdatedAt })) as ServiceRequestDTO;
}

export { serviceRequestSubmission };
export type ServiceRequestSubmission = z.input<typeof serviceRequestSubmission>;

export async function submitServiceRequest(viewer: Viewer, input: ServiceRequestSubmission): Promise<ServiceRequestDTO> {
  const data = parse(serviceRequestSubmission, input, { write: true });
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  // Reference and status are the system's, not the submitter's, so they are not field-checked.
  const reference = `SR-${Date.now().toString(36).toUpperCase()}-${randomBytes(3).toString("hex").toUpperCase()}`;
  const created = await createRecord(viewer, "ServiceRequest", clean, { reference, status: "SUBMITTED", isPublic: true });
  return { reference, ...created } as ServiceRequestDTO;
}
