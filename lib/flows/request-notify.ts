// Mails to a request's followers (its reporter's opt-in address, citizens who follow it) when the
// status changes or staff write a public comment: queued in the outbox inside the change's own
// transaction, so a change is never without its mails and SMTP being down loses nothing.
import "server-only";
import type { Tx } from "./tx";
import type { RequestEventKind } from "@/lib/generated/prisma/enums";

/** The kinds of timeline entry followers are told about. */
export const NOTIFIED_KINDS: readonly RequestEventKind[] = ["STATUS_CHANGED", "PUBLIC_COMMENT"];

export async function queueFollowerMails(
  tx: Tx,
  request: { id: string; municipalityId: string },
  event: { id: string; kind: RequestEventKind },
): Promise<void> {
  if (!NOTIFIED_KINDS.includes(event.kind)) return;
  // Filled in by the tracking work (issue 18): one outbox mail per active follower, each with
  // the follower's own tracking and unsubscribe links.
  void tx;
  void request;
}
