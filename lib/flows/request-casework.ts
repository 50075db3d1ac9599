// Staff work on a request as a flow: every timeline entry a change writes is handed to the
// followers' mails (./request-notify.ts) inside the change's own transaction. lib/data writes the
// entries and calls the hook; this layer owns what the hook does, so lib/data never imports
// lib/flows. Every writer of a service request (workspace actions, the JSON API, the portal's
// submission) passes `requestTimeline` so no status change or public comment goes unmailed.
import "server-only";
import type { EntryHook, TimelineOptions } from "@/lib/data/request-timeline";
import { workOnRequest, type RequestWork } from "@/lib/data/request-work";
import type { Viewer } from "@/lib/identity/viewer";
import { queueFollowerMails } from "./request-notify";
import { kickMailer } from "@/lib/jobs/mail-worker";

/** Queues the followers' mails of an entry (only the kinds followers hear of). */
export const notifyFollowers: EntryHook = async (tx, request, entry) => {
  await queueFollowerMails(tx, request, entry);
};

/** The timeline options every writer of a service request passes to lib/data. */
// Once the change has committed, the queue is kicked so followers' mails leave at once (not at
// the next minute's scheduled drain).
export const requestTimeline: TimelineOptions = { onEntry: notifyFollowers, afterCommit: kickMailer };

export async function workOnServiceRequest(
  viewer: Viewer,
  id: string,
  work: RequestWork,
  opts: { expectedUpdatedAt?: Date; within?: { municipalityId?: string } } = {},
) {
  const done = await workOnRequest(viewer, id, work, { ...opts, onEntry: notifyFollowers });
  await kickMailer();
  return done;
}
