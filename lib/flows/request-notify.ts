// Mails to a request's followers (its reporter's opt-in address, people who followed it from its
// public page) when the status changes or staff write a public comment: queued in the outbox inside
// the change's own transaction, so a change is never without its mails and SMTP being down loses
// nothing. Each follower's mail carries that follower's own tracking and unsubscribe links; the
// link is the same in every mail (a keyed token made from the follower's id, only its hash
// stored: lib/data/request-followers.ts), so an older mail's link keeps working until it expires.
import "server-only";
import type { Tx } from "./tx";
import type { RequestEventKind } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { requestUpdateAccountMail, requestUpdateMail } from "@/lib/mail/templates";
import { label } from "@/lib/records/labels";
import {
  activeAccountFollowers,
  activeEmailFollowers,
  followedRequestFacts,
  notifiedEventFacts,
  TRACKING_DAYS,
} from "@/lib/data/request-followers";

/** The kinds of timeline entry followers are told about. */
export const NOTIFIED_KINDS: readonly RequestEventKind[] = ["STATUS_CHANGED", "PUBLIC_COMMENT"];

/** Returns how many mails were queued. The caller kicks the mailer after its transaction commits. */
export async function queueFollowerMails(
  tx: Tx,
  request: { id: string; municipalityId: string },
  event: { id: string; kind: RequestEventKind },
): Promise<number> {
  if (!NOTIFIED_KINDS.includes(event.kind)) return 0;
  const [followers, accounts] = await Promise.all([
    activeEmailFollowers(tx, request.id),
    activeAccountFollowers(tx, request.id),
  ]);
  if (followers.length + accounts.length === 0) return 0;
  const [facts, entry] = await Promise.all([followedRequestFacts(tx, request.id), notifiedEventFacts(tx, event.id)]);
  const change =
    entry.kind === "PUBLIC_COMMENT"
      ? { kind: "comment" as const, body: entry.body ?? "" }
      : { kind: "status" as const, to: label(entry.toStatus), reason: entry.body };
  for (const f of followers) {
    await enqueueMail(tx, {
      to: f.email,
      municipalityId: request.municipalityId,
      ...requestUpdateMail({ ...facts, token: f.token, days: TRACKING_DAYS, change }),
    });
  }
  // An address that follows both ways gets the tracking-link mail only.
  const linked = new Set(followers.map((f) => f.email.toLowerCase()));
  const extra = accounts.filter((a) => !linked.has(a.email.toLowerCase()));
  for (const a of extra) {
    await enqueueMail(tx, {
      to: a.email,
      municipalityId: request.municipalityId,
      ...requestUpdateAccountMail({ ...facts, change }),
    });
  }
  return followers.length + extra.length;
}
