// npm start | npm run dev | npm run db:migrate | npm run seed | npm run seed:test-users
//
// Without DATABASE_URL: starts the embedded PostgreSQL under .data/, migrates, seeds demo data
// and test accounts into an empty database, and serves. With DATABASE_URL: uses that server,
// starts nothing, and never seeds accounts with known passwords unless asked
// (`npm run seed:test-users` or SEED_DEMO_DATA=1).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { appDatabaseUrl, openDatabaseServer, type DatabaseServer } from "./lib/database.ts";
import { migrate } from "./lib/migrate.ts";
import { isEmpty, seedDemo } from "./lib/seed-runner.ts";
import { localAuditKey, localAuthSecret } from "./lib/local-secrets.ts";
import { sealAfterUpgrade } from "./lib/audit-upgrade.ts";
import { buildIsCurrent, fingerprint, markBuilt } from "./lib/build-fingerprint.ts";
import { TEST_ACCOUNTS, DEMO_PASSWORD } from "../lib/seed/test-users.ts";
import { checkEmailDomains, checkPolicies } from "./lib/check-policies.ts";
import { seedWasAsked, shouldSeedDemo } from "./lib/seed-policy.ts";
import { setupClips } from "./lib/clips-setup.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const command = process.argv[2] ?? "start";
const log = (s: string) => console.log(`[gatehouse] ${s}`);

let server: DatabaseServer | undefined;
let child: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child!.once("exit", r));
  }
  if (server?.embedded) log("stopping the embedded PostgreSQL…");
  await server?.stop().catch((e: unknown) => console.error(e));
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function printAccounts(port: number) {
  log(`Gatehouse is running at http://localhost:${port}`);
  log(`demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of TEST_ACCOUNTS) console.log(`    ${a.email.padEnd(32)} ${a.note}`);
}

async function main() {
  // A broken policy file stops the app before it serves anything.
  await checkPolicies();

  server = await openDatabaseServer();
  const url = await appDatabaseUrl(server);
  log(server.embedded ? `using the embedded PostgreSQL in ${server.location}` : "using DATABASE_URL");
  const authSecret = process.env.AUTH_SECRET ?? (server.embedded ? localAuthSecret() : undefined);
  const sso = authSecret ? { issuer: `http://127.0.0.1:${process.env.IDP_PORT ?? 3901}`, authSecret } : undefined;
  const auditKey = process.env.AUDIT_KEY ?? (server.embedded ? localAuditKey() : undefined);
  const applied = await migrate(url, log);
  if (applied.length === 0) log("database schema is up to date");
  await sealAfterUpgrade(url, applied, auditKey, log);

  if (command === "seed:test-users") {
    await seedDemo(url, sso);
    log("test accounts are in place");
    return shutdown(0);
  }
  if (command === "seed") {
    await seedDemo(url, sso);
    log("demo data is in place");
    return shutdown(0);
  }
  if (command === "migrate") return shutdown(0);

  const seeded = shouldSeedDemo({
    embedded: server.embedded,
    asked: seedWasAsked(process.env.SEED_DEMO_DATA),
    empty: await isEmpty(url),
  });
  if (seeded) {
    log("empty database: seeding demo municipalities, records and test accounts…");
    await seedDemo(url, sso);
  }

  await checkEmailDomains(url);
  // Clips roles, one per municipality (lib/clips/roles.ts); elsewhere `npm run clips:setup` makes them.
  if (server.embedded && authSecret) await setupClips(url, authSecret, log);

  if (!authSecret) {
    console.error("AUTH_SECRET is not set. With DATABASE_URL, set AUTH_SECRET to a random string of 32+ characters.");
    return shutdown(1);
  }
  if (!auditKey) {
    console.error(
      "AUDIT_KEY is not set. With DATABASE_URL, set AUDIT_KEY to a random string of 32+ characters, kept outside the database (it keys the audit trail; `npm run audit:verify` needs it too).",
    );
    return shutdown(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  const env = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: authSecret,
    AUDIT_KEY: auditKey,
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? process.env.APP_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // Local use without SMTP: mail, links included, is printed to this console (never to a page).
    MAIL_CONSOLE: process.env.MAIL_CONSOLE ?? (server.embedded && !process.env.SMTP_URL ? "1" : "0"),
  };
  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  // Our own HTTP server around Next's handler, so the app knows the socket address (scripts/server.mjs).
  const httpServer = path.join(ROOT, "scripts/server.mjs");

  if (command === "dev") {
    child = spawn(process.execPath, [httpServer, "--dev", "-p", String(port)], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "development" },
      stdio: "inherit",
    });
  } else {
    if (!buildIsCurrent()) {
      log("building the production bundle (first start or sources changed)…");
      const before = fingerprint();
      const b = spawnSync(process.execPath, [next, "build"], {
        cwd: ROOT,
        env: { ...env, NODE_ENV: "production" },
        stdio: "inherit",
      });
      if (b.status !== 0) return shutdown(b.status ?? 1);
      markBuilt(before);
    }
    // Keep idle connections 65 s, longer than a load balancer's usual 60 s: Node's 5 s default
    // closes sockets the balancer is about to reuse, and its requests fail with a reset.
    child = spawn(process.execPath, [httpServer, "-p", String(port), "--keepAliveTimeout", "65000"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "production" },
      stdio: "inherit",
    });
  }
  child.on("exit", (code) => void shutdown(code ?? 0));
  if (server.embedded || seeded) setTimeout(() => printAccounts(port), 1500);
  else log(`Gatehouse is running at http://localhost:${port}`);
}

main().catch((err: unknown) => {
  console.error(`[gatehouse] ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
