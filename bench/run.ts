// npm run bench [-- --size small|full] [--build auto|always|never] [--regenerate] [--duration S] [--skip-http]
//   [--logout-rounds N | --skip-logout] [--report-only]
//
// Authorization at database speed, measured in one run (issue 8): ability build, a list page
// through lib/data against hand-written SQL and against the naive filter-in-memory way, and the
// production server under autocannon, at 10k → 100k → 1M service requests. Writes
// bench/results.json, bench/report.md and bench/chart.svg.
//
// --size small: 10k and 100k rows, 5 s per load test (under five minutes once the databases and
// the production build exist). --size full (default): 10k, 100k and 1M, 10 s per load test.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabaseServer } from "../scripts/lib/database.ts";
import { prepareDatabase, SIZES, type SizeSpec } from "./lib/databases.ts";
import { BENCH_USERS, createBenchToken, municipalityId, userId } from "./lib/generate.ts";
import { ensureBuild, load, probe, startServer, type BuildPolicy } from "./lib/http.ts";
import { renderChart, renderReport } from "./lib/report.ts";
import type { AuthzenResult, HttpResult, Results, SizeResult } from "./lib/types.ts";
import { authzenPhase } from "./lib/authzen.ts";
import { measureLogoutLatency } from "./lib/logout-latency.ts";
import { accessCheckScenario } from "./access-check.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "bench/out");
const log = (s: string) => console.log(`[bench] ${s}`);

type Args = {
  mode: "small" | "full";
  build: BuildPolicy;
  regenerate: boolean;
  duration: number;
  budget: number;
  skipHttp: boolean;
  /** Rounds of "deactivate → back-channel logout at the demo" (0: skipped). */
  logoutRounds: number;
};

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i]!;
    return a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[i + 1];
  };
  const size = value("size") ?? "full";
  if (size !== "small" && size !== "full") throw new Error(`--size must be small or full, not ${size}`);
  const build = (value("build") ?? "auto") as BuildPolicy;
  if (!["auto", "always", "never"].includes(build)) throw new Error(`--build must be auto, always or never`);
  return {
    mode: size,
    build,
    regenerate: argv.includes("--regenerate"),
    duration: Number(value("duration") ?? (size === "small" ? 5 : 10)),
    // Seconds of sampling per in-process measurement pair.
    budget: Number(value("budget") ?? (size === "small" ? 1.5 : 3)),
    skipHttp: argv.includes("--skip-http"),
    logoutRounds: argv.includes("--skip-logout") ? 0 : Number(value("logout-rounds") ?? 50),
  };
}

function runMeasure(
  url: string,
  size: SizeSpec,
  budget: number,
  token: string,
): Promise<Pick<SizeResult, "ability" | "perRequest" | "lists" | "workspace" | "map" | "breakdown">> {
  const out = path.join(OUT, `measure-${size.label}.json`);
  // A child per size: its own DATABASE_URL, its own Prisma client and cold caches.
  const child = spawn(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [
      "--conditions=react-server",
      path.join(ROOT, "bench/lib/measure.ts"),
      out,
      size.label,
      String(size.rows),
      String(budget),
    ],
    {
      cwd: ROOT,
      // A throwaway audit key: bearer-token use is audited, and the benchmark trail is worthless outside this run.
      env: {
        ...process.env,
        DATABASE_URL: url,
        BENCH_TOKEN: token,
        NODE_ENV: "production",
        AUDIT_KEY: process.env.AUDIT_KEY ?? randomBytes(32).toString("base64url"),
      },
      stdio: "inherit",
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`measure.ts failed for ${size.label} (exit ${code})`));
      resolve(
        JSON.parse(readFileSync(out, "utf8")) as Pick<
          SizeResult,
          "ability" | "perRequest" | "lists" | "workspace" | "map" | "breakdown"
        >,
      );
    });
  });
}

async function managerOf(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ id: string }>(
      `select min("userId") as id from "Membership" where "municipalityId" = $1 and id like 'bench-ms-%'`,
      [municipalityId(1)],
    );
    return userId(Number(r.rows[0]!.id.replace("bench-u-", "")) + BENCH_USERS.manager);
  } finally {
    await c.end();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  } finally {
    await c.end();
  }
}

async function httpPhase(
  url: string,
  size: SizeSpec,
  token: string,
  args: Args,
  withAuthzen: boolean,
): Promise<{ http: HttpResult[]; note?: string; authzen?: AuthzenResult }> {
  const server = await startServer(url, path.join(OUT, `server-${size.label}.log`));
  const http: HttpResult[] = [];
  const notes: string[] = [];
  let authzen: AuthzenResult | undefined;
  try {
    const endpoints: { endpoint: HttpResult["endpoint"]; path: string; headers: Record<string, string> }[] = [
      {
        endpoint: "public",
        path: `/api/public/v1/service-requests?municipalityId=${municipalityId(1)}&limit=50`,
        headers: {},
      },
      { endpoint: "staff", path: `/api/v1/service-requests?limit=50`, headers: { authorization: `Bearer ${token}` } },
      { endpoint: "floor", path: `/api/v1/openapi.json`, headers: {} },
    ];
    for (const e of endpoints) {
      const p = await probe(server.base + e.path, e.headers);
      if (!p.ok && !(e.endpoint === "floor" && p.status === 200)) {
        notes.push(
          `${e.endpoint} list API answered ${p.status} with ${p.rows} rows (${p.note ?? ""}): not load-tested`,
        );
        continue;
      }
      // Warm-up (JIT, connection pools, route compilation caches), not recorded.
      log(`${size.label}: warming up ${e.endpoint} API…`);
      await load(e.endpoint, server.base, e.path, e.headers, 8, 2);
      // The floor only needs the two loads the targets speak of.
      for (const connections of e.endpoint === "floor" ? [1, 8] : [1, 8, 32]) {
        log(`${size.label}: ${e.endpoint} API, ${connections} connection(s), ${args.duration} s…`);
        http.push(await load(e.endpoint, server.base, e.path, e.headers, connections, args.duration));
      }
    }
    // AuthZEN decisions read people, not service requests: measured once, on the first size.
    authzen = withAuthzen
      ? await authzenPhase(server.base, url, await managerOf(url), municipalityId(1), args.duration, log)
      : undefined;
  } finally {
    await server.stop();
  }
  return { http, ...(notes.length ? { note: notes.join("; ") } : {}), ...(authzen ? { authzen } : {}) };
}

/** --report-only: render report.md and chart.svg again from bench/results.json (no measuring). */
async function reportOnly(): Promise<void> {
  const file = path.join(ROOT, "bench/results.json");
  const res = JSON.parse(readFileSync(file, "utf8")) as Results;
  if (!res.machine.postgres) {
    // Results from before the version query was fixed: the server is the same one.
    const server = await openDatabaseServer();
    try {
      res.machine.postgres = await postgresVersion(server.adminUrl);
      writeFileSync(file, JSON.stringify(res, null, 2) + "\n");
    } finally {
      await server.stop();
    }
  }
  writeFileSync(path.join(ROOT, "bench/chart.svg"), renderChart(res));
  writeFileSync(path.join(ROOT, "bench/report.md"), renderReport(res));
  log("rendered bench/report.md and bench/chart.svg from bench/results.json");
}

async function main() {
  if (process.argv.includes("--report-only")) return reportOnly();
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadavgAtStart = os.loadavg();
  mkdirSync(OUT, { recursive: true });
  log(`mode ${args.mode}; load average ${loadavgAtStart.map((x) => x.toFixed(2)).join(" ")}`);

  const build = args.skipHttp
    ? { reused: false, current: false, seconds: 0, note: "--skip-http" }
    : await ensureBuild(args.build, log);
  const httpPossible = !args.skipHttp && (build.reused || build.current);

  const server = await openDatabaseServer();
  const sizes = args.mode === "small" ? [SIZES["10k"]!, SIZES["100k"]!] : [SIZES["10k"]!, SIZES["100k"]!, SIZES["1m"]!];
  const results: SizeResult[] = [];
  let postgres = "";
  let servicesLogout: Results["servicesLogout"];
  try {
    for (const size of sizes) {
      const db = await prepareDatabase(server, size, { regenerate: args.regenerate }, log);
      postgres ||= await postgresVersion(db.url);
      const { token } = await createBenchToken(db.url, await managerOf(db.url), municipalityId(1), ["manager"]);
      const measured = await runMeasure(db.url, size, args.budget, token);
      const http = httpPossible
        ? await httpPhase(db.url, size, token, args, size === sizes[0])
        : { http: [], note: build.note ?? "HTTP skipped" };
      results.push({
        size: size.label,
        rows: size.rows,
        database: { name: db.database, reused: db.reused, seconds: db.seconds, phases: db.phases },
        ...measured,
        http: http.http,
        ...(http.note ? { httpNote: http.note } : {}),
        ...(http.authzen ? { authzen: http.authzen } : {}),
      });
    }
    if (httpPossible && args.logoutRounds > 0) {
      log(`deactivate → back-channel logout at the permits demo, ${args.logoutRounds} rounds…`);
      servicesLogout = await measureLogoutLatency(server, { rounds: args.logoutRounds, outDir: OUT, log });
    }
    // Connected services: a permission removed from a group of 5,000 members (bench/access-check.json).
    await accessCheckScenario(server, 5000, log);
  } finally {
    await server.stop();
  }

  const res: Results = {
    generatedAt: new Date().toISOString(),
    mode: args.mode,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      loadavgAtStart,
      loadavgAtEnd: os.loadavg(),
      node: process.version,
      postgres,
    },
    build,
    sizes: results,
    ...(servicesLogout ? { servicesLogout } : {}),
    totalSeconds: (performance.now() - started) / 1000,
  };
  writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(res, null, 2) + "\n");
  writeFileSync(path.join(ROOT, "bench/chart.svg"), renderChart(res));
  writeFileSync(path.join(ROOT, "bench/report.md"), renderReport(res));
  log(`done in ${res.totalSeconds.toFixed(0)} s: bench/report.md, bench/results.json, bench/chart.svg`);

  // Different rows from lib/data and the hand-written SQL is a correctness failure, not a number.
  const wrong = results.flatMap((s) =>
    [...s.lists, ...s.workspace, ...(s.map ?? [])]
      .filter((l) => !l.identical)
      .map((l) => `${s.size} ${l.scenario}: ${l.mismatch}`),
  );
  if (wrong.length) {
    console.error(`[bench] lib/data and hand-written SQL disagree:\n  ${wrong.join("\n  ")}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
