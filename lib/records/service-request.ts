// Service requests: citizens' reports (docs/requirements.md#municipal-platform's occurrences). The public reports through the
// portal, staff record them on a citizen's behalf and work on them; reference and status are
// the system's on creation, resolvedAt follows the status (./lifecycle.ts).
import { z } from "zod";
import { ServiceCategory, ServiceRequestStatus } from "@/lib/generated/prisma/enums";
import { defineRecordType, recordNames } from "./define";
import { coordinate, filterText, flag, nullableText, omittedWhenEmpty, optionalId, text } from "./fields";
import { resolvedAtFor } from "./lifecycle";

function newReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return `SR-${Date.now().toString(36).toUpperCase()}-${[...bytes]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase()}`;
}

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
    internalNotes: {
      label: "Internal notes",
      input: "textarea",
      write: { schema: nullableText(5000, "Keep notes under 5,000 characters."), on: "update" },
    },
    assigneeId: { label: "Assignee", refersTo: "person", write: { schema: optionalId, on: "update" }, form: false },
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
      area: { schema: filterText(100), label: "Area" },
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
      { field: "internalNotes", label: "Internal notes" },
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
      "internalNotes",
      "assigneeId",
      "departmentId",
      "isPublic",
      "createdAt",
      "updatedAt",
      "resolvedAt",
    ],
    title: "title",
    edit: "Edit request",
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
      { field: "reference", sort: "reference", mono: true },
      { field: "title", label: "Problem", sort: "title" },
      { field: "category", sort: "category" },
      { field: "area", label: "Area" },
      { field: "status", sort: "status", badge: "request" },
      { field: "createdAt", label: "Reported", sort: "createdAt" },
      { field: "resolvedAt", label: "Resolved" },
    ],
  },
  // Reference and status are the system's, not the submitter's, so they are not field-checked.
  onCreate: () => ({ system: { reference: newReference(), status: "SUBMITTED", isPublic: true }, echo: ["reference"] }),
  onUpdate: (changes) => resolvedAtFor(changes.status as string | undefined),
});
