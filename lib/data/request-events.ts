// A request's timeline is append-only: every change of status, assignment, tags or photos and every
// note or public comment is one RequestEvent row, written in the same transaction as the change.
// This is the one place that writes them, so the denormalised copies the policies read
// (onPublicRequest, reporterUserId) are always filled the same way. The flow that appends an
// entry also queues the followers' mails (lib/flows/request-notify.ts) in the same transaction.
import "server-only";
import type { DataTx } from "./tx";
import type { RequestEventKind, ServiceRequestStatus } from "@/lib/generated/prisma/enums";

/** The change's own transaction (lib/data's and lib/flows' are the same extended client). */
type EventTx = DataTx;

export type RequestRef = { id: string; municipalityId: string; isPublic: boolean; reporterUserId: string | null };

export type NewRequestEvent = {
  kind: RequestEventKind;
  authorId?: string | null;
  body?: string | null;
  fromStatus?: ServiceRequestStatus | null;
  toStatus?: ServiceRequestStatus | null;
  assigneeId?: string | null;
  photoId?: string | null;
};

export async function appendRequestEvent(
  tx: Pick<EventTx, "requestEvent">,
  request: RequestRef,
  event: NewRequestEvent,
) {
  return tx.requestEvent.create({
    data: {
      municipalityId: request.municipalityId,
      requestId: request.id,
      onPublicRequest: request.isPublic,
      reporterUserId: request.reporterUserId,
      kind: event.kind,
      authorId: event.authorId ?? null,
      body: event.body ?? null,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      assigneeId: event.assigneeId ?? null,
      photoId: event.photoId ?? null,
    },
    select: { id: true, kind: true, createdAt: true },
  });
}

/** The request's isPublic changed: its entries and photos follow, in the same transaction. */
export async function syncRequestVisibility(
  tx: Pick<EventTx, "requestEvent" | "requestPhoto">,
  requestId: string,
  isPublic: boolean,
) {
  await tx.requestEvent.updateMany({ where: { requestId }, data: { onPublicRequest: isPublic } });
  await tx.requestPhoto.updateMany({ where: { requestId }, data: { onPublicRequest: isPublic } });
}
