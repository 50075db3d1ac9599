// `npm run policy:diff` as a reviewer runs it, against the run's seeded test database: the report
// on stdout and in the --json / --markdown files, and exit code 2 — never "no change" — when the
// base's policies do not load, the ref names no commit, or the arguments are wrong.
//
// The base commits are made for the test in an object store of its own (GIT_OBJECT_DIRECTORY,
// with the repository's objects as alternates): nothing is written to the repository, no branch
// moves, and the child process sees the commits through the same environment.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyDiff } from "@/lib/governance/policy-diff-types";
import { testPrisma } from "@/test/fixtures/db";

const ROOT = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "gh-policy-diff-"));
const VOLUNTEER = readFileSync(path.join(ROOT, "policies/groups/volunteer.yaml"), "utf8");
let gitEnv: NodeJS.ProcessEnv;

/** A commit: HEAD with policies/groups/volunteer.yaml replaced by `text`, in the test's own object store. */
function commitWithVolunteer(text: string): string {
  const git = (args: string[], input?: string, extra: Record<string, string> = {}) =>
    execFileSync("git", args, { cwd: ROOT, input, env: { ...gitEnv, ...extra }, encoding: "utf8" }).trim();
  const index = { GIT_INDEX_FILE: path.join(dir, `index-${Math.random().toString(36).slice(2)}`) };
  const blob = git(["hash-object", "-w", "--stdin"], text);
  git(["read-tree", "HEAD"], undefined, index);
  git(["update-index", "--cacheinfo", `100644,${blob},policies/groups/volunteer.yaml`], undefined, index);
  const tree = git(["write-tree"], undefined, index);
  return git(["commit-tree", tree, "-p", "HEAD", "-m", "policy:diff test base"], undefined, {
    GIT_AUTHOR_NAME: "test",
    GIT_AUTHOR_EMAIL: "test@example.test",
    GIT_COMMITTER_NAME: "test",
    GIT_COMMITTER_EMAIL: "test@example.test",
  });
}

beforeAll(() => {
  const common = execFileSync("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], {
    cwd: ROOT,
    encoding: "utf8",
  }).trim();
  mkdirSync(path.join(dir, "objects"));
  gitEnv = {
    ...process.env,
    GIT_OBJECT_DIRECTORY: path.join(dir, "objects"),
    GIT_ALTERNATE_OBJECT_DIRECTORIES: path.join(common, "objects"),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function policyDiff(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--conditions=react-server", path.join(ROOT, "scripts/policy-diff.ts"), ...args],
      { cwd: ROOT, env: gitEnv, maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npm run policy:diff", () => {
  it("reports what the working tree changes against a base, on stdout and in the JSON and Markdown files", async () => {
    // The base hides from volunteers whether a heritage site is public (the public group never
    // shows it), so the working tree shows it again on every site they see.
    const base = commitWithVolunteer(VOLUNTEER.replaceAll("designation, isPublic,", "designation,"));
    const json = path.join(dir, "out", "diff.json");
    const md = path.join(dir, "out", "diff.md");
    const riverton = { municipality: { slug: "riverton" } };
    // Other test files may add records to Riverton meanwhile: the figure lies between the counts before and after.
    const sitesBefore = await testPrisma().heritageSite.count({ where: riverton });
    const r = await policyDiff(["--base", base, "--json", json, "--markdown", md]);
    const sitesAfter = await testPrisma().heritageSite.count({ where: riverton });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(md, "utf8")).toBe(r.stdout);
    const diff = JSON.parse(readFileSync(json, "utf8")) as PolicyDiff;
    expect(diff.base).toBe(base);
    expect(diff.head).toBe("working tree");
    expect(diff.changedFiles).toContain("volunteer.yaml");
    // The seeded volunteer of Riverton, on each of Riverton's heritage sites.
    const volunteers = diff.entries.find(
      (e) => e.kind === "membership" && e.municipality?.slug === "riverton" && e.groups.join() === "volunteer",
    );
    expect(volunteers?.examplePrincipals).toContain("volunteer@riverton.test");
    const heritage = volunteers!.changes.find((c) => c.subject === "HeritageSite" && c.action === "read")!;
    expect(sitesBefore).toBeGreaterThan(0);
    expect(heritage).toMatchObject({ gained: 0, lost: 0, fieldsHidden: [] });
    expect(heritage.fieldsShown).toEqual([{ field: "isPublic", label: "Public", records: expect.any(Number) }]);
    expect(heritage.fieldsShown[0]!.records).toBeGreaterThanOrEqual(sitesBefore);
    expect(heritage.fieldsShown[0]!.records).toBeLessThanOrEqual(sitesAfter);
    expect(r.stdout).toContain(`## Policy change preview: \`${base}\` → \`working tree\``);
    expect(r.stdout).toMatch(/### Riverton — Volunteer\n/);
  }, 180_000);

  it("exits 2 naming the file and the rule when the base's policies do not load", async () => {
    const broken = commitWithVolunteer(VOLUNTEER.replace("district, period", "distrikt, period"));
    const r = await policyDiff(["--base", broken]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      `policy:diff: the base (${broken}) policies do not load: policies/groups/volunteer.yaml rule #2: unknown field "distrikt" for HeritageSite`,
    );
  }, 60_000);

  it("exits 2 for a ref that names no commit, and for wrong arguments", async () => {
    const none = await policyDiff(["--base", "no-such-branch-anywhere"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('git ref "no-such-branch-anywhere" names no commit');
    const missing = await policyDiff([]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--base <git-ref> is required");
    const unknown = await policyDiff(["--base", "HEAD", "--html", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown argument --html");
  }, 60_000);
});
