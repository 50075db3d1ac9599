// The OpenAPI 3.1 description of the JSON API, generated from the record types' own zod schemas
// (lib/records): list parameters from each list schema, request bodies from the write schemas the
// routes parse, so the document cannot drift from what the API accepts. Field lists per record
// come from the Prisma model (what a reader with full access gets); each caller receives only its
// permitted subset.
import { z } from "zod";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { RECORD_TYPES, writeSchema, type FieldDef, type RecordTypeDef } from "@/lib/records";
import { listQuerySchema } from "@/lib/records/list";
import { pagingQuery } from "./paging";
import { newEntrySchema } from "@/lib/records/timeline-words";
import {
  clipListQuery,
  clipPatchInput,
  clipRunInput,
  clipRunPageQuery,
  clipSaveInput,
  clipSavedRunInput,
} from "@/lib/schemas/clips";

/** A zod schema as JSON Schema, as the API reads it (the input side of transforms). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Record<string, unknown>;
  return rest;
}

/** The list's query parameters: its filters, search and sort, and cursor paging (never page/pageSize). */
function listParams(def: RecordTypeDef) {
  const shape = { ...listQuerySchema(def).shape, ...pagingQuery.shape };
  return Object.entries(shape)
    .filter(([name]) => name !== "page" && name !== "pageSize")
    .map(([name, schema]) => ({
      name,
      in: "query",
      ...(name === "q"
        ? { description: `Search in public fields (${def.list.search.fields.join(", ")}).` }
        : name === "cursor"
          ? { description: "nextCursor of the previous page." }
          : {}),
      schema: jsonSchemaOf(schema),
    }));
}

const record = (def: RecordTypeDef) => ({
  type: "object",
  description: "Only the fields the caller may read on this row are present.",
  properties: Object.fromEntries(
    MODEL_FIELDS[def.model].map((f) => {
      const label = (def.fields as Record<string, FieldDef | undefined>)[f]?.label;
      return [f, label ? { description: label } : {}];
    }),
  ),
  required: ["id"],
});

const problem = { $ref: "#/components/schemas/Problem" };
/** A refusal answered as a problem document. */
const refusal = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problem } },
});
const tooLarge = {
  description: "The body is over 64 kB",
  content: { "application/problem+json": { schema: problem } },
};
const errors = {
  400: {
    description:
      "Invalid input: `errors` names each offending field or parameter (unknown, read-only or invalid) with its messages",
    content: { "application/problem+json": { schema: problem } },
  },
  401: { description: "No or invalid credentials", content: { "application/problem+json": { schema: problem } } },
  404: { description: "Not found or outside your reach", content: { "application/problem+json": { schema: problem } } },
};

/**
 * One record as GET /{id} answers it: a service request also lists its photos (lib/data
 * apiRequestPhotos) — on the public API only published photos of public requests.
 */
function detailSchema(model: string, staff: boolean): object {
  const ref = { $ref: `#/components/schemas/${model}` };
  if (model !== "ServiceRequest") return ref;
  const photo = {
    type: "object",
    properties: {
      id: { type: "string" },
      url: { type: "string", description: staff ? "Staff address (session)" : "Public address" },
      thumbnailUrl: { type: "string" },
      width: { type: "integer" },
      height: { type: "integer" },
      ...(staff ? { isPublished: { type: "boolean" } } : {}),
    },
    required: ["id", "url", "thumbnailUrl"],
  };
  const description = staff ? "Photos you may see" : "Photos the municipality published";
  return { allOf: [ref, { type: "object", properties: { photos: { type: "array", description, items: photo } } }] };
}

function paths(prefix: string, staff: boolean, types: readonly RecordTypeDef[]) {
  const security = staff ? [{ bearer: [] }, { session: [] }] : [];
  const out: Record<string, object> = {};
  for (const def of types) {
    const { model } = def;
    const body = (mode: "create" | "update") => ({
      required: true,
      content: {
        "application/json": {
          schema: { $ref: `#/components/schemas/${model}${mode === "create" ? "Create" : "Update"}` },
        },
      },
    });
    const writes = staff
      ? {
          post: {
            summary: `Create a ${model}`,
            description: "Fields you may not set on this record are refused (403) by name.",
            security,
            requestBody: body("create"),
            responses: {
              201: {
                description: "Created; the fields you may read back",
                content: {
                  "application/json": {
                    schema: { type: "object", properties: { data: detailSchema(model, staff) } },
                  },
                },
              },
              ...errors,
              403: { description: "Not allowed", content: { "application/problem+json": { schema: problem } } },
              413: tooLarge,
            },
          },
        }
      : {};
    const patch = staff
      ? {
          patch: {
            summary: `Change fields of a ${model}`,
            security,
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            requestBody: body("update"),
            responses: {
              200: { description: "The record after the change" },
              ...errors,
              403: refusal("A field you may not change"),
              409: {
                description: "Changed by someone else meanwhile",
                content: { "application/problem+json": { schema: problem } },
              },
              413: tooLarge,
            },
          },
        }
      : {};
    out[`${prefix}/${def.paths.api}`] = {
      ...writes,
      get: {
        summary: `List ${model} records you may read`,
        security,
        parameters: listParams(def),
        responses: {
          200: {
            description: "A page",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    data: { type: "array", items: { $ref: `#/components/schemas/${model}` } },
                    nextCursor: { type: ["string", "null"] },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    };
    out[`${prefix}/${def.paths.api}/{id}`] = {
      ...patch,
      get: {
        summary: `One ${model}`,
        security,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          200: {
            description: "The record",
            content: {
              "application/json": {
                schema: { type: "object", properties: { data: { $ref: `#/components/schemas/${model}` } } },
              },
            },
          },
          ...errors,
        },
      },
    };
  }
  if (staff && types.some((d) => d.model === "ServiceRequest"))
    out[`${prefix}/service-requests/{id}/events`] = timelinePaths(security);
  out[`${prefix}/statistics/{municipalityId}`] = {
    get: {
      summary: staff ? "Internal statistics" : "Public statistics",
      security,
      parameters: [
        { name: "municipalityId", in: "path", required: true, schema: { type: "string" } },
        ...(["from", "to"] as const).map((name) => ({
          name,
          in: "query",
          required: false,
          description: `Count requests created ${name === "from" ? "on or after" : "on or before"} this day (UTC)`,
          schema: { type: "string", format: "date" },
        })),
      ],
      responses: { 200: { description: "Aggregates, never rows" }, ...errors },
    },
  };
  return out;
}

/** A request's timeline: the entries the caller's policy lets them read; a note or comment to add. */
function timelinePaths(security: object[]) {
  const id = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];
  return {
    get: {
      summary: "The timeline of a ServiceRequest (oldest first, at most 500 entries)",
      description:
        "Only the entries and fields your policy grants (RequestEvent, by kind): a volunteer's token never receives internal notes.",
      security,
      parameters: id,
      responses: {
        200: {
          description: "The entries",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { data: { type: "array", items: { $ref: "#/components/schemas/RequestEvent" } } },
              },
            },
          },
        },
        ...errors,
      },
    },
    post: {
      summary: "Add an internal note or a public comment",
      description: "A public comment is shown on the public request page and mailed to the request's followers.",
      security,
      parameters: id,
      requestBody: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/RequestEventCreate" } } },
      },
      responses: {
        201: { description: "The new entry" },
        ...errors,
        403: refusal("A kind your policy does not let you write"),
        413: tooLarge,
      },
    },
  };
}

/** Clips (issue 21): SQL over the municipality's data purged of personal fields, for tokens holding the clips group. */
function clipsPaths(security: object[]) {
  const json = (schema: object) => ({ "application/json": { schema } });
  const muni = {
    name: "municipalityId",
    in: "query",
    required: false,
    description: "The municipality; needed only when you use clips in several",
    schema: { type: "string" },
  };
  const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
  const pageParams = (["page", "pageSize"] as const).map((name) => ({
    name,
    in: "query",
    required: false,
    schema: jsonSchemaOf(clipRunPageQuery.shape[name]),
  }));
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const paged = (item: string) => ({
    type: "object",
    properties: {
      data: { type: "array", items: ref(item) },
      total: { type: "integer" },
      page: { type: "integer" },
      pageSize: { type: "integer" },
      pageCount: { type: "integer" },
    },
  });
  const one = (name: string) => ({ type: "object", properties: { data: ref(name) } });
  const unavailable = refusal("Clips are not set up in this municipality yet");
  const ran = {
    201: {
      description:
        'The run, with its first 100 rows. A query PostgreSQL refused is a run too: `status: "FAILED"`, its message in `error`.',
      content: json(one("ClipRun")),
    },
    ...errors,
    413: tooLarge,
    503: unavailable,
  };
  const listParams = Object.entries(clipListQuery.def.in.shape).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    schema: jsonSchemaOf(schema as z.ZodType),
  }));
  return {
    "/api/v1/clips": {
      get: {
        summary: "Saved clips of the municipality",
        description: "Search in name and description (`q`), sort, page. Only clips you may read.",
        security,
        parameters: [muni, ...listParams],
        responses: { 200: { description: "One page of clips", content: json(paged("ClipSummary")) }, ...errors },
      },
      post: {
        summary: "Save a clip (shared within the municipality)",
        security,
        parameters: [muni],
        requestBody: { required: true, content: json(ref("ClipSave")) },
        responses: { 201: { description: "The clip", content: json(one("Clip")) }, ...errors, 413: tooLarge },
      },
    },
    "/api/v1/clips/{id}": {
      get: {
        summary: "A saved clip",
        security,
        parameters: [pathParam("id")],
        responses: { 200: { description: "The clip", content: json(one("Clip")) }, ...errors },
      },
      patch: {
        summary: "Change a saved clip",
        description: "Any of name, description, sql; the others stay as they are. Archived clips cannot change.",
        security,
        parameters: [pathParam("id")],
        requestBody: { required: true, content: json(ref("ClipUpdate")) },
        responses: { 200: { description: "The clip", content: json(one("Clip")) }, ...errors, 413: tooLarge },
      },
    },
    "/api/v1/clips/{id}/runs": {
      get: {
        summary: "A saved clip's runs, newest first (without their rows)",
        security,
        parameters: [pathParam("id"), ...pageParams],
        responses: { 200: { description: "One page of runs", content: json(paged("ClipRunSummary")) }, ...errors },
      },
      post: {
        summary: "Run a saved clip",
        description:
          '`{ "saved": true }` runs its saved SQL (its latest result afterwards); `{ "sql": … }` runs an edited version.',
        security,
        parameters: [pathParam("id")],
        requestBody: { required: true, content: json(ref("ClipSavedRun")) },
        responses: ran,
      },
    },
    "/api/v1/clips/runs": {
      get: {
        summary: "The municipality's runs, newest first (without their rows)",
        security,
        parameters: [muni, ...pageParams],
        responses: { 200: { description: "One page of runs", content: json(paged("ClipRunSummary")) }, ...errors },
      },
      post: {
        summary: "Run SQL in the clips schema",
        description:
          "One read-only statement over the views of `GET /api/v1/clips/schema`, with a statement timeout and a row cap; every run is audited with its SQL, duration and row count.",
        security,
        parameters: [muni],
        requestBody: { required: true, content: json(ref("ClipRunRequest")) },
        responses: ran,
      },
    },
    "/api/v1/clips/runs/{runId}": {
      get: {
        summary: "A run and one page of its rows",
        security,
        parameters: [pathParam("runId"), ...pageParams],
        responses: { 200: { description: "The run", content: json(one("ClipRun")) }, ...errors },
      },
    },
    "/api/v1/clips/runs/{runId}/result.csv": {
      get: {
        summary: "A run's whole result as CSV",
        description:
          "Cells that would start a spreadsheet formula are prefixed with '. `X-Clip-Truncated: true` when the result was cut at the row cap.",
        security,
        parameters: [pathParam("runId")],
        responses: {
          200: { description: "The CSV file", content: { "text/csv": { schema: { type: "string" } } } },
          ...errors,
        },
      },
    },
    "/api/v1/clips/schema": {
      get: {
        summary: "What a clip may read: the views, their columns and types",
        description: "Generated from the policies: only the fields the clips group may query, never a personal one.",
        security,
        parameters: [muni],
        responses: { 200: { description: "Readiness and the views", content: json(one("ClipsSchema")) }, ...errors },
      },
    },
  };
}

const column = { type: "object", properties: { name: { type: "string" }, type: { type: "string" } } };
/** The shapes of the clips API's answers (lib/data/clips.ts). */
const CLIP_SCHEMAS = {
  ClipSummary: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      description: { type: "string" },
      authorName: { type: "string" },
      updatedAt: { type: ["string", "null"], format: "date-time" },
      latestRunId: { type: ["string", "null"], description: "The latest successful run: its result" },
      latestRunAt: { type: ["string", "null"], format: "date-time" },
    },
  },
  Clip: {
    type: "object",
    properties: {
      id: { type: "string" },
      municipalityId: { type: "string" },
      name: { type: "string" },
      description: { type: "string" },
      sql: { type: "string" },
      authorName: { type: "string" },
      updatedByName: { type: ["string", "null"] },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      archivedAt: { type: ["string", "null"], format: "date-time" },
      latestRunId: { type: ["string", "null"] },
      latestRunAt: { type: ["string", "null"], format: "date-time" },
      mayUpdate: { type: "boolean" },
    },
  },
  ClipRunSummary: {
    type: "object",
    properties: {
      id: { type: "string" },
      clipId: { type: ["string", "null"] },
      sql: { type: "string" },
      status: { enum: ["SUCCEEDED", "FAILED"] },
      rowCount: { type: "integer" },
      truncated: { type: "boolean" },
      durationMs: { type: "integer" },
      createdAt: { type: "string", format: "date-time" },
      byName: { type: "string" },
    },
  },
  ClipRun: {
    type: "object",
    properties: {
      id: { type: "string" },
      municipalityId: { type: "string" },
      clipId: { type: ["string", "null"] },
      clipName: { type: ["string", "null"] },
      sql: { type: "string" },
      status: { enum: ["SUCCEEDED", "FAILED"] },
      error: { type: ["string", "null"], description: "PostgreSQL's message when it refused the query" },
      columns: { type: "array", items: column },
      rows: { type: "array", items: { type: "array" }, description: "This page's rows, cells in column order" },
      rowCount: { type: "integer" },
      truncated: { type: "boolean", description: "More rows than the cap: the result was cut" },
      durationMs: { type: "integer" },
      createdAt: { type: "string", format: "date-time" },
      byName: { type: "string" },
      viaApiToken: { type: "boolean" },
      page: { type: "integer" },
      pageSize: { type: "integer" },
      pageCount: { type: "integer" },
    },
  },
  ClipsSchema: {
    type: "object",
    properties: {
      ready: { type: "boolean" },
      reason: { type: "string" },
      views: {
        type: "array",
        items: {
          type: "object",
          properties: {
            name: { type: "string" },
            description: { type: "string" },
            columns: { type: "array", items: column },
          },
        },
      },
    },
  },
  ClipSave: jsonSchemaOf(clipSaveInput),
  ClipUpdate: jsonSchemaOf(clipPatchInput),
  ClipSavedRun: jsonSchemaOf(clipSavedRunInput),
  ClipRunRequest: jsonSchemaOf(clipRunInput),
};

/** `types`: the record types to describe (all registered ones; a test may pass a variant). */
export function openApiDocument(
  baseUrl: string,
  types: readonly RecordTypeDef[] = Object.values(RECORD_TYPES) as RecordTypeDef[],
) {
  const schemas: Record<string, object> = {
    Problem: {
      type: "object",
      properties: {
        type: { type: "string" },
        title: { type: "string" },
        status: { type: "integer" },
        detail: { type: "string" },
        errors: { type: "object" },
      },
    },
  };
  schemas.RequestEvent = {
    type: "object",
    description: "A timeline entry; fields your policy withholds are absent.",
    properties: {
      ...Object.fromEntries(MODEL_FIELDS.RequestEvent.map((f) => [f, {}])),
      seenByPublic: { type: "boolean", description: "Whether the public's policy shows this entry" },
    },
  };
  schemas.RequestEventCreate = jsonSchemaOf(newEntrySchema);
  Object.assign(schemas, CLIP_SCHEMAS);
  for (const def of types) {
    schemas[def.model] = record(def);
    schemas[`${def.model}Create`] = jsonSchemaOf(writeSchema(def, "create"));
    schemas[`${def.model}Update`] = jsonSchemaOf(writeSchema(def, "update"));
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Gatehouse API",
      version: "1",
      description:
        "Records of municipalities, filtered by the caller's policies: rows by tenant and conditions, fields per row.",
    },
    servers: [{ url: baseUrl }],
    paths: {
      "/api/v1/me": {
        get: {
          summary: "Who you are",
          security: [{ bearer: [] }, { session: [] }],
          responses: { 200: { description: "The caller" }, 401: errors[401] },
        },
      },
      ...paths("/api/v1", true, types),
      ...clipsPaths([{ bearer: [] }, { session: [] }]),
      ...paths("/api/public/v1", false, types),
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (gh_…) from your account page." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas,
    },
  };
}
