// Working on a request from its timeline: a new status with its optional reason, a note or a
// public comment, or both — one save. A status change goes through the request's update path
// (./record-store.ts: field checks, version, audit, its entries and the note in one transaction);
// a note alone is appended to a request the viewer may read. A save that changes nothing is
// refused with a message, and a reason without a status change is named, never dropped.
import "server-only";
import { ValidationError } from "@/lib/errors";
import type { ServiceRequestStatus } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";
import { recordsOf } from "./record-store";
import { getRecord } from "./scoped-records";
import { addRequestEntries, type AuthoredEntry, type EntryHook } from "./request-timeline";

export type RequestWork = { status?: ServiceRequestStatus; reason?: string; entry?: AuthoredEntry };

const requests = recordsOf("ServiceRequest");

/** What the save did: "status" (with any note), "entry" (a note or comment alone). */
export async function workOnRequest(
  viewer: Viewer,
  id: string,
  work: RequestWork,
  opts: { expectedUpdatedAt?: Date; within?: { municipalityId?: string }; onEntry?: EntryHook } = {},
): Promise<"status" | "entry"> {
  const current = await getRecord(viewer, "ServiceRequest", id, opts.within);
  const newStatus = work.status !== undefined && work.status !== current.status;
  const entries = work.entry ? [work.entry] : [];
  if (work.reason && !newStatus)
    throw new ValidationError("A reason goes with a new status.", {
      reason: ["Choose a new status to give a reason, or write it as a comment."],
    });
  if (newStatus) {
    await requests.update(viewer, id, { status: work.status }, opts.expectedUpdatedAt, opts.within, {
      reason: work.reason,
      entries,
      onEntry: opts.onEntry,
    });
    return "status";
  }
  if (!entries.length)
    throw new ValidationError("Nothing to save.", { body: ["Choose a new status, or write a note or a comment."] });
  await addRequestEntries(viewer, id, entries, { within: opts.within, onEntry: opts.onEntry });
  return "entry";
}
