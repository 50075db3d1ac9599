// npm run bench:access-check [-- --members N]   (also run at the end of npm run bench)
//
// "A permission removed from a group of 5,000 members processed, with its time" (issue 19): a
// throwaway database on the benchmark's PostgreSQL, migrated, N operators signed into a permits
// service, then the operator group file stops granting it and the access check runs to the end.
// Writes bench/access-check.json.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createTestDatabase, openDatabaseServer, type DatabaseServer } from "../scripts/lib/database.ts";
import { migrate } from "../scripts/lib/migrate.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

export type AccessCheckResult = {
  members: number;
  batchSize: number;
  keptByDirectGrant: number;
  checked: number;
  ended: number;
  status: string;
  seconds: number;
  membersPerSecond: number;
  setupSeconds: number;
  providerRowsLeft: number;
};

/** Runs the scenario on `server` (a database of its own, dropped afterwards). */
export async function accessCheckScenario(
  server: DatabaseServer,
  members = 5000,
  log = (s: string) => console.log(`[bench] ${s}`),
): Promise<AccessCheckResult> {
  const target = await createTestDatabase(server, "bench_access");
  try {
    await migrate(target.url);
    const out = path.join(ROOT, "bench/out/access-check.json");
    mkdirSync(path.dirname(out), { recursive: true });
    log(`access check: ${members} members of a group that stops granting a service…`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        path.join(ROOT, "node_modules/.bin/tsx"),
        ["--conditions=react-server", path.join(ROOT, "bench/lib/access-check-measure.ts"), out, String(members)],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            DATABASE_URL: target.url,
            NODE_ENV: "production",
            AUDIT_KEY: process.env.AUDIT_KEY ?? randomBytes(32).toString("base64url"),
          },
          stdio: "inherit",
        },
      );
      child.once("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`access check bench failed (exit ${code})`)),
      );
    });
    const r = JSON.parse(readFileSync(out, "utf8")) as AccessCheckResult;
    log(
      `access check: ${r.checked} checked, ${r.ended} lost access in ${r.seconds.toFixed(1)} s (${r.membersPerSecond.toFixed(0)} members/s)`,
    );
    writeFileSync(path.join(ROOT, "bench/access-check.json"), JSON.stringify(r, null, 2) + "\n");
    return r;
  } finally {
    await target.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--members");
  const members = i > 0 ? Number(process.argv[i + 1]) : 5000;
  const server = await openDatabaseServer();
  try {
    await accessCheckScenario(server, members);
  } finally {
    await server.stop();
  }
}
