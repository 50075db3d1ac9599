// The HTTPS JSON binding of AuthZEN (§10) for the route handlers under app/access/v1: the service
// authenticates first (./client-auth.ts; any method, so a session cookie or a bare GET is a 401
// like any other caller without credentials), then only POST with an `application/json` object body
// is read. Every answer is `application/json` and `Cache-Control: no-store` (a decision is about
// this moment); `X-Request-ID` is echoed (§10.1.3). Errors of the whole request are
// `{ "error": { "status", "message" } }` with the status of §10.1.2 — the shape the spec itself
// uses for an evaluation's error — and the message names the offending member. Never a 500 for
// what a client sent: bad JSON, wrong types, nesting deeper than 64, NUL characters and bodies over
// 1 MB are 400/413; the database being down is a 503 with Retry-After.
import "server-only";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { env } from "@/lib/env";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "@/lib/db-faults";
import { MAX_BODY_BYTES } from "@/lib/security/upload-limit";
import { authenticateService } from "./client-auth";
import { decisionCache, evaluate, type DecisionCache } from "./evaluate";
import { evaluations } from "./evaluations";
import { AuthzenError, EvaluationSchema, parseOr400 } from "./schema";
import { searchActions, searchResources, searchSubjects } from "./search";
import { log } from "@/lib/ops/log";

export const ENDPOINTS = {
  evaluation: "/access/v1/evaluation",
  evaluations: "/access/v1/evaluations",
  "search/subject": "/access/v1/search/subject",
  "search/resource": "/access/v1/search/resource",
  "search/action": "/access/v1/search/action",
} as const;
export type AuthzenEndpoint = keyof typeof ENDPOINTS;

const MAX_DEPTH = 64;

const ANSWER: Record<AuthzenEndpoint, (cache: DecisionCache, body: unknown) => Promise<unknown>> = {
  evaluation: (cache, body) => evaluate(cache, parseOr400(EvaluationSchema, body)),
  evaluations,
  "search/subject": searchSubjects,
  "search/resource": searchResources,
  "search/action": searchActions,
};

/** The PDP's identifier (§9.1): the public base URL, without a trailing slash. */
export function policyDecisionPoint(): string {
  return env().APP_URL.replace(/\/+$/, "");
}

/** PDP metadata (§9), served at /.well-known/authzen-configuration. */
export function authzenConfiguration(): Record<string, string> {
  const base = policyDecisionPoint();
  return {
    policy_decision_point: base,
    access_evaluation_endpoint: base + ENDPOINTS.evaluation,
    access_evaluations_endpoint: base + ENDPOINTS.evaluations,
    search_subject_endpoint: base + ENDPOINTS["search/subject"],
    search_resource_endpoint: base + ENDPOINTS["search/resource"],
    search_action_endpoint: base + ENDPOINTS["search/action"],
  };
}

function json(status: number, body: unknown, req: Request, headers: Record<string, string> = {}): Response {
  const h = new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  const id = req.headers.get("x-request-id");
  if (id) h.set("X-Request-ID", id.slice(0, 200));
  return new Response(JSON.stringify(body), { status, headers: h });
}

export function authzenError(status: number, message: string): { error: { status: number; message: string } } {
  return { error: { status, message } };
}

/** The deepest nesting of `{`/`[` outside strings: JSON.parse takes any depth, code after it may not. */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** The body as a JSON object, or a 4xx that says what is wrong with it (§10.1: POST, application/json). */
export async function readBody(req: Request): Promise<Record<string, unknown>> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!/^application\/json\s*(;|$)/.test(type))
    throw new AuthzenError(400, "Send the request body as Content-Type: application/json.");
  let text: string;
  try {
    text = await req.text();
  } catch {
    throw new AuthzenError(400, "The request body could not be read.");
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AuthzenError(413, "The request is too large (1 MB at most).");
  if (text.trim() === "") throw new AuthzenError(400, "The request body is empty: send a JSON object.");
  if (/\\u0000/i.test(text)) throw new AuthzenError(400, "The request holds a NUL character, which no member accepts.");
  if (nesting(text) > MAX_DEPTH) throw new AuthzenError(400, `The body is nested more than ${MAX_DEPTH} levels deep.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuthzenError(400, "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AuthzenError(400, "The request body must be a JSON object.");
  return value as Record<string, unknown>;
}

/** One AuthZEN endpoint: authenticate, read, answer. */
export async function handleAuthzen(req: Request, endpoint: AuthzenEndpoint): Promise<Response> {
  try {
    const service = await authenticateService(req.headers.get("authorization"), clientIpFrom(req.headers));
    if (req.method.toUpperCase() !== "POST")
      throw new AuthzenError(405, `${ENDPOINTS[endpoint]} answers POST only.`, { Allow: "POST" });
    const body = await readBody(req);
    return json(200, await ANSWER[endpoint](decisionCache(service), body), req);
  } catch (err) {
    if (err instanceof AuthzenError) return json(err.status, authzenError(err.status, err.message), req, err.headers);
    if (isDatabaseUnavailable(err))
      return json(503, authzenError(503, UNAVAILABLE_MESSAGE), req, { "Retry-After": String(RETRY_AFTER_SECONDS) });
    log.error({ err }, `[authzen] ${ENDPOINTS[endpoint]} failed`);
    return json(500, authzenError(500, "The decision could not be made; try again."), req);
  }
}

/** The handlers a route file exports (app/access/v1/…/route.ts). */
export function authzenRoute(endpoint: AuthzenEndpoint) {
  const handler = (req: Request) => handleAuthzen(req, endpoint);
  return { GET: handler, POST: handler };
}
