// Two production servers (scripts/server.mjs on the build e2e/global-setup.ts made) on one
// PostgreSQL, behind a real haproxy from Debian (e2e/support/haproxy.ts), TRUSTED_PROXY_HOPS=1 —
// the horizontal story the README tells, shown rather than claimed:
// - a person signs in through the balancer and is served by both servers (SERVER_NAME puts the
//   answering server in X-Gatehouse-Server);
// - a deactivation through one server ends the session on the other at its next request;
// - the per-address rate limit and the account lockout count across both;
// - the mail queue (pg-boss on both) sends each mail once, the test SMTP server counts;
// - the audit chain stays one verifiable chain under concurrent writes through both;
// - one server killed (SIGKILL) mid-load loses no acknowledged write, the other keeps serving;
// - SIGTERM drains: a request in flight on the stopping server is answered and written, nothing
//   through the balancer fails meanwhile, and the server exits 0 after its queue stopped.
// Its own database on the run's PostgreSQL server (migrated, seeded) and its own SMTP server, so
// the shared e2e database, its server's queue and its mail are not involved. Ports: E2E_PORT +20,
// +21 (servers), +22 (haproxy), so parallel runs with other E2E_PORTs do not clash.
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, request, test, type APIRequestContext, type Browser } from "@playwright/test";
import PgBoss from "pg-boss";
import { migrate } from "../../scripts/lib/migrate.ts";
import { seedDemo } from "../../scripts/lib/seed-runner.ts";
import { dropDatabase, ensureDatabase } from "../../scripts/lib/embedded-db.ts";
import { startAppServer, type AppServer } from "../support/app-server.ts";
import { PIN_HEADER, startHaproxy, type Balancer } from "../support/haproxy.ts";
import { createTokenFor } from "../support/create-api-token.ts";
import { deactivateAccount } from "../support/admin.ts";
import { DEMO_PASSWORD, expectSignedIn, passwordSignIn, signIn } from "../support/auth.ts";
import { sqlOn } from "../../test/fixtures/db.ts";
import { startSmtp, type SmtpServer } from "../../test/fixtures/smtp.ts";
import { size } from "../../test/fixtures/suite-size.ts";
import { recordFigures } from "../../test/fixtures/figures.ts";

test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "../..");
const AUTH_SECRET = "two-servers-secret-two-servers-secret-0123456789";
const SERVED_BY = "x-gatehouse-server";
const base = Number(process.env.E2E_PORT ?? 3100);
const PORTS = { a: base + 20, b: base + 21, lb: base + 22 };
const tag = randomBytes(4).toString("hex");
const dbName = `gatehouse_ha_${tag}`;
/** Writes in each load (reduced in `npm test`, full in the security run). */
const ROUNDS = { audit: size(24, 150), afterKill: size(16, 80), mails: size(24, 150), drainJobs: size(6, 30) };
const CONCURRENCY = 6;
/** MAX_FAILED_LOGINS in lib/auth/credentials.ts (a server-only module a spec cannot import). */
const MAX_FAILED_LOGINS = 10;

let adminUrl: string;
let dbUrl: string;
let smtp: SmtpServer;
const servers: Partial<Record<"a" | "b", AppServer>> = {};
let lb: Balancer;
let api: APIRequestContext;
let token: string;
let rivertonId: string;
const figures = { requests: 0, servedByA: 0, servedByB: 0, acknowledgedWrites: 0, writesLost: 0, mailsSent: 0 };

const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => sqlOn<T>(dbUrl, text, values);

function startServer(name: "a" | "b") {
  return startAppServer({
    port: PORTS[name],
    databaseUrl: dbUrl,
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    authSecret: AUTH_SECRET,
    // Both servers are reached through the balancer: that is the public address.
    appUrl: `http://localhost:${PORTS.lb}`,
    env: { SERVER_NAME: name, TRUSTED_PROXY_HOPS: "1", SHUTDOWN_TIMEOUT_MS: "20000", LOG_LEVEL: "info" },
  });
}

/** What the servers printed, for a failure's message. */
const serverOutput = () =>
  Object.entries(servers)
    .map(([n, s]) => `--- server ${n} ---\n${s?.output().slice(-4000)}`)
    .join("\n");

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const shared = new URL(process.env.DATABASE_URL!);
  adminUrl = Object.assign(new URL(shared), { pathname: "/postgres" }).toString();
  await ensureDatabase(adminUrl, dbName);
  dbUrl = Object.assign(new URL(shared), { pathname: `/${dbName}` }).toString();
  await migrate(dbUrl);
  await seedDemo(dbUrl);
  smtp = await startSmtp(0);
  [servers.a, servers.b] = await Promise.all([startServer("a"), startServer("b")]);
  // Health checks on /readyz (lib/ops/readiness.ts); on a build without it yet, the sign-in page.
  const ready = await fetch(`${servers.a.baseURL}/readyz`);
  lb = await startHaproxy({
    port: PORTS.lb,
    servers: [
      { name: "a", port: PORTS.a },
      { name: "b", port: PORTS.b },
    ],
    checkPath: ready.status === 200 ? "/readyz" : "/signin",
  });
  await waitUntilServing("a");
  await waitUntilServing("b");
  await Promise.all([warm(servers.a), warm(servers.b)]);
  rivertonId = (await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`))[0]!.id;
  token = createTokenFor("admin@riverton.test", "riverton", ["municipality_admin"], dbUrl);
  api = await request.newContext({
    baseURL: lb.url,
    extraHTTPHeaders: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
  });
});

test.afterAll(async () => {
  recordFigures("two-servers", figures);
  await api?.dispose();
  await lb?.stop();
  await Promise.all([servers.a?.stop(), servers.b?.stop()]);
  await smtp?.stop();
  if (dbUrl) await dropDatabase(adminUrl, dbName);
});

/** A fresh server loads a page's code at its first request: slow on a busy machine, so not in a test. */
async function warm(server: AppServer) {
  for (const p of ["/signin", "/api/auth/csrf", "/w", "/m/riverton"])
    await fetch(`${server.baseURL}${p}`, { redirect: "manual" }).catch(() => undefined);
}

/** Until the balancer hands a request pinned to `name` to that server (its health checks pass). */
async function waitUntilServing(name: "a" | "b", timeoutMs = 30_000) {
  await expect
    .poll(
      async () =>
        (await fetch(`${lb.url}/signin`, { headers: { [PIN_HEADER]: name } }).catch(() => undefined))?.headers.get(
          SERVED_BY,
        ),
      { timeout: timeoutMs, message: `haproxy never routed to server ${name}\n${lb.output()}` },
    )
    .toBe(name);
}

/** `started`, `at`: when the request was sent and when its answer (or failure) came. */
type Outcome = { status: number; server?: string; id?: string; started: number; at: number };

/** One document created through the balancer's API (optionally pinned to a server). */
async function createDocument(title: string, pin?: "a" | "b"): Promise<Outcome> {
  const started = Date.now();
  try {
    const res = await api.post("/api/v1/documents", {
      data: { municipalityId: rivertonId, kind: "GUIDANCE", visibility: "INTERNAL", title },
      headers: pin ? { [PIN_HEADER]: pin } : {},
      failOnStatusCode: false,
      timeout: 30_000,
    });
    const body = res.status() === 201 ? ((await res.json()) as { data: { id: string } }) : undefined;
    return { status: res.status(), server: res.headers()[SERVED_BY], id: body?.data.id, started, at: Date.now() };
  } catch {
    return { status: 0, started, at: Date.now() };
  }
}

/** `CONCURRENCY` writers creating documents until `done(outcomes)` says so. */
async function load(label: string, done: (outcomes: Outcome[]) => boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!done(outcomes)) outcomes.push(await createDocument(`${label} ${tag} ${i++}`));
    }),
  );
  figures.requests += outcomes.length;
  figures.servedByA += outcomes.filter((o) => o.server === "a").length;
  figures.servedByB += outcomes.filter((o) => o.server === "b").length;
  return outcomes;
}

/** Every acknowledged (201) write is in the database: the answer was given after the commit. */
async function expectAllWritten(outcomes: Outcome[]) {
  const ids = outcomes.filter((o) => o.status === 201).map((o) => o.id!);
  const found = await sql<{ id: string }>(`select id from "Document" where id = any($1)`, [ids]);
  figures.acknowledgedWrites += ids.length;
  figures.writesLost += ids.length - found.length;
  expect(found.length, "acknowledged writes missing from the database").toBe(ids.length);
}

/** `npm run audit:verify` on this spec's database: the HMAC, every link, the signed head. */
function verifyAuditChain() {
  const r = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", path.join(ROOT, "scripts/audit-verify.ts"), "--no-checkpoint"],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: dbUrl }, encoding: "utf8", timeout: 60_000 },
  );
  expect(r.status, `audit:verify\n${r.stdout}\n${r.stderr}`).toBe(0);
}

/** The server's exit code once it has exited (null when a signal ended it). */
async function exitOf(server: AppServer): Promise<number | null> {
  const p = server.process;
  if (p.exitCode === null && p.signalCode === null) await once(p, "exit");
  return p.exitCode;
}

async function pinnedContext(browser: Browser, pin: "a" | "b") {
  return browser.newContext({ baseURL: lb.url, extraHTTPHeaders: { [PIN_HEADER]: pin } });
}

test("a person signs in through the balancer and is served by both servers", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: lb.url });
  const page = await context.newPage();
  await signIn(page, "viewer@riverton.test");
  await page.waitForURL(/\/w(\/riverton)?$/, { timeout: 30_000 });
  await expectSignedIn(page, "viewer@riverton.test");
  const answeredBy = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const res = await page.goto("/w/riverton");
    expect(res?.status()).toBe(200);
    await expectSignedIn(page, "viewer@riverton.test");
    answeredBy.add(res!.headers()[SERVED_BY]!);
  }
  expect([...answeredBy].sort()).toEqual(["a", "b"]);
  // The sign-in's audit event has the browser's address from X-Forwarded-For (one trusted hop).
  const [event] = await sql<{ ip: string }>(
    `select ip from "AuditEvent" where action = 'auth.login' order by seq desc limit 1`,
  );
  expect(event?.ip).toBe("127.0.0.1");
  await context.close();
});

test("a deactivation through one server ends the session on the other at its next request", async ({ browser }) => {
  const staff = await pinnedContext(browser, "b");
  const staffPage = await staff.newPage();
  await signIn(staffPage, "editor@riverton.test");
  await expectSignedIn(staffPage, "editor@riverton.test");
  expect((await staffPage.goto("/w/riverton"))?.headers()[SERVED_BY]).toBe("b");

  const admin = await pinnedContext(browser, "a");
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin@riverton.test", undefined, "/admin/riverton/people");
  await adminPage.getByLabel("Name or email").fill("editor@riverton.test");
  await adminPage.getByRole("button", { name: "Filter" }).click();
  const served = adminPage.waitForResponse((r) => r.request().method() === "POST");
  await deactivateAccount(adminPage, "Edith Editor", "Left the municipality (two-servers test)");
  expect((await served).headers()[SERVED_BY]).toBe("a");

  // Server b never heard of it but from PostgreSQL: the next request is signed out.
  const res = await staffPage.goto("/w/riverton");
  expect(res?.headers()[SERVED_BY]).toBe("b");
  await expect(staffPage).toHaveURL(/\/signin\?reason=deactivated/);
  await staff.close();
  await admin.close();
});

test("the per-address rate limit and the account lockout count across both servers", async () => {
  await sql(`delete from "RateLimitBucket" where key like 'login:%'`);
  const ctx = await request.newContext({ baseURL: lb.url });
  // Unknown emails, alternately through a and b, each with a made-up X-Forwarded-For in front of
  // haproxy's: only the entry haproxy appended counts, and both servers count into one bucket.
  const answers: string[] = [];
  for (let i = 0; i < 60; i++) {
    const forged = `198.51.100.${i}`;
    answers.push(
      await passwordSignIn(ctx, `nobody-${tag}-${i}@nowhere.test`, "wrong-password", {
        [PIN_HEADER]: i % 2 ? "b" : "a",
        "x-forwarded-for": forged,
      }),
    );
  }
  expect(answers.slice(0, 50).every((u) => u.includes("error=CredentialsSignin"))).toBe(true);
  expect(answers.slice(50).every((u) => u.includes("error=RateLimited"))).toBe(true);
  await sql(`delete from "RateLimitBucket" where key like 'login:%'`);

  // The account lockout: MAX_FAILED_LOGINS wrong passwords, alternating servers, lock the
  // account (from this address) on both — the right password is refused by each.
  const email = "volunteer@riverton.test";
  for (let i = 0; i < MAX_FAILED_LOGINS; i++)
    expect(await passwordSignIn(ctx, email, `wrong-${i}`, { [PIN_HEADER]: i % 2 ? "b" : "a" })).toContain(
      "error=CredentialsSignin",
    );
  for (const pin of ["a", "b"])
    expect(await passwordSignIn(ctx, email, DEMO_PASSWORD, { [PIN_HEADER]: pin }), `server ${pin}`).toMatch(
      /error=(CredentialsSignin|RateLimited)/,
    );
  const lockouts = await sql<{ n: string }>(
    `select count(*)::text as n from "AuditEvent" e join "User" u on u.id = e."subjectUserId" where u.email = $1 and e.action = 'auth.lockout'`,
    [email],
  );
  expect(Number(lockouts[0]!.n)).toBe(1);
  await sql(`delete from "RateLimitBucket" where key like 'login:%'`);
  await ctx.dispose();
});

test("the mail queue on both servers sends each mail once", async () => {
  const prefix = `ha-mail-${tag}-`;
  await sql(
    `insert into "OutboxMessage" (id, "to", subject, text, template)
     select 'ha-' || $1 || '-' || g, $2 || g || '@example.test', 'Two servers ' || g, 'One of many.', 'test'
     from generate_series(1, $3::int) g`,
    [tag, prefix, ROUNDS.mails],
  );
  // Many drain jobs at once, so both servers' workers drain side by side.
  const boss = new PgBoss({
    connectionString: dbUrl,
    schema: "pgboss",
    supervise: false,
    schedule: false,
    migrate: false,
  });
  await boss.start();
  for (let i = 0; i < ROUNDS.drainJobs; i++) await boss.send("mail-drain", {});
  await boss.stop({ graceful: false, wait: true });
  await expect
    .poll(
      async () =>
        Number(
          (
            await sql<{ n: string }>(
              `select count(*)::text as n from "OutboxMessage" where "to" like $1 and status = 'SENT'`,
              [`${prefix}%`],
            )
          )[0]!.n,
        ),
      { timeout: 90_000, message: serverOutput() },
    )
    .toBe(ROUNDS.mails);
  // A second send, if any, would be on its way by now.
  await new Promise((r) => setTimeout(r, 2000));
  const counts = new Map<string, number>();
  for (const m of smtp.mails())
    for (const to of m.to.filter((t) => t.startsWith(prefix))) counts.set(to, (counts.get(to) ?? 0) + 1);
  figures.mailsSent += counts.size;
  expect(counts.size).toBe(ROUNDS.mails);
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
});

test("the audit chain stays one verifiable chain under concurrent writes through both servers", async () => {
  const before = (await sql<{ seq: string }>(`select coalesce(max(seq), 0)::text as seq from "AuditEvent"`))[0]!.seq;
  const outcomes = await load("chain", (o) => o.length >= ROUNDS.audit);
  expect(outcomes.filter((o) => o.status !== 201)).toEqual([]);
  expect(new Set(outcomes.map((o) => o.server))).toEqual(new Set(["a", "b"]));
  await expectAllWritten(outcomes);
  const added = await sql<{ n: string }>(`select count(*)::text as n from "AuditEvent" where seq > $1`, [before]);
  expect(Number(added[0]!.n)).toBeGreaterThanOrEqual(ROUNDS.audit);
  verifyAuditChain();
});

test("one server killed mid-load loses no acknowledged write and the other keeps serving", async () => {
  let killedAt = 0;
  const outcomes = await load("kill", (o) => {
    if (!killedAt && o.filter((x) => x.status === 201).length >= 10) {
      servers.a!.process.kill("SIGKILL");
      killedAt = Date.now();
    }
    return killedAt > 0 && o.filter((x) => x.started > killedAt + 1000 && x.status === 201).length >= ROUNDS.afterKill;
  });
  await exitOf(servers.a!);
  await expectAllWritten(outcomes);
  // Only what was in flight on a when it died may fail (haproxy answers 502 for it; never retried,
  // as it may have been written): at most one request per writer.
  const failed = outcomes.filter((o) => o.status !== 201);
  expect(failed.length, `${JSON.stringify(failed)}\n${lb.output()}`).toBeLessThanOrEqual(CONCURRENCY);
  // Once a is gone, b answers everything.
  const afterwards = outcomes.filter((o) => o.started > killedAt + 1000);
  expect(afterwards.length).toBeGreaterThan(0);
  expect(afterwards.filter((o) => o.status !== 201 || o.server !== "b")).toEqual([]);
  // The killed server's open transactions were rolled back whole: the SIGTERM test below
  // verifies the chain with these writes in it.
  // a comes back and the balancer sends to it again.
  servers.a = await startServer("a");
  await waitUntilServing("a");
  await warm(servers.a);
});

test("SIGTERM: the stopping server finishes its requests in flight and its queue work, and nothing fails through the balancer", async () => {
  const b = servers.b!;
  // A request certainly in flight on b: its body arrives slowly, after the SIGTERM.
  const body = JSON.stringify({
    municipalityId: rivertonId,
    kind: "GUIDANCE",
    visibility: "INTERNAL",
    title: `slow ${tag}`,
  });
  const slow = slowPost(PORTS.lb, "/api/v1/documents", body, "b");
  let stoppedAt = 0;
  const outcomes = await load("drain", (o) => {
    if (!stoppedAt && o.length >= 8) {
      b.process.kill("SIGTERM");
      stoppedAt = Date.now();
    }
    return stoppedAt > 0 && o.filter((x) => x.started > stoppedAt + 500).length >= 8;
  });
  const answer = await slow.finish();
  expect(answer.status, answer.body).toBe(201);
  expect(answer.server).toBe("b");
  const id = (JSON.parse(answer.body) as { data: { id: string } }).data.id;
  expect(await sql(`select 1 from "Document" where id = $1`, [id])).toHaveLength(1);
  expect(await exitOf(b), b.output()).toBe(0);
  expect(b.output()).toMatch(/\[shutdown\] SIGTERM: no new requests; finishing [1-9]\d* in flight/);
  expect(b.output()).toMatch(/\[shutdown\] done in \d+ ms/);
  // Not one request through the balancer failed while b stopped: haproxy sent new ones to a.
  expect(
    outcomes.filter((o) => o.status !== 201),
    `${lb.output()}\n${serverOutput()}`,
  ).toEqual([]);
  // What b had begun it finished (above); what came after the SIGTERM went to a.
  const later = outcomes.filter((o) => o.started > stoppedAt + 500);
  expect(later.filter((o) => o.server !== "a")).toEqual([]);
  await expectAllWritten(outcomes);
  verifyAuditChain();
});

/**
 * A POST through the balancer pinned to `pin` whose headers and half the body go now and the
 * rest when `finish()` is called (after half a second at least): a request the server has
 * begun and not yet answered.
 */
function slowPost(port: number, urlPath: string, body: string, pin: string) {
  let resolveAnswer!: (a: { status: number; server?: string; body: string }) => void;
  let rejectAnswer!: (e: unknown) => void;
  const answer = new Promise<{ status: number; server?: string; body: string }>((res, rej) => {
    resolveAnswer = res;
    rejectAnswer = rej;
  });
  const req = httpRequest(
    {
      host: "127.0.0.1",
      port,
      path: urlPath,
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(body),
        Authorization: `Bearer ${token}`,
        [PIN_HEADER]: pin,
      },
    },
    (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () =>
        resolveAnswer({ status: res.statusCode ?? 0, server: res.headers[SERVED_BY] as string, body: text }),
      );
    },
  );
  req.on("error", rejectAnswer);
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  const started = Date.now();
  return {
    async finish() {
      await new Promise((r) => setTimeout(r, Math.max(0, 500 - (Date.now() - started))));
      req.end(body.slice(half));
      return answer;
    },
  };
}
