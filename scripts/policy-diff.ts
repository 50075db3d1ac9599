// npm run policy:diff -- --base <git-ref> [--json <file>] [--markdown <file>]
//
// Who gains or loses what if the working tree's policies/ replaced those at <git-ref>: both sets
// are compiled, replayed for every real principal of the app's database (embedded, or
// DATABASE_URL) over its records (lib/governance/policy-diff.ts), and the report is printed as
// Markdown (fit for a code review); --json and --markdown also write it to files.
// Exit codes: 0 the report was made (whether or not anything changes), 2 it could not be made —
// a policy set that does not load (named by file and rule: never reported as "no change"), a
// ref that names no commit, bad arguments.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appDatabaseUrl, openDatabaseServer } from "./lib/database.ts";

const USAGE = "Usage: npm run policy:diff -- --base <git-ref> [--json <file>] [--markdown <file>]";

function parseArgs(argv: string[]): { base: string; json?: string; markdown?: string } {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(base|json|markdown)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === "") throw new Error(`--${m[1]} needs a value`);
    out[m[1]!] = value;
  }
  if (!out.base) throw new Error("--base <git-ref> is required");
  return { base: out.base, json: out.json, markdown: out.markdown };
}

function fail(message: string): never {
  console.error(`policy:diff: ${message}`);
  process.exit(2);
}

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`);
}

// Both policy sets first: a set that does not load stops here, before any database is touched.
const { loadPolicies, PolicyLoadError } = await import("../lib/policy/load.ts");
const { policiesAtGitRef, PolicyRefError } = await import("../lib/governance/policy-sources.ts");
const compiled = (side: string, load: () => ReturnType<typeof loadPolicies>) => {
  try {
    return load();
  } catch (e) {
    if (e instanceof PolicyLoadError) fail(`the ${side} policies do not load: ${e.message}`);
    if (e instanceof PolicyRefError) fail(e.message);
    throw e;
  }
};
const base = compiled(`base (${args.base})`, () => policiesAtGitRef(args.base));
const head = compiled("working tree", () => loadPolicies());

const server = await openDatabaseServer();
try {
  process.env.DATABASE_URL ??= await appDatabaseUrl(server);
  const { diffPolicies, policyDiffMarkdown } = await import("../lib/governance/policy-diff.ts");
  const { db } = await import("../lib/db.ts");
  try {
    const diff = await diffPolicies(base, head, { baseLabel: args.base, headLabel: "working tree" });
    const markdown = policyDiffMarkdown(diff);
    const write = (file: string, text: string) => {
      const out = path.resolve(file);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, text);
    };
    if (args.json) write(args.json, JSON.stringify(diff, null, 2) + "\n");
    if (args.markdown) write(args.markdown, markdown);
    process.stdout.write(markdown);
  } catch (e) {
    // No report is better than a wrong one: an unreachable or unmigrated database is said as such.
    // Prisma's message ends with the database's own words ("relation … does not exist").
    const last = (e as Error).message.split("\n").findLast((l) => l.trim()) ?? String(e);
    console.error(`policy:diff: could not replay over the database: ${last.trim()} (is it running and migrated?)`);
    process.exitCode = 2;
  } finally {
    await db.$disconnect();
  }
} finally {
  await server.stop();
}
