// Documents: regulations, guidance and links (docs/requirements.md#sso-job-codes's resources); public ones for everyone,
// internal ones for staff. "Delete" archives: the document leaves the lists, its history stays.
import { z } from "zod";
import { DocumentKind, DocumentVisibility } from "@/lib/generated/prisma/enums";
import { defineRecordType, recordNames } from "./define";
import { httpUrl, optionalId, text } from "./fields";

export const document = defineRecordType({
  model: "Document",
  delegate: (c) => c.document,
  paths: { page: "documents", api: "documents", file: "documents" },
  names: recordNames({ one: "document", many: "Documents", short: "document" }),
  fields: {
    title: {
      label: "Title",
      input: "text",
      write: { schema: text(3, 200, "Give a title (3 characters or more)."), required: true },
    },
    kind: {
      label: "Kind",
      input: "select",
      options: DocumentKind,
      write: { schema: z.enum(DocumentKind, { error: "Choose a kind." }), required: true },
    },
    visibility: {
      label: "Visibility",
      input: "select",
      options: DocumentVisibility,
      hint: "Public documents appear on the public portal.",
      write: { schema: z.enum(DocumentVisibility, { error: "Choose who may see it." }), required: true },
    },
    summary: { label: "Summary", input: "textarea", write: { schema: z.string().trim().max(500), createDefault: "" } },
    body: { label: "Text", input: "textarea", write: { schema: z.string().trim().max(20_000), createDefault: "" } },
    url: { label: "Link", input: "url", write: { schema: httpUrl } },
    departmentId: { label: "Department", write: { schema: optionalId }, form: false },
    archivedAt: { label: "Archived" },
  },
  // A new document is never archived; its kind does not change who may create it.
  variant: { field: "visibility", also: { kind: DocumentKind.REGULATION, archivedAt: null } },
  list: {
    filters: {
      kind: { schema: z.enum(DocumentKind), label: "Kind", options: DocumentKind },
      visibility: { schema: z.enum(DocumentVisibility), label: "Visibility", options: DocumentVisibility },
      archived: {
        schema: z.enum(["include", "exclude", "only"]).default("exclude"),
        label: "Archived",
        where: (v: "include" | "exclude" | "only") =>
          v === "exclude" ? { archivedAt: null } : v === "only" ? { archivedAt: { not: null } } : {},
        options: [
          ["include", "Include archived"],
          ["only", "Only archived"],
        ],
        anyLabel: "Hide archived",
      },
    },
    search: { fields: ["title", "summary"], placeholder: "Title or summary" },
    sorts: ["title", "kind", "updatedAt"],
    defaultSort: "updatedAt",
    defaultDir: "desc",
    idDir: "same",
    columns: [
      { field: "title", sort: "title", link: true },
      { field: "kind", sort: "kind" },
      { field: "visibility" },
      { field: "summary" },
      { field: "archivedAt", label: "Archived" },
      { field: "updatedAt", label: "Updated", sort: "updatedAt" },
    ],
    always: ["title", "kind"],
    empty: "No documents yet.",
  },
  detail: {
    order: [
      "title",
      "kind",
      "visibility",
      "summary",
      "url",
      "body",
      "departmentId",
      "archivedAt",
      "createdAt",
      "updatedAt",
    ],
    title: "title",
    edit: "Edit document",
  },
  portal: {
    title: "Documents",
    filters: ["kind"],
    pageSize: 25,
    empty: "No public documents yet.",
    card: { eyebrow: ["kind"], title: "title", body: "summary", link: true },
  },
  archive: { field: "archivedAt", button: "Archive document", done: "Archived: it no longer appears in the lists." },
});
