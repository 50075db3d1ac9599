// Is PostgreSQL answering? proxy.ts asks before each request so that, while the database is down,
// a page gets a clear 503 page and the API a 503 problem with Retry-After. Only the proxy can do
// this for pages: Next gives error.tsx no way to set the status (it shows the same clear message,
// with the status Next chooses, for a request that fails before the probe has noticed).
//
// Cheap on purpose. The answer is cached for one second and at most one probe runs at a time
// (`select 1` on a dedicated one-connection pool), so a busy server adds at most one tiny query
// per second, and a request waits for a probe at most once a second — the others use the cached
// answer. Short timeouts keep a blackholed database from holding requests for long.
import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from "@/lib/db-faults";
import { log } from "@/lib/ops/log";

const CACHE_MS = 1000;

type State = { up: boolean; at: number; probing?: Promise<boolean>; pool?: pg.Pool };
const g = globalThis as unknown as { gatehouseDbHealth?: State };
const state = (g.gatehouseDbHealth ??= { up: true, at: 0 });

function pool(): pg.Pool {
  if (!state.pool) {
    state.pool = new pg.Pool({
      connectionString: databaseUrl(),
      max: 1,
      connectionTimeoutMillis: 1000,
      query_timeout: 1000,
      idleTimeoutMillis: 60_000,
    });
    // An idle connection dropped by a stopping server is an 'error' event; unhandled, it would end the process.
    state.pool.on("error", () => {});
  }
  return state.pool;
}

async function probe(): Promise<boolean> {
  try {
    await pool().query("select 1");
    return true;
  } catch {
    return false;
  }
}

export async function databaseAnswering(): Promise<boolean> {
  if (Date.now() - state.at < CACHE_MS) return state.up;
  state.probing ??= probe().then((up) => {
    if (up !== state.up)
      log.warn(up ? "[db] PostgreSQL answers again" : "[db] PostgreSQL does not answer: serving 503 until it does");
    Object.assign(state, { up, at: Date.now(), probing: undefined });
    return up;
  });
  return state.probing;
}

/**
 * While the database is down: the answer for this request, or null to let it through. Server
 * actions go through: the form itself then says "nothing was changed, try again" and keeps what
 * the person typed (lib/action-result.ts).
 */
export async function outageResponse(request: Request): Promise<Response | null> {
  if (request.headers.has("next-action")) return null;
  if (await databaseAnswering()) return null;
  const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  const pathname = new URL(request.url).pathname;
  // A directory's SCIM client reads SCIM Errors (RFC 7644 §3.12); 503 + Retry-After makes it retry.
  if (pathname.startsWith("/scim/")) {
    const body = {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "503",
      detail: UNAVAILABLE_MESSAGE,
    };
    return new Response(JSON.stringify(body), {
      status: 503,
      headers: { ...headers, "Content-Type": "application/scim+json" },
    });
  }
  if (pathname.startsWith("/api/")) {
    const body = { type: "about:blank", title: "Service unavailable", status: 503, detail: UNAVAILABLE_MESSAGE };
    return new Response(JSON.stringify(body), {
      status: 503,
      headers: { ...headers, "Content-Type": "application/problem+json" },
    });
  }
  // An AuthZEN PEP reads the API's error object (lib/services/authzen/handler.ts); 503 + Retry-After.
  if (pathname.startsWith("/access/v1/")) {
    const body = { error: { status: 503, message: UNAVAILABLE_MESSAGE } };
    return new Response(JSON.stringify(body), {
      status: 503,
      headers: { ...headers, "Content-Type": "application/json" },
    });
  }
  return new Response(OUTAGE_PAGE, {
    status: 503,
    headers: {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

// Self-contained (no scripts, no assets): it must render when nothing behind it works.
const OUTAGE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable · Gatehouse</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0}main{max-width:36rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.5rem}p{color:#475569;line-height:1.5}</style>
</head><body><main role="alert">
<h1>Temporarily unavailable</h1>
<p>Gatehouse cannot reach its database just now. Nothing you saved before was lost, and nothing half-finished was stored.</p>
<p>Please try again in a minute: reload this page.</p>
</main></body></html>`;
