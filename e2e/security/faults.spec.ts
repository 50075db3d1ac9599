// Faults against a real production server: PostgreSQL stopped mid-run and SMTP down. This spec
// brings its own PostgreSQL (temporary cluster, free port), migrated and seeded, its own SMTP
// server and a second production server (scripts/server.mjs) on the same build — the shared e2e database keeps running
// for every other spec.
//
// Database down: pages answer a clear 503 page, the API a 503 problem with Retry-After (proxy.ts
// asking lib/db-health.ts), a form or API write attempted meanwhile leaves the database exactly as
// it was, the process survives (pool, health probe, pg-boss), and when PostgreSQL is back the same
// process serves again and the write succeeds when retried. SMTP down: the invitation's mail
// waits in the outbox with its error shown, and goes out once SMTP is back.
import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { migrate } from "../../scripts/lib/migrate.ts";
import { seedDemo } from "../../scripts/lib/seed-runner.ts";
import { ensureDatabase } from "../../scripts/lib/embedded-db.ts";
import { startOwnPostgres, type OwnPostgres } from "../support/own-postgres.ts";
import { startAppServer, type AppServer } from "../support/app-server.ts";
import { freePort } from "../../test/fixtures/free-port.ts";
import { sqlOn } from "../../test/fixtures/db.ts";
import { readMails, startSmtp } from "../../test/fixtures/smtp.ts";
import { signIn } from "../support/auth.ts";
import { answerOf, judgeFirstFailure, judgeOutagePage, judgeOutageProblem, type Answer } from "./faults-checks.ts";
import { FULL, size } from "../../test/fixtures/suite-size.ts";
import { recordFigures } from "../../test/fixtures/figures.ts";

test.describe.configure({ mode: "serial" });

const AUTH_SECRET = "faults-secret-faults-secret-faults-secret-0123456789";
/** How many times each page and read endpoint is asked during the outage. */
const OUTAGE_ROUNDS = size(2, 10);
const PAGES = ["/", "/m/riverton", "/signin", "/w", "/admin/riverton/invitations", "/admin/riverton/outbox"];
const GUARDED = [
  "User",
  "Membership",
  "Invitation",
  "ApiToken",
  "ServiceRequest",
  "HeritageSite",
  "Document",
  "Municipality",
  "Department",
  "OutboxMessage",
  "AuditEvent",
];

let pgServer: OwnPostgres;
let dbUrl: string;
let smtp: { port: number; stop(): Promise<void> };
let smtpPort: number;
let mailDir: string;
let app: AppServer;
let admin: BrowserContext;
const figures = {
  faultsInjected: 0,
  requestsDuringOutage: 0,
  pagesAnswered503: 0,
  apiAnswered503: 0,
  writesAttemptedDuringOutage: 0,
  writesLost: 0,
  partialWrites: 0,
  serverRestarts: 0,
  mailsHeldWhileSmtpDown: 0,
  mailsDeliveredAfterSmtpReturned: 0,
};

/** One statement on this suite's own database (a connection of its own: the server may be down). */
const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => sqlOn<T>(dbUrl, text, values);

/** The whole content of every table a write could touch, the audit trail included. */
async function checksum(): Promise<string> {
  const parts = await Promise.all(
    GUARDED.map(
      async (t) =>
        (
          await sql<{ h: string }>(
            `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`,
          )
        )[0]!.h,
    ),
  );
  return parts.join(":");
}

const mailsTo = (to: string) => readMails(mailDir).filter((m) => m.to.includes(to));

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  pgServer = await startOwnPostgres();
  await ensureDatabase(pgServer.urlFor("postgres"), "gatehouse_faults");
  dbUrl = pgServer.urlFor("gatehouse_faults");
  await migrate(dbUrl);
  await seedDemo(dbUrl);
  mailDir = mkdtempSync(path.join(tmpdir(), "gatehouse-faults-mail-"));
  smtp = await startSmtp(0, mailDir);
  smtpPort = smtp.port;
  app = await startAppServer({
    port: await freePort(),
    databaseUrl: dbUrl,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    authSecret: AUTH_SECRET,
  });
  admin = await browser.newContext({ baseURL: app.baseURL });
  const page = await admin.newPage();
  await signIn(page, "admin@riverton.test");
  await expect(page).not.toHaveURL(/\/signin/);
  await page.close();
});

test.afterAll(async () => {
  recordFigures("faults", figures);
  await admin?.close();
  await app?.stop();
  await smtp?.stop();
  await pgServer?.destroy();
});

async function invite(page: Page, email: string) {
  await page.goto("/admin/riverton/invitations");
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("checkbox", { name: "viewer" }).check();
  return form;
}

test("the judges reject a broken outage answer: a 500 with a stack trace, a 503 without Retry-After, a success page", async () => {
  // A tiny server that answers the way a broken app does during an outage.
  const answers: Record<string, { status: number; type: string; headers?: Record<string, string>; body: string }> = {
    "/stack": {
      status: 500,
      type: "text/html",
      body: "<h1>Internal Server Error</h1><pre>Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnectMultiple (node:net:1712:16)</pre>",
    },
    "/bare-503": { status: 503, type: "application/json", body: JSON.stringify({ error: "db down" }) },
    "/ok": { status: 200, type: "text/html", body: "<h1>Welcome</h1>" },
    "/generic-500": {
      status: 500,
      type: "text/html",
      body: "<h1>Application error: a server-side exception has occurred</h1>",
    },
  };
  const server: Server = createServer((req, res) => {
    const a = answers[req.url ?? ""]!;
    res.writeHead(a.status, { "content-type": a.type, ...a.headers });
    res.end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const get = async (p: string): Promise<Answer> => {
      const res = await fetch(base + p);
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
    };
    const stack = await get("/stack");
    expect(judgeOutagePage(stack)).toEqual(
      expect.arrayContaining(["status 500, expected 503", 'the answer shows internals: "ECONNREFUSED"']),
    );
    expect(judgeFirstFailure(stack).length).toBeGreaterThan(0);
    expect(judgeOutageProblem(await get("/bare-503"))).toEqual(
      expect.arrayContaining([
        "Retry-After is missing",
        "content type application/json, expected application/problem+json",
      ]),
    );
    expect(judgeFirstFailure(await get("/ok"))).toContain("status 200: an outage must not look like success");
    expect(judgeFirstFailure(await get("/generic-500"))).toContain('no "temporarily unavailable"');
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("SMTP down: the invitation's mail waits in the outbox with its error, and goes out once SMTP is back", async () => {
  test.setTimeout(60_000);
  const page = await admin.newPage();
  const email = `smtp-down.${Date.now()}@example.test`;
  await smtp.stop();
  figures.faultsInjected++;
  const form = await invite(page, email);
  await form.getByRole("button", { name: "Send invitation" }).click();
  // The flow itself does not depend on SMTP: the invitation and its mail are committed together.
  await expect(form.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  const row = page.getByRole("listitem").filter({ hasText: `To: ${email}` });
  // The worker tries at once (the flow kicks it), fails, and the outbox says so.
  await expect(async () => {
    await page.goto("/admin/riverton/outbox");
    await expect(row).toContainText("Waiting to be sent");
    await expect(row).toContainText("last error");
  }).toPass();
  expect(mailsTo(email)).toHaveLength(0);
  figures.mailsHeldWhileSmtpDown++;

  smtp = await startSmtp(smtpPort, mailDir);
  if (FULL) {
    // Nobody touches it: the scheduled drain sends it once its backoff has passed. The clock is the
    // test's: the row's backoff is moved to have passed (the server's clock, as e2e/idle.spec.ts
    // moves a session's; lib/mail/outbox.test.ts proves the backoff is kept), and the minute's tick
    // of the drain pg-boss has on its schedule is queued now instead of waited for. The drain's own
    // handler, not "Retry now", sends it.
    expect(await sql(`select cron from pgboss.schedule where name = 'mail-drain'`)).toEqual([{ cron: "* * * * *" }]);
    await sql(`update "OutboxMessage" set "nextAttemptAt" = now() - interval '1 second' where "to" = $1`, [email]);
    await sql(`insert into pgboss.job (name, data) values ('mail-drain', '{}')`);
    await expect.poll(() => mailsTo(email).length, { timeout: 30_000 }).toBe(1);
  } else {
    // The administrator's "Retry now" (the reduced run does not wait out the backoff).
    await row.getByRole("button", { name: "Retry now" }).click();
    await expect.poll(() => mailsTo(email).length, { timeout: 30_000 }).toBe(1);
  }
  await expect(async () => {
    await page.goto("/admin/riverton/outbox");
    await expect(row).toContainText("Sent");
  }).toPass();
  // One row, one delivery: held, then sent — never lost, never sent twice.
  expect(await sql(`select status from "OutboxMessage" where "to" = $1`, [email])).toEqual([{ status: "SENT" }]);
  figures.mailsDeliveredAfterSmtpReturned++;
  await page.close();
});

test("PostgreSQL stopped mid-run: 503 pages and problems, no partial write, no crash, and the same server recovers", async () => {
  test.setTimeout(90_000);
  const page = await admin.newPage();
  const lostEmail = `db-down.${Date.now()}@example.test`;
  // A form filled in while everything works, submitted during the outage.
  const form = await invite(page, lostEmail);
  const [target] = await sql<{ id: string }>(
    `select r.id from "ServiceRequest" r join "Municipality" m on m.id = r."municipalityId" where m.slug = 'riverton' order by r.id limit 1`,
  );
  const patch = (note: string) =>
    admin.request.post(`/api/v1/service-requests/${target!.id}/events`, {
      headers: { Origin: app.baseURL },
      data: { kind: "INTERNAL_NOTE", body: note },
    });
  const before = await checksum();
  const pid = app.process.pid;

  await pgServer.stop();
  figures.faultsInjected++;

  // Before the health probe has noticed (it runs at most once a second) the app itself may answer:
  // Next then sends an empty error shell and the browser renders app/global-error.tsx. Judged as a
  // person sees it — the rendered text — and by the HTML for leaks.
  const firstPage = await admin.newPage();
  const response = await firstPage.goto("/m/riverton");
  figures.requestsDuringOutage++;
  await expect
    .poll(async () =>
      judgeFirstFailure({
        status: response!.status(),
        headers: response!.headers(),
        body: `${await firstPage.content()}\n${await firstPage.locator("body").innerText()}`,
      }),
    )
    .toEqual([]);
  await firstPage.close();
  // From then on the proxy answers for the database (the probe runs at most once a second).
  await expect
    .poll(async () => {
      figures.requestsDuringOutage++;
      return (await admin.request.get("/")).status();
    })
    .toBe(503);

  const reads = [
    () => admin.request.get("/api/v1/me"),
    () => admin.request.get("/api/public/v1/service-requests"),
    () => admin.request.get(`/api/v1/service-requests/${target!.id}`),
  ];
  for (let round = 0; round < OUTAGE_ROUNDS; round++) {
    for (const p of PAGES) {
      const a = await answerOf(await admin.request.get(p, { maxRedirects: 0 }));
      figures.requestsDuringOutage++;
      expect(judgeOutagePage(a), p).toEqual([]);
      figures.pagesAnswered503++;
    }
    for (const call of [...reads, () => patch(`written during the outage, round ${round}`)]) {
      const a = await answerOf(await call());
      figures.requestsDuringOutage++;
      expect(judgeOutageProblem(a)).toEqual([]);
      figures.apiAnswered503++;
    }
    figures.writesAttemptedDuringOutage++;
  }
  // The form's server action goes through to the app (the form can say so in place) and fails cleanly.
  await form.getByRole("button", { name: "Send invitation" }).click();
  figures.writesAttemptedDuringOutage++;
  figures.requestsDuringOutage++;
  await expect(page.getByText(/temporarily unavailable/i).first()).toBeVisible();
  expect(app.process.exitCode, app.output().slice(-3000)).toBeNull();

  await pgServer.start();
  // The same process serves again without a restart: its pools reconnect, the probe sees it.
  await expect.poll(async () => (await admin.request.get("/")).status(), { timeout: 30_000 }).toBe(200);
  expect(app.process.pid).toBe(pid);
  expect(app.process.exitCode).toBeNull();

  // Nothing from the outage reached the database: not the API write, not the invitation.
  const after = await checksum();
  if (after !== before) figures.partialWrites++;
  expect(after).toBe(before);
  expect(await sql(`select id from "Invitation" where email = $1`, [lostEmail])).toHaveLength(0);

  // Retried, both writes succeed on the recovered server.
  const note = `retried after the outage ${Date.now()}`;
  const res = await patch(note);
  expect(res.status(), await res.text()).toBe(201);
  expect(
    await sql(`select 1 from "RequestEvent" where "requestId" = $1 and kind = 'INTERNAL_NOTE' and body = $2`, [
      target!.id,
      note,
    ]),
  ).toHaveLength(1);
  const again = await invite(page, lostEmail);
  await again.getByRole("button", { name: "Send invitation" }).click();
  await expect(again.getByText(`Invitation sent to ${lostEmail}.`)).toBeVisible();
  // The mail worker (pg-boss) survived the outage too: the new invitation's mail goes out.
  await expect.poll(() => mailsTo(lostEmail).length, { timeout: 30_000 }).toBe(1);
  await page.close();
});
