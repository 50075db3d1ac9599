// Service requests: citizens' reports (docs/requirements.md#municipal-platform's occurrences). The public reports through the
// portal, staff record them on a citizen's behalf and work on them; reference and status are
// the system's on creation, resolvedAt follows the status (./lifecycle.ts).
import { z } from "zod";
import { ServiceCategory, ServiceRequestStatus } from "@/lib/generated/prisma/enums";
import { defineRecordType, recordNames } from "./define";
import { coordinate, filterText, flag, idList, omittedWhenEmpty, optionalId, text } from "./fields";
import { resolvedAtFor } from "./lifecycle";

/** A filter's id value (a department, a person, a tag). */
const optionalIdFilter = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "not a valid id");
/** "Assigned to me" without a person: an id no row holds. */
const NOBODY = "-";

export const serviceRequest = defineRecordType({
  model: "ServiceRequest",
  delegate: (c) => c.serviceRequest,
  paths: { page: "requests", api: "service-requests", file: "service-requests" },
  names: recordNames({
    one: "service request",
    many: "Service requests",
    short: "request",
    createSubmit: "Record request",
    createdMessage: (created) =>
      `Recorded as ${typeof created.reference === "string" ? created.reference : "a new request"}.`,
  }),
  fields: {
    reference: { label: "Reference" },
    category: {
      label: "Category",
      input: "select",
      options: ServiceCategory,
      write: { schema: z.enum(ServiceCategory, { error: "Choose a category." }), required: true },
    },
    title: {
      label: "Title",
      input: "text",
      write: {
        schema: z
          .string()
          .trim()
          .min(5, "Give a short title (5 characters or more).")
          .max(120, "Keep the title under 120 characters."),
        required: true,
        on: "create",
      },
    },
    description: {
      label: "Description",
      input: "textarea",
      write: { schema: text(10, 4000, "Describe the problem (10 characters or more)."), required: true, on: "create" },
    },
    status: {
      label: "Status",
      input: "select",
      options: ServiceRequestStatus,
      write: { schema: z.enum(ServiceRequestStatus), on: "update", required: true },
      // Changed on the request's timeline, with its optional reason (the JSON API writes it too).
      form: false,
    },
    area: {
      label: "Area",
      formLabel: "Area or district",
      input: "text",
      hint: "Shown publicly.",
      write: { schema: text(2, 100, "Name the area or district."), required: true, on: "create" },
    },
    address: {
      label: "Address",
      formLabel: "Exact address",
      input: "text",
      write: { schema: omittedWhenEmpty(200), on: "create" },
    },
    // The reporter's pin (app/_components/map/location-picker.tsx); the public reads only the
    // coarse approxLatitude/approxLongitude lib/data derives from it (lib/data/coarse-write.ts).
    latitude: { label: "Latitude", input: "number", write: { schema: coordinate(-90, 90), on: "create" } },
    longitude: { label: "Longitude", input: "number", write: { schema: coordinate(-180, 180), on: "create" } },
    reporterName: {
      label: "Reporter",
      formLabel: "Reporter name",
      input: "text",
      write: { schema: omittedWhenEmpty(120), on: "create" },
    },
    reporterEmail: {
      label: "Reporter email",
      input: "email",
      write: {
        schema: z
          .union([z.literal(""), z.string().trim().email("Enter a valid email address.").max(200)])
          .optional()
          .transform((s) => (s ? s : undefined)),
        on: "create",
      },
    },
    reporterPhone: { label: "Reporter phone", input: "text", write: { schema: omittedWhenEmpty(40), on: "create" } },
    // Notes are timeline entries now (INTERNAL_NOTE, lib/data/request-timeline.ts); the column
    // is emptied by the migration and written by nothing.
    internalNotes: { label: "Internal notes" },
    assigneeId: { label: "Assignee", refersTo: "person", write: { schema: optionalId, on: "update" }, form: false },
    // The municipality's own tags (RequestTag ids), chosen on the request page's tag picker;
    // lib/data accepts only the municipality's tags that are not archived (or already on the row).
    tags: { label: "Tags", write: { schema: idList(20, "Choose at most 20 tags."), on: "update" }, form: false },
    departmentId: {
      label: "Department",
      input: "select",
      options: "departments",
      write: { schema: optionalId, on: "update" },
    },
    isPublic: {
      label: "Public",
      formLabel: "Show on the public portal (limited fields)",
      input: "checkbox",
      write: { schema: flag, on: "update" },
    },
    resolvedAt: { label: "Resolved" },
  },
  variant: { field: "category" },
  list: {
    filters: {
      status: { schema: z.enum(ServiceRequestStatus), label: "Status", options: ServiceRequestStatus },
      category: { schema: z.enum(ServiceCategory), label: "Category", options: ServiceCategory },
      area: { schema: filterText(100), label: "Area", choices: "areas" },
      // Staff filters on fields a limited view may withhold: matched only where the viewer may
      // read the field (FilterDef.field). Their options come from the municipality (choices).
      department: {
        schema: optionalIdFilter,
        label: "Department",
        field: "departmentId",
        choices: "departments",
        where: (v: string | undefined) => (v === undefined ? {} : { departmentId: v }),
      },
      assignee: {
        schema: z.union([z.literal("me"), z.literal("none"), optionalIdFilter]),
        label: "Assignee",
        field: "assigneeId",
        choices: "assignees",
        anyLabel: "Anyone or nobody",
        where: (v: string | undefined, ctx) =>
          v === undefined
            ? {}
            : v === "none"
              ? { assigneeId: null }
              : { assigneeId: v === "me" ? (ctx.userId ?? NOBODY) : v },
      },
      tag: {
        schema: optionalIdFilter,
        label: "Tag",
        field: "tags",
        choices: "tags",
        where: (v: string | undefined) => (v === undefined ? {} : { tags: { has: v } }),
      },
    },
    search: { fields: ["title", "reference", "area"], placeholder: "Title, reference or area" },
    sorts: ["createdAt", "updatedAt", "status", "category", "reference", "title"],
    defaultSort: "createdAt",
    defaultDir: "desc",
    idDir: "same",
    // The common columns always; sensitive ones only when readable on some row of the page.
    columns: [
      { field: "reference", sort: "reference", mono: true, link: true },
      { field: "title", sort: "title" },
      { field: "category", sort: "category" },
      { field: "status", sort: "status", badge: "request" },
      { field: "area", label: "Area" },
      { field: "address", label: "Address" },
      { field: "reporterName", label: "Reporter" },
      { field: "reporterEmail" },
      { field: "reporterPhone" },
      { field: "tags", label: "Tags" },
      { field: "createdAt", label: "Reported", sort: "createdAt" },
    ],
    always: ["reference", "title", "category", "status", "area", "createdAt"],
    empty: "No service requests yet. Reports citizens send and requests staff file appear here.",
  },
  detail: {
    order: [
      "reference",
      "title",
      "category",
      "status",
      "area",
      "description",
      "address",
      "latitude",
      "longitude",
      "reporterName",
      "reporterEmail",
      "reporterPhone",
      "assigneeId",
      "tags",
      "departmentId",
      "isPublic",
      "createdAt",
      "updatedAt",
      "resolvedAt",
    ],
    title: "title",
    edit: "Edit request",
    // Notes are the timeline's now; the emptied column is not shown.
    retired: ["internalNotes"],
  },
  // The public group's limited view: reference, category, title, status, area and dates. No
  // reporter, no address, no coordinates — lib/data never hands those to the portal.
  portal: {
    title: "Reported problems",
    intro: "Reports are shown by area only; reporters' details and exact locations stay with the municipality.",
    filters: ["category", "status", "area"],
    pageSize: 25,
    empty: "No public reports yet. Anyone can report a problem to the municipality.",
    noun: "reports",
    columns: [
      { field: "reference", sort: "reference", mono: true, link: true },
      { field: "title", label: "Problem", sort: "title" },
      { field: "category", sort: "category" },
      { field: "area", label: "Area" },
      { field: "status", sort: "status", badge: "request" },
      { field: "createdAt", label: "Reported", sort: "createdAt" },
      { field: "resolvedAt", label: "Resolved" },
    ],
  },
  // Reference and status are the system's, not the submitter's, so they are not field-checked.
  // The reference (RIV-00046) and isPublic (the municipality's moderation setting) are drawn in
  // the create's transaction by lib/data (request-reference.ts).
  onCreate: () => ({ system: { status: "SUBMITTED" }, echo: ["reference"] }),
  onUpdate: (changes) => resolvedAtFor(changes.status as string | undefined),
});
