// A timeline entry in plain words (issue 18): what happened, never an enum name or an id. The
// staff timeline, the public request page and the followers' mails read the same sentences; and
// the shape of the entry a person writes (the JSON API's body, its OpenAPI schema).
// Client-safe: no server imports.
import { z } from "zod";
import type { RequestEventKind, ServiceRequestStatus } from "@/lib/generated/prisma/enums";
import { label } from "./labels";

export type EntryWords = {
  kind: RequestEventKind;
  fromStatus?: ServiceRequestStatus | null;
  toStatus?: ServiceRequestStatus | null;
  assigneeId?: string | null;
  body?: string | null;
};

/** What the entry says happened; `assignee` is the new assignee's name as the reader may see it. */
export function entryHeadline(e: EntryWords, assignee?: string): string {
  switch (e.kind) {
    case "CREATED":
      return "Request filed";
    case "STATUS_CHANGED":
      return e.fromStatus
        ? `Status changed from ${label(e.fromStatus)} to ${label(e.toStatus)}`
        : `Status set to ${label(e.toStatus)}`;
    case "ASSIGNED":
      return e.assigneeId ? `Assigned to ${assignee ?? "a staff member"}` : "Unassigned";
    case "INTERNAL_NOTE":
      return "Internal note";
    case "PUBLIC_COMMENT":
      return "Public comment";
    case "TAGS_CHANGED":
      return e.body ? `Tags set to ${e.body}` : "Tags removed";
    case "PHOTO_ADDED":
      return "Photo added";
    case "PHOTO_PUBLISHED":
      return "Photo published";
  }
}

/** The text shown under the headline: a status change's reason, a note's or comment's words. */
export function entryText(e: EntryWords): string | null {
  if (!e.body) return null;
  if (e.kind === "STATUS_CHANGED") return `Reason: ${e.body}`;
  return e.kind === "INTERNAL_NOTE" || e.kind === "PUBLIC_COMMENT" ? e.body : null;
}

/** The kinds a person writes, as the form offers them. */
export const AUTHORED_KIND_WORDS = {
  INTERNAL_NOTE: { label: "Internal note", hint: "Staff only: never shown to the public or the reporter." },
  PUBLIC_COMMENT: {
    label: "Public comment",
    hint: "Shown on the public request page and mailed to the people who follow the request.",
  },
} as const;

/** A note or comment as the JSON API takes it (POST /api/v1/service-requests/{id}/events). */
export const newEntrySchema = z.strictObject({
  kind: z.enum(["INTERNAL_NOTE", "PUBLIC_COMMENT"], { error: "kind is INTERNAL_NOTE or PUBLIC_COMMENT" }),
  body: z.string().trim().min(1, "Write something.").max(5000, "At most 5,000 characters."),
});
