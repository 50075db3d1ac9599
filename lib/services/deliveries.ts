// The outbox of connected services: OpenID Connect Back-Channel Logout tokens and signed webhooks
// (Standard Webhooks), written in the transaction of the change that ends access and delivered by
// the queue with retries (./delivery-worker.ts), so a service that is down never blocks an
// admin's change, and a delivery exists exactly when the change committed.
//
// Nothing secret is stored in a row: a logout token is signed at delivery time (fresh iat/exp,
// the key that signs then), and a webhook is signed at each attempt with the service's sealed
// secret. The payload holds only what the receiver is told anyway: the person's id (and email in
// the webhook), the session ids the service knew, and the reason in plain words.
import "server-only";
import type { DataTx } from "@/lib/data/tx";
import { kickQueue } from "@/lib/jobs/mail-worker";
import { log } from "@/lib/ops/log";

export type AccessEnded = {
  service: {
    id: string;
    municipalityId: string | null;
    backchannelLogoutUri: string | null;
    webhookUrl: string | null;
  };
  user: { id: string; email: string };
  /** Plain words for the webhook and the admin ("removed from the operator group"). */
  reason: string;
  /** Provider session ids the service knew (from endOidcAccess), for the logout token's `sid`. */
  sids: string[];
};

export type AccessGranted = Omit<AccessEnded, "sids">;

/** The event names of the webhook body's `type` (and ServiceDelivery.event). */
export const WEBHOOK_EVENTS = { revoked: "access.revoked", granted: "access.granted" } as const;
export const LOGOUT_EVENT = "backchannel_logout";

/** What a BACKCHANNEL_LOGOUT row holds: one token per sid is signed at delivery (one without sid when none). */
export type LogoutPayload = { sub: string; sids: string[] };

/** The Standard Webhooks body, stored as it is sent (the `timestamp` is the event's time). */
export type WebhookBody = {
  type: (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];
  timestamp: string;
  data: {
    service: { id: string; slug: string };
    user: { id: string; email: string };
    reason: string;
  };
};

/** Logout tokens carry at most this many sids per delivery (a person rarely has more than a few sessions). */
const MAX_SIDS = 50;
const REASON_MAX = 500;

async function webhookBody(tx: DataTx, type: WebhookBody["type"], e: AccessGranted): Promise<WebhookBody> {
  const svc = await tx.service.findUniqueOrThrow({ where: { id: e.service.id }, select: { slug: true } });
  return {
    type,
    timestamp: new Date().toISOString(),
    data: {
      service: { id: e.service.id, slug: svc.slug },
      user: { id: e.user.id, email: e.user.email },
      reason: e.reason.slice(0, REASON_MAX),
    },
  };
}

function queueWebhook(tx: DataTx, e: AccessGranted, body: WebhookBody) {
  return tx.serviceDelivery.create({
    data: {
      serviceId: e.service.id,
      municipalityId: e.service.municipalityId,
      userId: e.user.id,
      kind: "WEBHOOK",
      event: body.type,
      payload: body,
    },
    select: { id: true },
  });
}

/** Queues the logout token and the `access.revoked` webhook, in the caller's transaction. */
export async function queueAccessEnded(tx: DataTx, ended: AccessEnded): Promise<void> {
  if (ended.service.backchannelLogoutUri) {
    const payload: LogoutPayload = { sub: ended.user.id, sids: [...new Set(ended.sids)].slice(0, MAX_SIDS) };
    await tx.serviceDelivery.create({
      data: {
        serviceId: ended.service.id,
        municipalityId: ended.service.municipalityId,
        userId: ended.user.id,
        kind: "BACKCHANNEL_LOGOUT",
        event: LOGOUT_EVENT,
        payload,
      },
      select: { id: true },
    });
  }
  if (ended.service.webhookUrl) await queueWebhook(tx, ended, await webhookBody(tx, WEBHOOK_EVENTS.revoked, ended));
}

/** Queues the `access.granted` webhook (when the service has a webhook URL), in the caller's transaction. */
export async function queueAccessGranted(tx: DataTx, granted: AccessGranted): Promise<void> {
  if (!granted.service.webhookUrl) return;
  await queueWebhook(tx, granted, await webhookBody(tx, WEBHOOK_EVENTS.granted, granted));
}

/** The pg-boss queue of deliveries: kicked after a commit, and swept every minute. */
export const DELIVERY_QUEUE = "service-deliveries";

const g = globalThis as unknown as { gatehouseDeliveryPass?: { running: boolean; again: boolean } };

/**
 * Starts delivering what is queued (after the transaction commits). Never throws. Only where the
 * queue runs (the app server): a worker is asked through pg-boss, and this process also starts
 * one pass itself at once, so a logout reaches the service in milliseconds, not at the next poll.
 * Kicks while a pass runs are folded into one more pass after it (a bulk change kicking 5,000
 * times runs a handful of passes, not 5,000). Scripts and tests start nothing as a side effect;
 * the minute's sweep catches up.
 */
export function kickServiceDeliveries(): void {
  const pass = (g.gatehouseDeliveryPass ??= { running: false, again: false });
  if (pass.running) {
    pass.again = true;
    return;
  }
  pass.running = true;
  void (async () => {
    try {
      if (!(await kickQueue(DELIVERY_QUEUE))) return;
      const { deliverDueOnce } = await import("./delivery-worker");
      do {
        pass.again = false;
        await deliverDueOnce();
      } while (pass.again);
    } catch (e) {
      log.error({ err: e }, "[deliveries] could not start delivering; the scheduled sweep will");
    } finally {
      pass.running = false;
    }
  })();
}
