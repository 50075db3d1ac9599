// Starts everything the browser tests talk to, for real: a fresh PostgreSQL database
// (migrated, seeded), and the production server. Returns the teardown.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createTestDatabase, openDatabaseServer } from "../scripts/lib/database.ts";
import { migrate } from "../scripts/lib/migrate.ts";
import { seedDemo } from "../scripts/lib/seed-runner.ts";
import { buildIsCurrent, fingerprint, markBuilt } from "../scripts/lib/build-fingerprint.ts";
import { waitForHttp } from "../test/fixtures/wait.ts";
import { startIdp } from "../lib/idp/server.ts";
import { startSamlIdp } from "../lib/idp/saml-server.ts";
import { startSmtp } from "../test/fixtures/smtp.ts";
import { startTileServer } from "../test/fixtures/tiles.ts";
import { permitsDemoUrl, startPermitsDemo } from "../test/fixtures/permits-demo.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const ROOT = path.resolve(import.meta.dirname, "..");

export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const baseURL = `http://localhost:${port}`;
  const server = await openDatabaseServer();
  const testDb = await createTestDatabase(server, "e2e");
  await migrate(testDb.url);
  const authSecret = "e2e-secret-e2e-secret-e2e-secret-0123456789abcdef";
  const auditKey = "e2e-audit-key-e2e-audit-key-0123456789abcdef";
  const idpPort = Number(process.env.E2E_IDP_PORT ?? 3901);
  const idp = await startIdp({ port: idpPort, appUrl: baseURL, authSecret });
  // Riverton's Permits service points at the demo started below (e2e/connected-services.spec.ts).
  const demoPort = Number(process.env.E2E_DEMO_PORT ?? 3960);
  await seedDemo(testDb.url, { issuer: idp.issuer, authSecret, demoUrl: permitsDemoUrl(demoPort) });
  // A real SAML IdP for e2e/auth-saml.spec.ts (its metadata address is what the admin types in).
  const samlIdp = await startSamlIdp({ port: Number(process.env.E2E_SAML_IDP_PORT ?? 3903) });
  const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 0); // 0: any free port (parallel runs)
  const mailDir = mkdtempSync(path.join(tmpdir(), "gatehouse-mail-"));
  const smtp = await startSmtp(smtpPort, mailDir);
  // Map tiles from a local server (any free port): nothing a test does reaches the internet.
  const tiles = await startTileServer(Number(process.env.E2E_TILE_PORT ?? 0));

  process.env.METRICS_TOKEN ??= "e2e-metrics-token-0123456789abcdef"; // /metrics for e2e/operations.spec.ts, inherited by every server
  const env = {
    ...process.env,
    DATABASE_URL: testDb.url,
    AUTH_SECRET: authSecret,
    AUDIT_KEY: auditKey,
    APP_URL: baseURL,
    NEXTAUTH_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAP_TILE_URL: tiles.urlTemplate,
    MAP_TILE_ATTRIBUTION: "Test tiles",
    // One JSON line per request would bury the test output: warnings and errors only, unless asked.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  };
  // Tests read and arrange data in the same database as the server (fixtures, audit checks).
  Object.assign(process.env, {
    DATABASE_URL: testDb.url,
    AUTH_SECRET: env.AUTH_SECRET,
    AUDIT_KEY: auditKey,
    APP_URL: baseURL,
    E2E_MAILDIR: mailDir,
    E2E_SAML_IDP_METADATA: samlIdp.metadataUrl,
    // Second app servers (e2e/support/app-server.ts) inherit the same local tiles.
    MAP_TILE_URL: tiles.urlTemplate,
    MAP_TILE_ATTRIBUTION: "Test tiles",
    E2E_TILE_ORIGIN: `http://localhost:${tiles.port}`,
  });

  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  if (!buildIsCurrent()) {
    const before = fingerprint();
    const b = spawnSync(process.execPath, [next, "build"], { cwd: ROOT, env, stdio: "inherit" });
    if (b.status !== 0) throw new Error("next build failed");
    markBuilt(before);
  }
  // Served as `npm start` serves it (scripts/server.mjs: the socket address reaches the app), with
  // the same keep-alive (scripts/run.ts): idle connections outlive a suite's pauses.
  const app = spawn(
    process.execPath,
    [path.join(ROOT, "scripts/server.mjs"), "-p", String(port), "--keepAliveTimeout", "65000"],
    { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] },
  );
  await waitForHttp(`${baseURL}/`, 60_000);
  const demo = await startPermitsDemo({ port: demoPort, gatehouseUrl: baseURL, authSecret });
  process.env.E2E_DEMO_URL = demo.url;

  return async () => {
    app.kill("SIGTERM");
    await new Promise((r) => (app.exitCode !== null ? r(null) : app.once("exit", r)));
    await demo.stop();
    await idp.stop();
    await samlIdp.stop();
    await smtp.stop();
    await tiles.stop();
    if (process.env.KEEP_TEST_DATABASE !== "1") await testDb.drop();
    await server.stop();
  };
}
