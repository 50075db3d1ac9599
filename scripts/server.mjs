// Gatehouse's HTTP server: Next.js's own request handler behind a plain Node server, for two
// reasons Next cannot serve itself:
// - the socket address. Next.js does not hand it to route handlers, server actions or the proxy;
//   it only copies it into X-Forwarded-For when the client sent none, so a client that sends its
//   own X-Forwarded-For would choose the address rate limits and the audit trail see. Here every
//   request gets the peer's address in an internal header (lib/auth/client-ip.ts reads it),
//   written over anything a client sent under that name;
// - bodies over the limit, counted while they arrive (scripts/body-gate.mjs), so a streamed
//   20 MiB body is refused with a 413 instead of being read into memory first.
// Every request also gets an id and one JSON log line (scripts/request-log.mjs).
//
//   node scripts/server.mjs [--dev] [-p PORT] [-H HOSTNAME] [--keepAliveTimeout MS] [--dir APP_DIR]
//
// Plain JavaScript on purpose: it loads Next.js as `next start` does, with no loader between.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { bodyLimitFor, gateBody, TOO_LARGE_HEADER } from "./body-gate.mjs";
import { markUpgrade, serverLog, withRequestLog } from "./request-log.mjs";
import { graceful } from "./graceful.mjs";
import { countRequests } from "./http-metrics.mjs";

/** Keep equal to PEER_HEADER in lib/auth/client-ip.ts. */
export const PEER_HEADER = "x-gatehouse-peer";

function parseArgs(argv) {
  const out = {
    dev: false,
    port: Number(process.env.PORT ?? 3000),
    hostname: undefined,
    keepAliveTimeout: undefined,
    dir: path.resolve(import.meta.dirname, ".."),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dev") out.dev = true;
    else if (a === "-p" || a === "--port") out.port = Number(argv[++i]);
    else if (a === "-H" || a === "--hostname") out.hostname = argv[++i];
    else if (a === "--keepAliveTimeout") out.keepAliveTimeout = Number(argv[++i]);
    else if (a === "--dir") out.dir = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error("-p needs a port number");
  return out;
}

/**
 * The OpenID Provider for connected services (lib/services/oidc-provider.ts) is a node handler,
 * which Next's route handlers cannot host; instrumentation.ts registers it on globalThis in this
 * process when Next starts, and requests under /oidc go to it instead of Next. Its bodies pass the
 * same gate first; one over the limit is refused here, as proxy.ts refuses it for Next.
 */
const OIDC_HANDLER = Symbol.for("gatehouse.oidc.handler");
const isOidcPath = (url = "") => /^\/oidc(\/|\?|$)/.test(url);

function dispatchOidc(req, res) {
  const refuse = (status, error, description) => {
    res.writeHead(status, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      ...(status === 503 ? { "Retry-After": "2" } : {}),
    });
    res.end(JSON.stringify({ error, error_description: description }));
  };
  if (req.headers[TOO_LARGE_HEADER]) return refuse(413, "invalid_request", "The request is too large (1 MB at most).");
  const handler = globalThis[OIDC_HANDLER];
  if (typeof handler !== "function") return refuse(503, "temporarily_unavailable", "Gatehouse is starting.");
  handler(req, res).catch((err) => {
    serverLog().error({ err }, "[oidc] request failed");
    if (!res.headersSent) refuse(500, "server_error", "Internal server error");
    else res.end();
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Tells lib/auth/client-ip.ts that PEER_HEADER is ours (this process only; never configuration).
  process.env.GATEHOUSE_PEER_HEADER = "1";
  const app = next({ dev: opts.dev, dir: opts.dir, hostname: opts.hostname ?? "localhost", port: opts.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Requests and latency by route pattern, for /metrics (scripts/http-metrics.mjs).
  const count = countRequests(opts.dir);
  const serve = (req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    gateBody(req, res, bodyLimitFor(req), (forNext) => {
      if (isOidcPath(forNext.url)) return dispatchOidc(forNext, res);
      handle(forNext, res).catch((err) => {
        serverLog().error({ err }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Internal server error");
      });
    });
  };
  const server = createServer();
  const shutdown = graceful(server, { close: () => app.close(), log: serverLog() });
  server.on(
    "request",
    withRequestLog((req, res) => {
      count(req, res);
      if (shutdown.before(req, res)) return;
      serve(req, res);
    }),
  );
  if (opts.dev) {
    const upgrade = app.getUpgradeHandler();
    server.on("upgrade", (req, socket, head) => {
      req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
      markUpgrade(req);
      upgrade(req, socket, head);
    });
  }
  if (opts.keepAliveTimeout) {
    // Longer than a load balancer's idle timeout (see scripts/run.ts); headers must outlive it.
    server.keepAliveTimeout = opts.keepAliveTimeout;
    server.headersTimeout = opts.keepAliveTimeout + 1000;
  }
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, resolve);
  });
  serverLog().info(
    `▲ Gatehouse (Next.js ${opts.dev ? "dev" : "production"}) listening on http://${opts.hostname ?? "localhost"}:${opts.port}`,
  );
  // Graceful shutdown (scripts/graceful.mjs): stop taking requests, finish those in flight and the
  // queue's work, then exit.
  process.on("SIGTERM", () => void shutdown.stop("SIGTERM"));
  process.on("SIGINT", () => void shutdown.stop("SIGINT"));
}

main().catch((err) => {
  console.error(`[gatehouse] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
