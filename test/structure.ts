// What "one test-fixtures module" means, as checks over the tree: tests get their database
// clients, people, SMTP server and free ports from test/fixtures/, unit tests never reach into
// e2e/, and no test writes people with SQL. test/structure.test.ts runs it in `npm test`; it
// takes the repository root so it can be pointed at an older checkout to show what it catches.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const SKIP_DIRS = new Set(["node_modules", ".next", ".data", "generated", "test-results", "playwright-report", ".git"]);

function walk(root: string, dir: string, out: string[]): string[] {
  for (const name of readdirSync(path.join(root, dir))) {
    if (SKIP_DIRS.has(name)) continue;
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) walk(root, rel, out);
    else if (/\.(ts|tsx|mjs)$/.test(name)) out.push(rel);
  }
  return out;
}

const isTestCode = (f: string) => /\.test\.ts$/.test(f) || f.startsWith("e2e/");
const isUnitTest = (f: string) => /\.test\.ts$/.test(f) && !f.startsWith("e2e/");

type Check = { what: string; applies(f: string): boolean; pattern: RegExp };

const CHECKS: Check[] = [
  {
    what: "builds its own Prisma client (use testPrisma / prismaFor from test/fixtures/db.ts)",
    applies: isTestCode,
    pattern: /new PrismaClient\(|@prisma\/adapter-pg/,
  },
  {
    what: "runs its own SMTP server (use startSmtp from test/fixtures/smtp.ts)",
    applies: (f) => isTestCode(f) || (f.startsWith("test/") && f !== "test/fixtures/smtp.ts"),
    pattern: /new SMTPServer\(/,
  },
  // Bind to port 0, read the port, release it: the free-port idiom (a server that keeps listening on 0 is fine).
  {
    what: "finds a free port by hand (use freePort from test/fixtures/free-port.ts)",
    applies: isTestCode,
    pattern: /\.listen\(0,[\s\S]{0,300}?\.close\(/,
  },
  {
    what: "imports from e2e/ in a unit test (shared helpers live in test/fixtures/)",
    applies: isUnitTest,
    pattern: /from "(?:@\/e2e\/|(?:\.\.\/)+e2e\/)/,
  },
  {
    what: "writes people with SQL (use the people fixtures: test/fixtures/people.ts)",
    applies: isTestCode,
    pattern: /(?:INSERT INTO|UPDATE) "(?:User|Membership)"/,
  },
];

/** Every place in the tree that breaks one of the checks, as "file: what". */
export function fixtureProblems(root: string): string[] {
  const problems: string[] = [];
  for (const f of walk(root, ".", []).map((x) => x.replace(/^\.\//, ""))) {
    const text = readFileSync(path.join(root, f), "utf8");
    for (const c of CHECKS) if (c.applies(f) && c.pattern.test(text)) problems.push(`${f}: ${c.what}`);
  }
  return problems.sort();
}
