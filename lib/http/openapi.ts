// The OpenAPI 3.1 description of the JSON API. Field lists per record come from the Prisma
// model (what a reader with full access gets); each caller receives only its permitted subset.
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { DocumentKind, DocumentVisibility, HeritageKind, ServiceCategory, ServiceRequestStatus } from "@/lib/generated/prisma/enums";

const enumOf = (e: Record<string, string>) => ({ type: "string", enum: Object.values(e) });

const listParams = (extra: { name: string; schema: object }[]) => [
  { name: "municipalityId", in: "query", schema: { type: "string" } },
  { name: "q", in: "query", description: "Search in public fields (title, reference, area / name, district).", schema: { type: "string", maxLength: 200 } },
  { name: "dir", in: "query", schema: { type: "string", enum: ["asc", "desc"] } },
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 50 } },
  { name: "cursor", in: "query", description: "nextCursor of the previous page.", schema: { type: "string" } },
  ...extra.map((e) => ({ ...e, in: "query" })),
];

const record = (model: keyof typeof MODEL_FIELDS) => ({
  type: "object",
  description: "Only the fields the caller may read on this row are present.",
  properties: Object.fromEntries(MODEL_FIELDS[model].map((f) => [f, {}])),
  required: ["id"],
});

const problem = { $ref: "#/components/schemas/Problem" };
const tooLarge = { description: "The body is over 64 kB", content: { "application/problem+json": { schema: problem } } };
const errors = { 400: { description: "Invalid input: `errors` names each offending field or parameter (unknown, read-only or invalid) with its messages", content: { "application/problem+json": { schema: problem } } }, 401: { description: "No or invalid credentials", content: { "application/problem+json": { schema: problem } } }, 404: { description: "Not found or outside your reach", content: { "application/problem+json": { schema: problem } } } };

function paths(prefix: string, staff: boolean) {
  const security = staff ? [{ bearer: [] }, { session: [] }] : [];
  const out: Record<string, object> = {};
  const recs = [
    ["service-requests", "ServiceRequest", [{ name: "status", schema: enumOf(ServiceRequestStatus) }, { name: "category", schema: enumOf(ServiceCategory) }, { name: "area", schema: { type: "string", maxLength: 100 } }, { name: "sort", schema: { type: "string", enum: ["createdAt", "updatedAt", "status", "category", "reference", "title"] } }]],
    ["heritage-sites", "HeritageSite", [{ name: "kind", schema: enumOf(HeritageKind) }, { name: "sort", schema: { type: "string", enum: ["name", "kind", "district", "updatedAt"] } }]],
    ["documents", "Document", [{ name: "kind", schema: enumOf(DocumentKind) }, { name: "visibility", schema: enumOf(DocumentVisibility) }, { name: "archived", schema: { type: "string", enum: ["include", "exclude", "only"] } }, { name: "sort", schema: { type: "string", enum: ["title", "kind", "updatedAt"] } }]],
  ] as const;
  for (const [path, model, extra] of recs) {
    const writes = staff
      ? {
          post: { summary: `Create a ${model}`, description: "Fields you may not set on this record are refused (403) by name.", security, requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } }, responses: { 201: { description: "Created; the fields you may read back", content: { "application/json": { schema: { type: "object", properties: { data: { $ref: `#/components/schemas/${model}` } } } } } }, ...errors, 403: { description: "Not allowed", content: { "application/problem+json": { schema: problem } } }, 413: tooLarge } },
        }
      : {};
    const patch = staff
      ? { patch: { summary: `Change fields of a ${model}`, security, parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } }, responses: { 200: { description: "The record after the change" }, ...errors, 403: { description: "A field you may not change", content: { "application/problem+json": { schema: problem } } }, 409: { description: "Changed by someone else meanwhile", content: { "application/problem+json": { schema: problem } } }, 413: tooLarge } } }
      : {};
    out[`${prefix}/${path}`] = { ...writes, get: { summary: `List ${model} records you may read`, security, parameters: listParams([...extra]), responses: { 200: { description: "A page", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { $ref: `#/components/schemas/${model}` } }, nextCursor: { type: ["string", "null"] } } } } } }, ...errors } } };
    out[`${prefix}/${path}/{id}`] = { ...patch, get: { summary: `One ${model}`, security, parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { 200: { description: "The record", content: { "application/json": { schema: { type: "object", properties: { data: { $ref: `#/components/schemas/${model}` } } } } } }, ...errors } } };
  }
  out[`${prefix}/statistics/{municipalityId}`] = { get: { summary: staff ? "Internal statistics" : "Public statistics", security, parameters: [{ name: "municipalityId", in: "path", required: true, schema: { type: "string" } }], responses: { 200: { description: "Aggregates, never rows" }, ...errors } } };
  return out;
}

export function openApiDocument(baseUrl: string) {
  return {
    openapi: "3.1.0",
    info: { title: "Gatehouse API", version: "1", description: "Records of municipalities, filtered by the caller's policies: rows by tenant and conditions, fields per row." },
    servers: [{ url: baseUrl }],
    paths: { "/api/v1/me": { get: { summary: "Who you are", security: [{ bearer: [] }, { session: [] }], responses: { 200: { description: "The caller" }, 401: errors[401] } } }, ...paths("/api/v1", true), ...paths("/api/public/v1", false) },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (gh_…) from your account page." }, session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" } },
      schemas: {
        Problem: { type: "object", properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, errors: { type: "object" } } },
        ServiceRequest: record("ServiceRequest"),
        HeritageSite: record("HeritageSite"),
        Document: record("Document"),
      },
    },
  };
}
