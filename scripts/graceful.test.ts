// scripts/graceful.mjs on a real node:http server: on stop, the listening socket closes, the
// request in flight is answered in full, a request on a kept-alive connection meanwhile is told
// to close it, the registered shutdown hooks run after the drain, and the exit code says whether
// everything finished in time.
import { Agent, createServer, request, type Server } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { graceful, SERVER_HEADER, SHUTDOWN_HOOKS, serverNameFrom, shutdownTimeoutFrom } from "./graceful.mjs";

type Hooks = Map<string, (ms: number) => Promise<void>>;
const g = globalThis as unknown as Record<symbol, Hooks | undefined>;
const quiet = { info: () => undefined, error: () => undefined };

let servers: Server[] = [];
afterEach(() => {
  for (const s of servers) s.closeAllConnections();
  servers = [];
  g[SHUTDOWN_HOOKS] = undefined;
});

function get(port: number, path: string, agent?: Agent) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ port, path, agent, host: "127.0.0.1" }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A server that answers /slow after `delayMs` and anything else at once, with graceful() in front. */
async function serve(env: Record<string, string> = {}, delayMs = 600) {
  const events: string[] = [];
  const server = createServer();
  servers.push(server);
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const shutdown = graceful(server, { close: async () => void events.push("next closed"), env, log: quiet, exit });
  server.on("request", (req, res) => {
    if (shutdown.before(req, res)) return;
    setTimeout(
      () => {
        events.push(`answered ${req.url}`);
        res.end("done");
      },
      req.url === "/slow" ? delayMs : 0,
    );
  });
  server.on("upgrade", (_req, socket: net.Socket) =>
    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n"),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { port, shutdown, events, exited };
}

describe("graceful shutdown", () => {
  it("finishes the request in flight, refuses new connections, then runs the hooks and exits 0", async () => {
    const s = await serve();
    const hookTimes: number[] = [];
    (g[SHUTDOWN_HOOKS] ??= new Map()).set("queue", async (ms: number) => {
      hookTimes.push(ms);
      s.events.push("queue stopped");
    });
    const slow = get(s.port, "/slow");
    await new Promise((r) => setTimeout(r, 100));
    expect(s.shutdown.inFlight()).toBe(1);
    void s.shutdown.stop("SIGTERM");
    expect(s.shutdown.draining()).toBe(true);
    // The listener is closed: a new connection is refused at once.
    await expect(get(s.port, "/fast")).rejects.toThrow(/ECONNREFUSED/);
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: "done" });
    expect(await s.exited).toBe(0);
    expect(s.events).toEqual(["answered /slow", "queue stopped", "next closed"]);
    // The hook is given what is left of the default 25 s.
    expect(hookTimes[0]).toBeGreaterThan(20_000);
  });

  it("closes kept-alive connections once they are idle, so the drain ends when the last answer is sent", async () => {
    const s = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    // Two connections kept alive; one is busy with the slow request when the drain starts.
    await Promise.all([get(s.port, "/warm", agent), get(s.port, "/warm", agent)]);
    const slow = get(s.port, "/slow", agent);
    await new Promise((r) => setTimeout(r, 50));
    const t = Date.now();
    void s.shutdown.stop("SIGTERM");
    expect((await slow).status).toBe(200);
    expect(await s.exited).toBe(0);
    expect(Date.now() - t).toBeLessThan(2000);
    agent.destroy();
  });

  it("answers a request pipelined on an open connection during the drain with Connection: close, and /readyz with 503", async () => {
    const s = await serve({}, 800);
    const socket = net.connect(s.port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    let raw = "";
    socket.on("data", (c: Buffer) => (raw += c.toString()));
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((r) => setTimeout(r, 50));
    void s.shutdown.stop("SIGTERM");
    // Pipelined behind the slow one, on the same connection: answered during the drain.
    socket.write("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((r) => socket.once("close", r));
    expect(raw).toMatch(/^HTTP\/1\.1 200/);
    expect(raw).toMatch(/HTTP\/1\.1 503[\s\S]*[Cc]onnection: close[\s\S]*\{"status":"not ready"\}/);
    expect(await s.exited).toBe(0);
  });

  it("gives up after SHUTDOWN_TIMEOUT_MS: open requests are cut and the exit code is 1", async () => {
    const s = await serve({ SHUTDOWN_TIMEOUT_MS: "200" }, 5000);
    const slow = get(s.port, "/slow");
    await new Promise((r) => setTimeout(r, 50));
    void s.shutdown.stop("SIGTERM");
    await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await s.exited).toBe(1);
  });

  it("closes upgraded connections (hot reload) at once instead of waiting for them", async () => {
    const s = await serve();
    const socket = net.connect(s.port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    socket.write("GET /hmr HTTP/1.1\r\nHost: x\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n");
    await new Promise((r) => socket.once("data", r));
    const closed = new Promise((r) => socket.once("close", r));
    const t = Date.now();
    void s.shutdown.stop("SIGTERM");
    await closed;
    expect(await s.exited).toBe(0);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it("a second SIGINT exits at once, a second SIGTERM does not", async () => {
    const s = await serve({}, 3000);
    void get(s.port, "/slow").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    const t = Date.now();
    void s.shutdown.stop("SIGINT");
    void s.shutdown.stop("SIGTERM");
    void s.shutdown.stop("SIGINT");
    // The slow request would hold a graceful exit up for 3 s.
    expect(await s.exited).toBe(130);
    expect(Date.now() - t).toBeLessThan(500);
  });

  it("a failing hook does not keep the others or the exit from happening", async () => {
    const s = await serve();
    const ran: string[] = [];
    const hooks = (g[SHUTDOWN_HOOKS] ??= new Map());
    hooks.set("broken", async () => {
      throw new Error("boom");
    });
    hooks.set("fine", async () => void ran.push("fine"));
    void s.shutdown.stop("SIGTERM");
    expect(await s.exited).toBe(0);
    expect(ran).toEqual(["fine"]);
  });
});

describe("SERVER_NAME and SHUTDOWN_TIMEOUT_MS", () => {
  it("names the server in a response header only when configured", async () => {
    const named = await serve({ SERVER_NAME: "app-1" });
    expect((await get(named.port, "/fast")).headers[SERVER_HEADER.toLowerCase()]).toBe("app-1");
    const plain = await serve();
    expect((await get(plain.port, "/fast")).headers).not.toHaveProperty(SERVER_HEADER.toLowerCase());
  });

  it("refuses values that do not belong in a header or a timer", () => {
    expect(serverNameFrom({})).toBeUndefined();
    expect(serverNameFrom({ SERVER_NAME: " app-2 " })).toBe("app-2");
    expect(() => serverNameFrom({ SERVER_NAME: "app\r\nSet-Cookie: x" })).toThrow(/SERVER_NAME/);
    expect(shutdownTimeoutFrom({})).toBe(25_000);
    expect(shutdownTimeoutFrom({ SHUTDOWN_TIMEOUT_MS: "1000" })).toBe(1000);
    expect(() => shutdownTimeoutFrom({ SHUTDOWN_TIMEOUT_MS: "soon" })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});
