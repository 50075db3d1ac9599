// npm test: format check, typecheck, lint, unit + integration tests on real PostgreSQL, then Playwright in
// Debian's Chromium against a production build. `npm test -- unit|e2e|static` runs one part;
// `npm run test:security:full` (part "security") runs the race and security suites at full size;
// `npm run test:e2e:full` (part "e2e:full") every Playwright spec and `npm run test:full` (part
// "full") everything at full size (SECURITY_SIZE=full: test/fixtures/suite-size.ts — no sample,
// no rotating slice). Installs Chromium through apt when missing and running as root; never skips a suite.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureDebianPackage } from "./lib/apt.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const only = process.argv[2];
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const RACE_SUITES = [
  "lib/data/access-race.test.ts",
  "lib/data/writes.test.ts",
  "lib/flows/onboarding.test.ts",
  "lib/flows/approval.test.ts",
  "lib/flows/group-change.test.ts",
];

type Step = { name: string; part: "static" | "unit" | "e2e" | "security"; run: () => number };

/** The parts each argument runs; the ones named here (and "security") run at full size. */
const FULL_PARTS: Record<string, Step["part"][]> = { full: ["static", "unit", "e2e"], "e2e:full": ["e2e"] };
const parts: Step["part"][] = only ? (FULL_PARTS[only] ?? [only as Step["part"]]) : ["static", "unit", "e2e"];
const full = only === "security" || (only !== undefined && only in FULL_PARTS);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(full ? { SECURITY_SIZE: "full" } : {}) };
const sh = (cmd: string, args: string[]) => () =>
  spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env }).status ?? 1;

const ensureChromium = () => ensureDebianPackage(CHROMIUM, "chromium", "(or set CHROMIUM_PATH to a Chromium binary)");

const steps: Step[] = [
  {
    name: "format (prettier --check)",
    part: "static",
    run: sh(bin("prettier"), ["--check", "--log-level", "warn", "."]),
  },
  { name: "typecheck", part: "static", run: sh(bin("tsc"), ["--noEmit"]) },
  { name: "lint", part: "static", run: sh(bin("eslint"), ["--max-warnings", "0", "."]) },
  { name: "unit + integration (vitest, real PostgreSQL)", part: "unit", run: sh(bin("vitest"), ["run"]) },
  { name: "chromium", part: "e2e", run: ensureChromium },
  { name: "end-to-end (Playwright, production build)", part: "e2e", run: sh(bin("playwright"), ["test"]) },
  // The race suites run five times as many rounds at full size (size() in each suite).
  {
    name: "race suites at full size (vitest, real PostgreSQL)",
    part: "security",
    run: sh(bin("vitest"), ["run", ...RACE_SUITES]),
  },
  { name: "chromium", part: "security", run: ensureChromium },
  {
    name: "security suites at full size (Playwright, production build)",
    part: "security",
    run: sh(bin("playwright"), ["test", "e2e/security"]),
  },
];

const started = Date.now();
const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  if (!parts.includes(step.part)) continue;
  const t = Date.now();
  console.log(`\n[test] ▶ ${step.name}`);
  const code = step.run();
  results.push({ name: step.name, ok: code === 0, seconds: Math.round((Date.now() - t) / 1000) });
  if (code !== 0) break;
}
console.log("\n[test] summary");
for (const r of results) console.log(`  ${r.ok ? "✔" : "✘"} ${r.name} (${r.seconds}s)`);
const failed = results.some((r) => !r.ok) || results.length === 0;
// What the security and race suites tried, for the log and the README (npm run security:figures).
if (!failed && only !== "static") sh(bin("tsx"), [path.join(ROOT, "scripts/security-figures.ts")])();
console.log(`[test] ${failed ? "FAILED" : "all passed"} in ${Math.round((Date.now() - started) / 1000)}s`);
process.exit(failed ? 1 : 0);
