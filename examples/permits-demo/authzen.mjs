// The permits application asks Gatehouse what a person may do through the OpenID AuthZEN
// Authorization API 1.0: one POST /access/v1/evaluations for a whole page (every permit × every
// action), one POST /access/v1/evaluation before an action is carried out. The service
// authenticates with its client credentials (HTTP Basic). Anything but a clear `true` is a no:
// an error, a timeout or an unexpected answer never lets an action through.

export class AuthZenError extends Error {
  name = "AuthZenError";
}

/**
 * @typedef {{ type: "user"; id: string }} Subject
 * @typedef {{ type: string; id: string; properties?: Record<string, unknown> }} Resource
 * @typedef {{ name: string }} Action
 */

/** @param {{ gatehouseUrl: string; clientId: string; clientSecret: string; timeoutMs?: number }} opts */
export function createAuthZenClient(opts) {
  const base = opts.gatehouseUrl.replace(/\/$/, "");
  const authorization = `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString("base64")}`;

  /** @param {string} path @param {unknown} body */
  async function post(path, body) {
    let res;
    try {
      res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new AuthZenError(`Gatehouse did not answer (${err instanceof Error ? err.message : String(err)})`);
    }
    const text = await res.text();
    if (!res.ok) throw new AuthZenError(`Gatehouse answered ${res.status} to ${path}: ${text.slice(0, 200)}`);
    try {
      return JSON.parse(text);
    } catch {
      throw new AuthZenError(`Gatehouse answered ${path} with something that is not JSON`);
    }
  }

  return {
    /** @param {Subject} subject @param {Resource} resource @param {Action} action @returns {Promise<boolean>} */
    async evaluate(subject, resource, action) {
      const r = await post("/access/v1/evaluation", { subject, resource, action });
      return r?.decision === true;
    },
    /**
     * One call for many questions about one subject (AuthZEN 1.0, section 7: the subject is given
     * once as the default; every evaluation is answered, in order).
     * @param {Subject} subject @param {{ resource: Resource; action: Action }[]} items
     * @returns {Promise<boolean[]>}
     */
    async evaluations(subject, items) {
      if (items.length === 0) return [];
      const r = await post("/access/v1/evaluations", {
        subject,
        evaluations: items.map((i) => ({ resource: i.resource, action: i.action })),
        options: { evaluations_semantic: "execute_all" },
      });
      const list = Array.isArray(r?.evaluations) ? r.evaluations : [];
      if (list.length !== items.length) {
        throw new AuthZenError(`Gatehouse answered ${list.length} of ${items.length} evaluations`);
      }
      return list.map((/** @type {{ decision?: unknown }} */ e) => e?.decision === true);
    },
  };
}
