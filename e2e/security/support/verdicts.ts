// Judging answers to hostile input. Pure functions over (status, headers, body), so each suite
// also runs them against a deliberately broken server and shows that they fail.
import { headerProblems } from "./headers";

export type Answer = { status: number; headers: Record<string, string>; body: string };

/**
 * The result of a server action, read from its RSC answer: row 0 names the row that holds the
 * action's return value ("a":"$@1"); a row written as `N:E{…}` is an error Next caught (a thrown
 * exception: the browser shows a crash, the server logged a digest).
 */
export function actionResult(body: string): { result?: unknown; error?: string } {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/s.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  for (const [id, text] of rows)
    if (text.startsWith("E{")) return { error: `row ${id} is an error: ${text.slice(1, 200)}` };
  let head: { a?: unknown };
  try {
    head = JSON.parse(rows.get("0") ?? "null") as { a?: unknown };
  } catch {
    return { error: "row 0 is not JSON" };
  }
  const ref = typeof head?.a === "string" ? /^\$@([0-9a-f]+)$/.exec(head.a) : null;
  if (!ref) return { error: "no action result in the answer" };
  try {
    return { result: JSON.parse(rows.get(ref[1]!) ?? "undefined") };
  } catch {
    return { error: `row ${ref[1]} is not JSON` };
  }
}

const signInRedirect = (h: Record<string, string>) => {
  const to = h["x-action-redirect"] ?? h["location"];
  return !!to && new URL(to.split(";")[0]!, "http://x").pathname === "/signin";
};

/**
 * A hostile call to a server action must be refused with a message: an ok:false result with a
 * formError or fieldErrors, or — before the action runs — a 4xx from proxy.ts with its reason,
 * or (anonymous, for an action that needs a person) Next's redirect to sign in. Never a 5xx,
 * never an error row, never ok:true.
 */
export function judgeAction(a: Answer, opts: { mayRedirectToSignIn: boolean }): string | null {
  if (a.status >= 500) return `HTTP ${a.status}${a.body.includes("digest") ? " (Next error digest)" : ""}`;
  if (a.status >= 400) return a.body.trim() ? null : `HTTP ${a.status} without a message`;
  if (opts.mayRedirectToSignIn && signInRedirect(a.headers)) return null;
  const { result, error } = actionResult(a.body);
  if (error) return error;
  const r = result as { ok?: unknown; formError?: unknown; fieldErrors?: Record<string, unknown> } | null;
  if (r?.ok === true) return "accepted (ok:true)";
  if (r?.ok !== false) return `not an action result: ${JSON.stringify(result)?.slice(0, 120)}`;
  const hasMessage =
    (typeof r.formError === "string" && r.formError.trim() !== "") ||
    (!!r.fieldErrors && Object.keys(r.fieldErrors).length > 0);
  return hasMessage ? null : "ok:false without a message";
}

/** A 4xx problem document (RFC 9457) with a detail or title a person can read. */
function problemMessage(a: Answer): string | null {
  if (!(a.headers["content-type"] ?? "").startsWith("application/problem+json"))
    return `HTTP ${a.status} is not application/problem+json (${a.headers["content-type"] ?? "no type"})`;
  try {
    const p = JSON.parse(a.body) as { detail?: unknown; title?: unknown; status?: unknown };
    if (p.status !== a.status) return `problem status ${String(p.status)} ≠ HTTP ${a.status}`;
    return typeof p.detail === "string" && p.detail.trim() ? null : "problem without a detail";
  } catch {
    return "problem document is not JSON";
  }
}

/** A SCIM Error (RFC 7644 §3.12): application/scim+json, the Error schema, its status as a string, a detail. */
function scimErrorMessage(a: Answer): string | null {
  if (!(a.headers["content-type"] ?? "").startsWith("application/scim+json"))
    return `HTTP ${a.status} is not application/scim+json (${a.headers["content-type"] ?? "no type"})`;
  try {
    const e = JSON.parse(a.body) as { schemas?: unknown; status?: unknown; detail?: unknown };
    if (!Array.isArray(e.schemas) || !e.schemas.includes("urn:ietf:params:scim:api:messages:2.0:Error"))
      return "not a SCIM Error";
    if (e.status !== String(a.status)) return `SCIM status ${String(e.status)} ≠ HTTP ${a.status}`;
    return typeof e.detail === "string" && e.detail.trim() ? null : "SCIM Error without a detail";
  } catch {
    return "SCIM Error is not JSON";
  }
}

/** An AuthZEN error (lib/services/authzen/handler.ts): application/json `{ error: { status, message } }`. */
function authzenErrorMessage(a: Answer): string | null {
  if (!(a.headers["content-type"] ?? "").startsWith("application/json"))
    return `HTTP ${a.status} is not application/json (${a.headers["content-type"] ?? "no type"})`;
  try {
    const e = (JSON.parse(a.body) as { error?: { status?: unknown; message?: unknown } }).error;
    if (e?.status !== a.status) return `AuthZEN error status ${String(e?.status)} ≠ HTTP ${a.status}`;
    return typeof e.message === "string" && e.message.trim() ? null : "AuthZEN error without a message";
  } catch {
    return "AuthZEN error is not JSON";
  }
}

/**
 * A hostile request to a route handler. `mustRefuse`: the input can never be valid (writes, strict
 * list queries), so only a 4xx passes; otherwise (a read that ignores what it does not know, a
 * search for an odd string) a 2xx passes too. A 4xx must say why: a problem document with a detail
 * for the API, a text message for CSV exports. next-auth answers in its own way (redirects to the
 * sign-in page with an error), so there only "no 5xx and no session handed out" is asked.
 */
export function judgeRoute(
  a: Answer,
  opts: { answers: "problem" | "text" | "auth" | "scim" | "authzen"; mustRefuse: boolean },
): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  if (opts.answers === "auth") {
    const cookies = a.headers["set-cookie"] ?? "";
    return /(^|\n|, )(__Secure-)?next-auth\.session-token=[^;]/.test(cookies)
      ? "a session cookie was handed out"
      : null;
  }
  // Node refuses request lines and headers over its limit itself (431/414), before any code of ours.
  if (a.status === 431 || a.status === 414) return null;
  if (a.status >= 400)
    return opts.answers === "problem"
      ? problemMessage(a)
      : opts.answers === "scim"
        ? scimErrorMessage(a)
        : opts.answers === "authzen"
          ? authzenErrorMessage(a)
          : a.body.trim()
            ? null
            : `HTTP ${a.status} without a message`;
  if (opts.mustRefuse) return `accepted (HTTP ${a.status})`;
  return null;
}

/** Whether an answer is an HTML page (the nonce part of the header check applies to those). */
const isHtml = (a: Answer) => (a.headers["content-type"] ?? "").startsWith("text/html");

/**
 * A path segment whose percent-escapes do not decode (or decode to a NUL or another control
 * character) names nothing: a 400 or a 404, with every security header — never a 500.
 */
export function judgeMalformedPath(a: Answer): string | null {
  if (a.status !== 400 && a.status !== 404) return `HTTP ${a.status}, not 400 or 404`;
  const h = headerProblems(a.headers, { html: isHtml(a) });
  return h.length ? h.join("; ") : null;
}

/** A malformed escape in the query, or a well-formed odd one in a segment: any answer but a 5xx, with every security header. */
export function judgeMalformedQuery(a: Answer): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  const h = headerProblems(a.headers, { html: isHtml(a) });
  return h.length ? h.join("; ") : null;
}

/** A body over the limit: 413 with a reason (a problem document on the API), with every security header. */
export function judgeTooLarge(a: Answer, opts: { api: boolean }): string | null {
  if (a.status !== 413) return `HTTP ${a.status}, not 413`;
  if (!a.body.trim()) return "413 without a reason";
  if (opts.api && !(a.headers["content-type"] ?? "").startsWith("application/problem+json"))
    return "413 on the API that is not a problem document";
  const h = headerProblems(a.headers, { html: false });
  return h.length ? h.join("; ") : null;
}
