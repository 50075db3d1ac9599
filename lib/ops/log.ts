// Gatehouse's log: JSON lines on standard output (pino), at LOG_LEVEL, secrets redacted
// (lib/ops/log-core.mjs says how). Ship standard output to wherever logs are collected; every
// line names its level, time, pid and host, and — inside a request — the request's id, the same
// id the response carries in X-Request-Id and the audit events it wrote keep.
//
//   log.info({ campaignId }, "[access-reviews] campaign closed");
//   log.error({ err }, "[mail] queue error");
import "server-only";
import type { Logger } from "pino";
import { env, logLevel } from "@/lib/env";
import { currentRequestId, isWellFormedRequestId, REQUEST_ID_HEADER, sharedLogger } from "./log-core.mjs";

export { currentRequestId, REQUEST_ID_HEADER };

/** The process's logger, at LOG_LEVEL (the same instance scripts/server.mjs logs its request lines with). */
export const log: Logger = sharedLogger(logLevel());

type HeaderBag = { get(name: string): string | null };

/**
 * The request id scripts/server.mjs gave this request, from its headers (`await headers()` in a
 * page or action, `req.headers` in a route). Only when our server wrote the header (as for the
 * socket address, lib/auth/client-ip.ts): under a plain `next start` it could be the client's.
 */
export function requestIdOf(headers: HeaderBag): string | null {
  if (env().GATEHOUSE_PEER_HEADER !== "1") return null;
  const value = headers.get(REQUEST_ID_HEADER);
  return isWellFormedRequestId(value) ? value : null;
}

/**
 * An error a page, route handler, server action or the proxy threw, as Next reports it
 * (instrumentation.ts onRequestError): one line with the route pattern, never the query.
 */
export function logRequestError(
  err: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
): void {
  log.error(
    {
      err,
      method: request.method,
      path: request.path.split(/[?#]/, 1)[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    "request error",
  );
}
