// Graceful shutdown and the server's name, for scripts/server.mjs (plain JavaScript, as it is).
//
// On SIGTERM (or SIGINT) the server
//   1. stops taking requests: the listening socket closes at once (a load balancer's next
//      connection is refused and goes to another server; haproxy's `retries` + `option redispatch`
//      do that without the person noticing), idle keep-alive connections are closed, a request
//      still arriving on an open one is answered with `Connection: close`, and /readyz answers
//      503 so a health check takes the server out;
//   2. finishes the requests in flight (up to SHUTDOWN_TIMEOUT_MS, default 25 s — under the 30 s
//      a container platform waits before SIGKILL);
//   3. runs the hooks registered on globalThis (lib/shutdown.ts): the queue's graceful stop
//      (pg-boss finishes the jobs it is working on, fetches no more);
//   4. closes Next and exits 0 (1 when the time ran out with requests still open).
// A second SIGINT (Ctrl-C again) exits at once.
//
// SERVER_NAME (optional, e.g. "app-1"): every response says which server answered, in
// X-Gatehouse-Server — for operators behind a load balancer. Unset: no such header.
// `log`: anything with info(msg) and error(msg) — console, or a pino logger.

/** Keep equal to the key in lib/shutdown.ts. */
export const SHUTDOWN_HOOKS = Symbol.for("gatehouse.shutdown.hooks");
export const SERVER_HEADER = "X-Gatehouse-Server";
const DEFAULT_TIMEOUT_MS = 25_000;

/** SERVER_NAME, checked: it goes into a response header. Undefined when unset. */
export function serverNameFrom(env = process.env) {
  const name = env.SERVER_NAME?.trim();
  if (!name) return undefined;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
    throw new Error("SERVER_NAME may hold letters, digits, '.', '_' and '-' (64 at most)");
  return name;
}

export function shutdownTimeoutFrom(env = process.env) {
  const raw = env.SHUTDOWN_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error("SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds");
  return ms;
}

/**
 * Wires graceful shutdown into `server` (a node:http server). `before(req, res)` goes first in
 * the request handler: it answers true when it has answered the request itself.
 * `close()`: Next's own cleanup, called last.
 */
export function graceful(server, { close, env = process.env, log = console, exit = (code) => process.exit(code) }) {
  const name = serverNameFrom(env);
  const timeoutMs = shutdownTimeoutFrom(env);
  let draining = false;
  let inFlight = 0;
  let idleSweep;
  // Upgraded connections (the dev server's hot reload) are no request in flight: they would hold
  // server.close() up until the timeout, so they are closed when the drain starts.
  const upgraded = new Set();
  server.on("upgrade", (_req, socket) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
  });

  function before(req, res) {
    if (name) res.setHeader(SERVER_HEADER, name);
    inFlight++;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
    };
    res.once("finish", done);
    res.once("close", done);
    if (!draining) return false;
    res.setHeader("Connection", "close");
    if (/^\/readyz(\?|$)/.test(req.url ?? "")) {
      res.writeHead(503, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
      res.end(JSON.stringify({ status: "not ready" }));
      return true;
    }
    return false;
  }

  async function runHooks(ms) {
    const hooks = [...(globalThis[SHUTDOWN_HOOKS]?.entries() ?? [])];
    await Promise.all(
      hooks.map(async ([hookName, hook]) => {
        try {
          await Promise.race([hook(ms), new Promise((r) => setTimeout(r, ms).unref())]);
        } catch (e) {
          log.error(`[shutdown] ${hookName} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    );
  }

  async function stop(signal) {
    if (draining) {
      // A second Ctrl-C means now (a repeated SIGTERM does not: scripts/run.ts forwards one).
      if (signal === "SIGINT") exit(130);
      return;
    }
    draining = true;
    const started = Date.now();
    log.info(`[shutdown] ${signal}: no new requests; finishing ${inFlight} in flight`);
    const closed = new Promise((resolve) => server.close(() => resolve(true)));
    server.closeIdleConnections?.();
    for (const socket of upgraded) socket.destroy();
    // A connection goes idle when its request is answered: close it then, not at the next request.
    idleSweep = setInterval(() => server.closeIdleConnections?.(), 100);
    const drained = await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), timeoutMs).unref())]);
    clearInterval(idleSweep);
    if (!drained) {
      log.error(`[shutdown] ${inFlight} request(s) still open after ${timeoutMs} ms; closing their connections`);
      server.closeAllConnections?.();
    }
    // Whatever is left of the time, and at least 5 s, for the queue to finish its jobs.
    await runHooks(Math.max(5000, timeoutMs - (Date.now() - started)));
    try {
      await close();
    } catch (e) {
      log.error(`[shutdown] closing Next failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    log.info(`[shutdown] done in ${Date.now() - started} ms`);
    exit(drained ? 0 : 1);
  }

  return { before, stop, draining: () => draining, inFlight: () => inFlight };
}
