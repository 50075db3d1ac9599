// The production server (scripts/server.mjs as `npm start` runs it, loopback only) against a benchmark database, and
// autocannon against the public and staff list APIs. Latency percentiles are computed from every
// response time autocannon reports (its own summary has p97.5 but no p95).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import autocannon, { type Result } from "autocannon";
import { fingerprint, markBuilt } from "../../scripts/lib/build-fingerprint.ts";
import { summarize } from "./stats.ts";
import type { HttpResult } from "./types.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export type BuildPolicy = "auto" | "always" | "never";
export type BuildInfo = { reused: boolean; current: boolean; seconds: number; note?: string };

/**
 * The server runs from a private copy of a finished build (bench/out/app/.next): the project's own
 * .next is shared with everyone building and testing in this tree, and a `next build` started
 * by someone else mid-benchmark would pull the server's files away from under it.
 */
export const APP_DIR = path.join(ROOT, "bench/out/app");
const STAMP = "gatehouse-fingerprint";

function stampOf(dir: string): string | null {
  const f = path.join(dir, ".next", STAMP);
  return existsSync(f) && existsSync(path.join(dir, ".next", "BUILD_ID")) ? readFileSync(f, "utf8") : null;
}

/** Another `next build` in this tree (its process title is "next-build"): its .next is half-written. */
function buildRunning(): boolean {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("next-build")) return true;
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}

async function waitForOtherBuilds(log: (s: string) => void): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  if (buildRunning()) log("waiting for another next build in this tree to finish…");
  while (buildRunning() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2000));
}

function snapshot(): void {
  rmSync(APP_DIR, { recursive: true, force: true });
  mkdirSync(APP_DIR, { recursive: true });
  const skip = /[\\/]\.next[\\/](cache|dev|trace|diagnostics|lock)([\\/]|$)/;
  cpSync(path.join(ROOT, ".next"), path.join(APP_DIR, ".next"), { recursive: true, filter: (src) => !skip.test(src) });
  // next start <dir> reads the config and package.json there; node_modules resolve from the
  // repository root above it; the server's cwd stays the repository (policies/ is read from it).
  for (const f of ["next.config.mjs", "package.json"]) cpSync(path.join(ROOT, f), path.join(APP_DIR, f));
  if (existsSync(path.join(ROOT, "public")))
    cpSync(path.join(ROOT, "public"), path.join(APP_DIR, "public"), { recursive: true });
}

/** Makes sure a production build exists for the benchmark: reused while current, built when asked or needed. */
export async function ensureBuild(policy: BuildPolicy, log: (s: string) => void): Promise<BuildInfo> {
  const now = fingerprint();
  const mine = stampOf(APP_DIR);
  if (mine !== null && (mine === now || policy === "never")) {
    return {
      reused: true,
      current: mine === now,
      ...(mine === now ? {} : { note: "the benchmark's copy of the build is older than the sources (--build=never)" }),
      seconds: 0,
    };
  }
  if (policy !== "always") {
    await waitForOtherBuilds(log);
    const shared = stampOf(ROOT);
    if (shared !== null && (shared === now || policy === "never")) {
      snapshot();
      return {
        reused: true,
        current: shared === now,
        ...(shared === now ? {} : { note: "the project's build is older than the sources (--build=never)" }),
        seconds: 0,
      };
    }
    if (policy === "never")
      return { reused: false, current: false, seconds: 0, note: "no production build and --build=never: HTTP skipped" };
  }
  await waitForOtherBuilds(log);
  log("building the production bundle (next build)…");
  const before = fingerprint();
  const t0 = performance.now();
  // DATABASE_URL/AUTH_SECRET are not needed at build time: lib/db connects on first use.
  const b = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  const seconds = (performance.now() - t0) / 1000;
  if (b.status !== 0) {
    log(b.stdout.slice(-2000) + b.stderr.slice(-2000));
    return { reused: false, current: false, seconds, note: `next build failed (exit ${b.status}): HTTP skipped` };
  }
  markBuilt(before);
  snapshot();
  return { reused: false, current: fingerprint() === before, seconds };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export type RunningServer = { base: string; stop(): Promise<void> };

/** `env` overrides the server's settings (a scenario that must know its AUTH_SECRET sets it). */
export async function startServer(
  databaseUrl: string,
  logFile: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "scripts/server.mjs"), "--dir", APP_DIR, "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        // A throwaway secret: benchmark sessions and tokens are worthless outside this run.
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AUDIT_KEY: randomBytes(32).toString("base64url"),
        APP_URL: base,
        NEXTAUTH_URL: base,
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => {
      const t = setTimeout(() => {
        child.kill("SIGKILL");
        r(null);
      }, 5000);
      child.once("exit", () => {
        clearTimeout(t);
        r(null);
      });
    });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const r = await fetch(`${base}/api/public/v1/service-requests?limit=1`);
      if (r.status < 500) return { base, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`the server did not answer within 90 s; see ${logFile}`);
}

/** One request, checked: the endpoint must answer 200 with a full page before it is load-tested. */
export async function probe(
  url: string,
  headers: Record<string, string>,
): Promise<{ ok: boolean; status: number; rows: number; note?: string }> {
  const r = await fetch(url, { headers });
  const text = await r.text();
  let rows = 0;
  try {
    const body = JSON.parse(text) as { data?: unknown[] };
    rows = Array.isArray(body.data) ? body.data.length : 0;
  } catch {
    // Not JSON: reported through the status and note.
  }
  return {
    ok: r.status === 200 && rows > 0,
    status: r.status,
    rows,
    ...(r.status === 200 ? {} : { note: text.slice(0, 200) }),
  };
}

export async function load(
  endpoint: HttpResult["endpoint"],
  base: string,
  pathname: string,
  headers: Record<string, string>,
  connections: number,
  durationS: number,
  request?: { method: "POST"; body: string },
): Promise<HttpResult> {
  const times: number[] = [];
  const result = await new Promise<Result>((resolve, reject) => {
    const inst = autocannon(
      { url: base + pathname, connections, duration: durationS, headers, timeout: 30, ...request },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) times.push(ms);
    });
  });
  const s = summarize(times);
  return {
    endpoint,
    path: pathname,
    connections,
    durationS,
    requests: result.requests.total,
    rps: times.length / result.duration,
    p50: s.median,
    p95: s.p95,
    p99: s.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
