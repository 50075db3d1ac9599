// Standard Webhooks (standardwebhooks.com): the headers a service's receiver verifies with any
// Standard Webhooks library (`new Webhook(secret).verify(body, headers)`). The signature is
// HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>" with the service's whsec_ secret, done
// by the reference package rather than by hand. webhook-id is the delivery's id — the same at
// every retry, so a receiver drops a repeat — and the timestamp is the attempt's, since receivers
// refuse signatures older than a few minutes.
import "server-only";
import { Webhook } from "standardwebhooks";

export type WebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

export function signWebhook(secret: string, id: string, body: string, at: Date = new Date()): WebhookHeaders {
  // Whole seconds: the header carries seconds, and the signed string must match it.
  const when = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(when.getTime() / 1000),
    "webhook-signature": new Webhook(secret).sign(id, when, body),
  };
}
