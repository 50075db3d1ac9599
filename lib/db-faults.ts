// Recognising "the database is unreachable" (stopped, restarting, network gone) among errors from
// Prisma and the pg driver, so callers answer 503 + Retry-After — the client's cue to try again —
// instead of a 500 that reads like a bug. Matched by driver and PostgreSQL codes, never by
// message text that a query's own data could contain.
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
// SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, cannot connect now).
const SQLSTATE = /^(08\d{3}|57P0[1-3])$/;
// Prisma's own: can't reach, timed out, closed the connection, pool timeout.
const PRISMA = new Set(["P1001", "P1002", "P1017", "P2024"]);

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as {
      code?: unknown;
      cause?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      errors?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    for (const c of [o.code, o.originalCode]) {
      if (typeof c === "string" && (NETWORK.has(c) || SQLSTATE.test(c) || PRISMA.has(c))) return true;
    }
    // Driver-adapter errors name the failure kind (e.g. DatabaseNotReachable) rather than a code.
    if (typeof o.kind === "string" && /NotReachable|ConnectionClosed|SocketTimeout|TooManyConnections/.test(o.kind))
      return true;
    // AggregateError from a dual-stack connect (IPv4 and IPv6 both refused).
    if (Array.isArray(o.errors) && o.errors.some((x) => isDatabaseUnavailable(x))) return true;
    // A failed $queryRaw (the session check is one) is P2010 "raw query failed", with the
    // adapter's own error — DatabaseNotReachable during an outage — under meta, not as its cause.
    if (o.meta && typeof o.meta === "object" && isDatabaseUnavailable(o.meta.driverAdapterError)) return true;
    e = o.cause;
  }
  return false;
}

/** What a 503 asks the client to wait before trying again (API, outage page). */
export const RETRY_AFTER_SECONDS = 15;

export const UNAVAILABLE_MESSAGE =
  "Gatehouse is temporarily unavailable. Nothing was changed; please try again in a minute.";
