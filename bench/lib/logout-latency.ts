// "Deactivate → back-channel logout received by the demo" (issue 19): how long after an admin
// confirms "Deactivate account" the permits demo (examples/permits-demo) holds Gatehouse's
// verified logout token for that person. Real parts end to end: the production server on a
// freshly seeded database (Riverton's Permits service pointing at the demo), the demo in its own
// process, Chromium driving both. Each round: a fresh operator signs into Gatehouse and into the
// demo through the real OpenID Connect flow; the admin deactivates them on their person page; the
// clock starts at the confirming click and stops at the demo's own receive time (GET /_events,
// receivedAtMs — same machine clock), so polling adds nothing to the figure.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import type { DatabaseServer } from "../../scripts/lib/database.ts";
import { dropDatabase, ensureDatabase } from "../../scripts/lib/embedded-db.ts";
import { migrate } from "../../scripts/lib/migrate.ts";
import { seedDemo } from "../../scripts/lib/seed-runner.ts";
import { DEMO_PASSWORD } from "../../lib/seed/test-users.ts";
import { freePort } from "../../test/fixtures/free-port.ts";
import { demoEvents, permitsDemoUrl, startPermitsDemo } from "../../test/fixtures/permits-demo.ts";
import { startServer } from "./http.ts";
import { summarize, type Summary } from "./stats.ts";

export type LogoutLatencyResult = {
  rounds: number;
  /** Milliseconds from the admin's confirming click to the demo receiving the verified logout token. */
  ms?: Summary;
  /** Rounds whose logout did not arrive within the round's limit (not in `ms`). */
  missed: number;
  note?: string;
};

const DATABASE = "gatehouse_bench_services";
const ROUND_LIMIT_MS = 30_000;

async function signIn(page: Page, base: string, email: string, next = "/w") {
  await page.goto(`${base}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 30_000 });
}

export async function measureLogoutLatency(
  dbServer: DatabaseServer,
  opts: { rounds: number; outDir: string; log: (s: string) => void },
): Promise<LogoutLatencyResult> {
  const { log } = opts;
  const url = dbServer.urlFor(DATABASE);
  await dropDatabase(dbServer.adminUrl, DATABASE);
  await ensureDatabase(dbServer.adminUrl, DATABASE);
  await migrate(url);
  const authSecret = randomBytes(32).toString("base64url");
  const demoPort = await freePort();
  // Riverton's SSO points nowhere here (nobody signs in through it); its Permits service at the demo.
  await seedDemo(url, { issuer: "http://127.0.0.1:9", authSecret, demoUrl: permitsDemoUrl(demoPort) });
  // The fixtures that make people read DATABASE_URL (test/fixtures/db.ts).
  process.env.DATABASE_URL = url;
  const { freshSignInPerson } = await import("../../test/fixtures/people.ts");
  const { testPrisma } = await import("../../test/fixtures/db.ts");
  const riverton = (await testPrisma().municipality.findUniqueOrThrow({ where: { slug: "riverton" } })).id;

  const app = await startServer(url, path.join(opts.outDir, "server-services.log"), {
    AUTH_SECRET: authSecret,
    LOG_LEVEL: "warn",
  });
  const demo = await startPermitsDemo({
    port: demoPort,
    gatehouseUrl: app.base,
    authSecret,
    logFile: path.join(opts.outDir, "permits-demo.log"),
  });
  let browser: Browser | undefined;
  const samples: number[] = [];
  let missed = 0;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, app.base, "admin@riverton.test", "/admin/riverton/people");
    for (let i = 0; i < opts.rounds; i++) {
      const t = randomBytes(4).toString("hex");
      const person = await freshSignInPerson(riverton, ["operator"], `bench-logout-${t}@riverton.test`, {
        name: `Bench ${t}`,
      });
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      await signIn(p, app.base, person.email);
      await p.goto(`${demo.url}/login`);
      await p.waitForURL(`${demo.url}/permits`, { timeout: 30_000 });

      await admin.goto(`${app.base}/admin/riverton/people/${person.memberships[0]!.id}`);
      await admin.getByLabel("Reason for deactivating the whole account").fill("Benchmark round");
      await admin.getByRole("button", { name: "Deactivate account" }).click();
      const confirm = admin.getByRole("dialog").getByRole("button", { name: "Deactivate account", exact: true });
      await confirm.waitFor();
      const t0 = Date.now();
      await confirm.click();
      let at: number | undefined;
      while (at === undefined && Date.now() - t0 < ROUND_LIMIT_MS) {
        at = (await demoEvents(demo.url)).logouts.find((l) => l.verified && l.sub === person.id)?.receivedAtMs;
        if (at === undefined) await new Promise((r) => setTimeout(r, 10));
      }
      if (at === undefined) missed++;
      else samples.push(at - t0);
      await ctx.close();
      if ((i + 1) % 10 === 0) log(`deactivate → logout: ${i + 1}/${opts.rounds} rounds`);
    }
  } finally {
    await browser?.close();
    await demo.stop();
    await app.stop();
    await testPrisma().$disconnect();
  }
  return {
    rounds: opts.rounds,
    missed,
    ...(samples.length ? { ms: summarize(samples) } : {}),
    ...(missed ? { note: `${missed} of ${opts.rounds} logouts did not arrive within ${ROUND_LIMIT_MS / 1000} s` } : {}),
  };
}

/** The report's section (bench/report.md). */
export function logoutLatencySection(r: LogoutLatencyResult | undefined): string {
  if (!r) return "";
  const f = (n: number) => n.toFixed(0);
  const figures = r.ms
    ? `| rounds | median | p95 | min | max |
| --- | --- | --- | --- | --- |
| ${r.ms.n} of ${r.rounds} | ${f(r.ms.median)} ms | ${f(r.ms.p95)} ms | ${f(r.ms.min)} ms | ${f(r.ms.max)} ms |`
    : "No round completed.";
  return `
## Connected services: deactivate → back-channel logout at the service

From an admin's confirming click on "Deactivate account" to the permits demo
(\`examples/permits-demo\`) holding Gatehouse's verified logout token for that person: the production
server on a freshly seeded database, the demo in its own process, Chromium driving both; each round a
fresh operator signed into the demo through the real OpenID Connect flow. The end time is the demo's
own receive time, so polling adds nothing.

${figures}
${r.note ? `\n${r.note}\n` : ""}`;
}
