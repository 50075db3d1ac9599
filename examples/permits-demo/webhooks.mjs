// Standard Webhooks (standardwebhooks.com): Gatehouse signs each delivery with the service's
// webhook secret (HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>", headers
// webhook-id, webhook-timestamp, webhook-signature). The reference library checks the signature
// and that the timestamp is within five minutes; a webhook-id seen before is a retry of the same
// event, answered 200 again but not applied twice.
import { Webhook } from "standardwebhooks";

/** @param {{ secret: string }} opts */
export function createWebhookVerifier(opts) {
  const wh = new Webhook(opts.secret);
  const seenIds = new Set();
  /**
   * @param {string} body the raw body, exactly as received (the signature covers its bytes)
   * @param {Record<string, string | string[] | undefined>} headers
   * @returns {{ verified: true; id: string; duplicate: boolean; event: unknown } | { verified: false; id: string | null; error: string }}
   */
  return function verifyWebhook(body, headers) {
    const one = (/** @type {string} */ name) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const id = one("webhook-id") ?? null;
    try {
      const event = wh.verify(body, {
        "webhook-id": id ?? "",
        "webhook-timestamp": one("webhook-timestamp") ?? "",
        "webhook-signature": one("webhook-signature") ?? "",
      });
      const duplicate = seenIds.has(id);
      seenIds.add(id);
      return { verified: true, id: /** @type {string} */ (id), duplicate, event };
    } catch (err) {
      return { verified: false, id, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
