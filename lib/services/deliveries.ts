// The outbox of connected services: OpenID Connect Back-Channel Logout tokens and signed webhooks
// (Standard Webhooks), written in the transaction of the change that ends access and delivered by
// the queue with retries, so a service that is down never blocks an admin's change.
//
// FOUNDATION STUB — helper "deliveries" implements it. The signature is the contract the access
// engine codes against.
import "server-only";
import type { DataTx } from "@/lib/data/tx";

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

/** Queues the logout token and the `access.revoked` webhook, in the caller's transaction. */
export async function queueAccessEnded(tx: DataTx, ended: AccessEnded): Promise<void> {
  void tx;
  void ended;
}

/** Starts delivering what is queued (after the transaction commits). Never throws. */
export function kickServiceDeliveries(): void {}
