// Heritage sites: the inventory of protected places (docs/requirements.md#record-views's resource models), with full or
// limited views decided per row. Kind and coordinates are set at creation only.
import { z } from "zod";
import { HeritageKind } from "@/lib/generated/prisma/enums";
import { defineRecordType, recordNames } from "./define";
import { coordinate, flag, nullableText, text } from "./fields";

export const heritageSite = defineRecordType({
  model: "HeritageSite",
  delegate: (c) => c.heritageSite,
  paths: { page: "heritage", api: "heritage-sites", file: "heritage-sites" },
  names: recordNames({ one: "heritage site", many: "Heritage sites", short: "site" }),
  fields: {
    kind: {
      label: "Kind",
      input: "select",
      options: HeritageKind,
      write: { schema: z.enum(HeritageKind, { error: "Choose a kind." }), required: true, on: "create" },
    },
    name: {
      label: "Name",
      input: "text",
      write: { schema: text(2, 200, "Give a name (2 characters or more)."), required: true },
    },
    district: {
      label: "District",
      input: "text",
      hint: "Shown on the public portal.",
      write: { schema: text(2, 100, "Name the district."), required: true },
    },
    summary: { label: "Summary", input: "textarea", write: { schema: z.string().trim().max(2000), createDefault: "" } },
    period: { label: "Period", input: "text", write: { schema: nullableText(100) } },
    designation: { label: "Designation", input: "text", write: { schema: nullableText(200) } },
    address: {
      label: "Address",
      formLabel: "Exact location (address)",
      input: "text",
      write: { schema: nullableText(200) },
    },
    latitude: { label: "Latitude", input: "number", write: { schema: coordinate(-90, 90), on: "create" } },
    longitude: { label: "Longitude", input: "number", write: { schema: coordinate(-180, 180), on: "create" } },
    ownerName: { label: "Owner", input: "text", write: { schema: nullableText(200) } },
    ownerContact: { label: "Owner contact", input: "text", write: { schema: nullableText(200) } },
    reviewNotes: { label: "Review notes", input: "textarea", write: { schema: nullableText(5000) } },
    isPublic: { label: "Public", formLabel: "Show on the public portal", input: "checkbox", write: { schema: flag } },
  },
  variant: { field: "kind" },
  list: {
    filters: { kind: { schema: z.enum(HeritageKind), label: "Kind", options: HeritageKind } },
    search: { fields: ["name", "district"], placeholder: "Name or district" },
    sorts: ["name", "kind", "district", "updatedAt"],
    defaultSort: "name",
    defaultDir: "asc",
    idDir: "asc",
    // Limited views (archaeological zones for volunteers) show "—" in the columns they may not read.
    columns: [
      { field: "name", sort: "name", link: true },
      { field: "kind", sort: "kind" },
      { field: "district", sort: "district" },
      { field: "designation" },
      { field: "address", label: "Exact location" },
      { field: "ownerName", label: "Owner" },
      { field: "reviewNotes", label: "Review notes" },
      { field: "updatedAt", label: "Updated", sort: "updatedAt" },
    ],
    always: ["name", "kind", "district"],
    empty: "No heritage sites yet.",
  },
  detail: {
    order: [
      "name",
      "kind",
      "district",
      "summary",
      "period",
      "designation",
      "isPublic",
      "address",
      "latitude",
      "longitude",
      "ownerName",
      "ownerContact",
      "reviewNotes",
      "createdAt",
      "updatedAt",
    ],
    title: "name",
    edit: "Edit heritage site",
  },
  // District only, whatever else the public policy allows on a row: the portal never renders a location.
  portal: {
    title: "Heritage",
    intro: "Protected places by district. Exact locations are not published, so that sensitive sites cannot be looted.",
    filters: ["kind"],
    pageSize: 24,
    empty: "No public heritage sites yet.",
    card: { eyebrow: ["kind", "district"], title: "name", subtitle: ["period", "designation"], body: "summary" },
  },
});
