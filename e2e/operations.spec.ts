// What an operator's load balancer and Prometheus see (issue 22), against production servers:
// - the shared e2e server (METRICS_TOKEN set by e2e/global-setup.ts): /healthz and /readyz,
//   /metrics refused without the token (401), and the sign-in failures a person causes in the
//   browser counted there by method, requests by route pattern (never a raw path);
// - a server of this spec's own on a PostgreSQL of its own (e2e/support/own-postgres.ts, as
//   e2e/security/faults.spec.ts uses it), with METRICS_ALLOW instead of a token: /metrics is 404
//   from an address outside the list, and across a real outage (the PostgreSQL server stopped and
//   started again) /readyz answers 503 and then 200 while /healthz stays 200 throughout.
import http from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { migrate } from "../scripts/lib/migrate.ts";
import { seedDemo } from "../scripts/lib/seed-runner.ts";
import { ensureDatabase } from "../scripts/lib/embedded-db.ts";
import { startOwnPostgres, type OwnPostgres } from "./support/own-postgres.ts";
import { startAppServer, type AppServer } from "./support/app-server.ts";
import { freePort } from "../test/fixtures/free-port.ts";
import { figure, samples } from "../test/fixtures/metrics.ts";
import { demoMunicipality } from "../test/fixtures/municipalities.ts";
import { clearSignInLocks, freshSignInPerson } from "../test/fixtures/people.ts";
import { signIn } from "./support/auth.ts";
import { sql } from "../test/fixtures/db.ts";

test.describe.configure({ mode: "serial" });

const TOKEN = process.env.METRICS_TOKEN!;
const bearer = { Authorization: `Bearer ${TOKEN}` };

async function scrape(request: APIRequestContext): Promise<string> {
  const res = await request.get("/metrics", { headers: bearer });
  expect(res.status(), await res.text()).toBe(200);
  return res.text();
}

test.afterAll(async () => {
  await clearSignInLocks();
});

test("/healthz says the process answers and /readyz that it is ready, with nothing more", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  expect(health.headers()["cache-control"]).toBe("no-store");
  await expect.poll(async () => (await request.get("/readyz")).status()).toBe(200);
  const ready = await request.get("/readyz");
  expect(await ready.json()).toEqual({ status: "ready" });
  expect(ready.headers()["cache-control"]).toBe("no-store");
});

test("/metrics is 401 without the token or with another one, and Prometheus text with it", async ({ request }) => {
  // A drain asked for (as faults.spec.ts asks for one): a job on the queue, whatever state it reaches.
  await sql(`insert into pgboss.job (name, data) values ('mail-drain', '{}')`);
  expect(TOKEN, "e2e/global-setup.ts sets METRICS_TOKEN").toBeTruthy();
  const wrong: Record<string, string>[] = [
    {},
    { Authorization: `Bearer ${TOKEN}-not` },
    { Authorization: `Basic ${TOKEN}` },
  ];
  for (const headers of wrong) {
    const res = await request.get("/metrics", { headers });
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toMatch(/^Bearer /);
    const body = await res.text();
    expect(body).toContain("METRICS_TOKEN");
    expect(body).not.toContain("gatehouse_");
    expect(body).not.toContain(TOKEN);
  }
  const ok = await request.get("/metrics", { headers: bearer });
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(ok.headers()["cache-control"]).toBe("no-store");
  const text = await ok.text();
  expect(figure(text, "gatehouse_metrics_collect_ok")).toBe(1);
  for (const name of [
    "gatehouse_http_requests_total",
    "gatehouse_http_request_duration_seconds_bucket",
    "gatehouse_database_up",
    "gatehouse_ready",
    "gatehouse_outbox_backlog_messages",
    "gatehouse_outbox_oldest_message_age_seconds",
    "gatehouse_queue_jobs",
    "gatehouse_service_deliveries",
    "gatehouse_db_pool_connections",
    "process_cpu_seconds_total",
  ])
    expect(figure(text, name), name).toBeDefined();
  expect(figure(text, "gatehouse_database_up")).toBe(1);
  // The app's pool, read in the server's own process (lib/db.ts hands its pool to the Prisma adapter).
  expect(figure(text, "gatehouse_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
  // The mail queue runs in this server: its minute's drain is on pg-boss.
  expect(figure(text, "gatehouse_queue_jobs", { queue: "mail-drain" })).toBeGreaterThanOrEqual(1);
});

test("the sign-in failures a person causes in the browser are counted on /metrics by method, and requests by route pattern", async ({
  page,
  request,
}) => {
  const riverton = await demoMunicipality("riverton");
  const email = `metrics.${Date.now()}@riverton.test`;
  await freshSignInPerson(riverton.id, ["viewer"], email);
  const signIns = (text: string, result: string) =>
    figure(text, "gatehouse_sign_ins_total", { method: "password", result }) ?? 0;
  const before = await scrape(request);

  for (let i = 0; i < 3; i++) {
    await signIn(page, email, `wrong-password-${i}`);
    await expect(page.getByRole("alert").filter({ hasText: /do not match an active account/ })).toBeVisible();
  }
  await signIn(page, email);
  await expect(page).toHaveURL(/\/w\/riverton$/);
  await page.goto("/m/riverton/requests");

  const after = await scrape(request);
  expect(signIns(after, "failure") - signIns(before, "failure")).toBe(3);
  expect(signIns(after, "success") - signIns(before, "success")).toBe(1);
  // Requests by the route they reached, never by their path.
  expect(
    figure(after, "gatehouse_http_requests_total", { route: "/m/[slug]/requests", method: "GET", status: "200" }),
  ).toBeGreaterThanOrEqual(1);
  expect(figure(after, "gatehouse_http_requests_total", { route: "/signin", method: "GET" })).toBeGreaterThanOrEqual(4);
  const routes = new Set(samples(after).flatMap((s) => (s.labels.route ? [s.labels.route] : [])));
  expect([...routes].filter((r) => /riverton|lakeside|@/.test(r))).toEqual([]);
  expect(routes).toContain("/w/[slug]");
});

/** GET from a chosen local address (127.0.0.2 is loopback too, and not on the allow-list). */
function getFrom(
  localAddress: string,
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, localAddress, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
  });
}

test.describe("a server of its own, with an address allow-list, across a database outage", () => {
  let pgServer: OwnPostgres;
  let app: AppServer;
  let port: number;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    pgServer = await startOwnPostgres();
    await ensureDatabase(pgServer.urlFor("postgres"), "gatehouse_operations");
    const dbUrl = pgServer.urlFor("gatehouse_operations");
    await migrate(dbUrl);
    await seedDemo(dbUrl);
    port = await freePort();
    app = await startAppServer({
      port,
      databaseUrl: dbUrl,
      smtpUrl: "smtp://127.0.0.1:9",
      authSecret: "operations-secret-operations-secret-0123456789",
      // No token here: the allow-list alone decides (the socket's address, never X-Forwarded-For).
      env: { METRICS_TOKEN: "", METRICS_ALLOW: "127.0.0.1,::1" },
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    await pgServer?.destroy();
  });

  test("/metrics is 404 from an address outside METRICS_ALLOW, whatever it claims, and open from one on it", async () => {
    const outside = await getFrom("127.0.0.2", port, "/metrics");
    expect(outside.status).toBe(404);
    expect(outside.body).not.toContain("gatehouse_");
    // A client's own X-Forwarded-For names no address here.
    expect((await getFrom("127.0.0.2", port, "/metrics", { "X-Forwarded-For": "127.0.0.1" })).status).toBe(404);
    const inside = await getFrom("127.0.0.1", port, "/metrics");
    expect(inside.status, inside.body.slice(0, 300)).toBe(200);
    expect(figure(inside.body, "gatehouse_http_requests_total")).toBeGreaterThan(0);
  });

  test("PostgreSQL stopped: /readyz 503 while /healthz stays 200 and /metrics still answers; started again: ready", async () => {
    test.setTimeout(120_000);
    await expect.poll(async () => (await getFrom("127.0.0.1", port, "/readyz")).status, { timeout: 60_000 }).toBe(200);
    const pid = app.process.pid;

    await pgServer.stop();
    await expect.poll(async () => (await getFrom("127.0.0.1", port, "/readyz")).status, { timeout: 30_000 }).toBe(503);
    const down = await getFrom("127.0.0.1", port, "/readyz");
    expect(JSON.parse(down.body)).toEqual({ status: "not ready" });
    for (let i = 0; i < 3; i++) {
      const health = await getFrom("127.0.0.1", port, "/healthz");
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toEqual({ status: "ok" });
    }
    // The operator still sees the numbers, and that the database is away (figures at most two seconds old).
    let during = { status: 0, body: "" };
    await expect
      .poll(async () => {
        during = await getFrom("127.0.0.1", port, "/metrics");
        return [during.status, figure(during.body, "gatehouse_database_up")];
      })
      .toEqual([200, 0]);
    expect(figure(during.body, "gatehouse_ready")).toBe(0);
    expect(figure(during.body, "gatehouse_metrics_collect_ok")).toBe(0);
    // Pages meanwhile answer the outage page (proxy.ts), as before.
    expect((await getFrom("127.0.0.1", port, "/")).status).toBe(503);

    await pgServer.start();
    await expect.poll(async () => (await getFrom("127.0.0.1", port, "/readyz")).status, { timeout: 60_000 }).toBe(200);
    expect(JSON.parse((await getFrom("127.0.0.1", port, "/readyz")).body)).toEqual({ status: "ready" });
    await expect
      .poll(async () => figure((await getFrom("127.0.0.1", port, "/metrics")).body, "gatehouse_database_up"))
      .toBe(1);
    // The same process all along: nothing was restarted.
    expect(app.process.pid).toBe(pid);
    expect(app.process.exitCode).toBeNull();
  });
});
