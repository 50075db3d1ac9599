// Every request gets an id and one log line (scripts/server.mjs calls `withRequestLog` first).
// - The id: a fresh UUID, or behind our own proxies (TRUSTED_PROXY_HOPS > 0) the X-Request-Id
//   the proxy set, when well-formed. It goes into the internal header x-gatehouse-request-id
//   (written over anything a client sent under that name), into the response's X-Request-Id
//   (unless the route answers with its own: AuthZEN echoes the caller's),
//   and into the request context every log line and audit event inside the request reads
//   (lib/ops/log-core.mjs currentRequestId, lib/audit/record.ts).
// - The line, when the response is done: method, path (without the query, which can hold search
//   words and secrets; secret links' tokens redacted), status, duration in ms, request id.
//   "error" for a 5xx, "info" otherwise, so LOG_LEVEL=warn keeps only the failures.
import {
  levelOf,
  REQUEST_ID_HEADER,
  requestContext,
  requestIdFor,
  scrubText,
  sharedLogger,
} from "../lib/ops/log-core.mjs";

/** TRUSTED_PROXY_HOPS as lib/env.ts reads it (0..5); lib/env.ts refuses other values at start. */
function trustedHops() {
  const n = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n > 0 && n <= 5 ? n : 0;
}

/** The process's logger, at LOG_LEVEL (lib/ops/log.ts shares the same instance). */
export const serverLog = () => sharedLogger(levelOf(process.env.LOG_LEVEL));

/** The path part of a request target, secrets in it redacted; never the query. */
export function loggedPath(url = "") {
  const path = url.split(/[?#]/, 1)[0] || "/";
  return scrubText(path.length > 512 ? `${path.slice(0, 512)}…` : path);
}

/** Wraps a request listener: each request gets its id, its line when done, and its context. */
export function withRequestLog(listener) {
  return (req, res) => logged(req, res, () => listener(req, res));
}

function logged(req, res, handle) {
  const requestId = requestIdFor(req.headers, trustedHops());
  req.headers[REQUEST_ID_HEADER] = requestId;
  // Set as the head goes out, unless the route set its own: Next.js keeps a header already on
  // the response over the route's, and AuthZEN (lib/services/authzen/handler.ts) must echo the
  // caller's X-Request-ID (§10.1.3). The log line and audit events keep ours either way.
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.hasHeader("x-request-id")) res.setHeader("X-Request-Id", requestId);
    return writeHead.apply(this, args);
  };
  const started = process.hrtime.bigint();
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const status = res.writableFinished || res.headersSent ? res.statusCode : 499;
    const line = {
      requestId,
      method: req.method,
      path: loggedPath(req.url),
      status,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
    };
    serverLog()[status >= 500 ? "error" : "info"](line, "request");
  };
  res.once("finish", done);
  res.once("close", done);
  return requestContext().run({ requestId }, handle);
}

/** The dev server's WebSocket upgrades carry an id too (no line: they are not requests that end). */
export function markUpgrade(req) {
  req.headers[REQUEST_ID_HEADER] = requestIdFor(req.headers, trustedHops());
}
