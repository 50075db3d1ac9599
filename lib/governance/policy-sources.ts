// Where the two policy sets of a policy-change preview come from: the policies/ folder at a git
// ref (`npm run policy:diff -- --base main`), or the working tree's policies with some group files
// replaced (the platform console's proposed files). Either way the files are written to a fresh
// temporary folder laid out like the project's (policies/groups, policies/services) and compiled
// by the one loader (lib/policy/load.ts), so a proposed set is held to every rule a deployed one
// is: a file that does not load throws PolicyLoadError naming the file and the rule.
import "server-only";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_POLICY_DIR, loadPolicies, PolicyLoadError, type CompiledPolicies } from "@/lib/policy/load";

/** The project's policies/ folder (groups and services), which proposed files are laid over. */
const POLICY_ROOT = path.dirname(DEFAULT_POLICY_DIR);

/** A git ref that cannot be one (empty, an option, odd characters): refused before git sees it. */
export class PolicyRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyRefError";
  }
}

// loadPolicies caches by folder for the life of the process: every compiled set gets a folder
// name never used before in this process (pid + counter), so a deleted temporary folder's name
// can never come back and return another set's cached rules.
let counter = 0;
function freshRoot(): string {
  const dir = mkdtempSync(path.join(tmpdir(), `gh-policies-${process.pid}-${++counter}-`));
  mkdirSync(path.join(dir, "policies"), { recursive: true });
  return dir;
}

/** Compiles `<root>/policies/groups` and removes the temporary copy (the compiled set keeps no file open). */
function compileAt(root: string): CompiledPolicies {
  try {
    return loadPolicies(path.join(root, "policies", "groups"));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function git(args: string[], cwd: string, input?: Buffer): Buffer {
  return execFileSync("git", args, { cwd, input, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** The repository the policies live in (the working tree's top). */
function repositoryRoot(): string {
  try {
    return git(["rev-parse", "--show-toplevel"], POLICY_ROOT).toString().trim();
  } catch {
    throw new PolicyRefError(`${POLICY_ROOT} is not inside a git repository: there is no history to compare with`);
  }
}

/**
 * The policies/ folder as it was at `ref` (a branch, tag or commit), compiled. A ref that does not
 * name a commit, or a commit without policies/groups, is a PolicyRefError saying so; policy files
 * that do not load there are the loader's PolicyLoadError (file and rule).
 */
export function policiesAtGitRef(ref: string): CompiledPolicies {
  const trimmed = ref.trim();
  // Never let a "ref" become an option of git (`--output=…`), and keep to what refs are made of.
  if (!trimmed || trimmed.startsWith("-") || !/^[\w./@^~{}:+-]+$/.test(trimmed)) {
    throw new PolicyRefError(`"${ref}" is not a git ref (a branch, tag or commit)`);
  }
  const repo = repositoryRoot();
  let commit: string;
  try {
    commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${trimmed}^{commit}`], repo)
      .toString()
      .trim();
  } catch {
    throw new PolicyRefError(`git ref "${ref}" names no commit in ${repo}`);
  }
  const folder = path.relative(repo, POLICY_ROOT).split(path.sep).join("/") || ".";
  let archive: Buffer;
  try {
    archive = git(["archive", "--format=tar", commit, `${folder}/groups`, ...servicesAt(repo, commit, folder)], repo);
  } catch {
    throw new PolicyRefError(`commit ${commit.slice(0, 12)} (${ref}) has no ${folder}/groups folder`);
  }
  const root = freshRoot();
  try {
    // The archive holds <folder>/groups/…; strip <folder> so the copy is <root>/policies/groups.
    const strip = folder === "." ? 0 : folder.split("/").length;
    execFileSync("tar", ["-x", "-C", path.join(root, "policies"), `--strip-components=${strip}`], {
      input: archive,
      stdio: ["pipe", "ignore", "pipe"],
    });
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  return compileAt(root);
}

/** `<folder>/services` when that commit has it (older commits predate connected services). */
function servicesAt(repo: string, commit: string, folder: string): string[] {
  try {
    git(["cat-file", "-e", `${commit}:${folder}/services`], repo);
    return [`${folder}/services`];
  } catch {
    return [];
  }
}

export type PolicyFile = { name: string; text: string };

/**
 * The working tree's policies with these group files added or replaced (`<group>.yaml`), compiled.
 * A name that is not a group file's is a PolicyLoadError naming it; so is any file that does not
 * load (the loader names the file and the rule).
 */
export function compilePolicyFiles(files: readonly PolicyFile[]): CompiledPolicies {
  const seen = new Set<string>();
  for (const f of files) {
    if (!/^[a-z][a-z0-9_]*\.yaml$/.test(f.name)) {
      throw new PolicyLoadError(
        `policies/groups/${f.name}: a group file is named <group>.yaml (lower_snake_case), e.g. volunteer.yaml`,
      );
    }
    if (seen.has(f.name)) throw new PolicyLoadError(`policies/groups/${f.name}: given twice`);
    seen.add(f.name);
  }
  const root = freshRoot();
  try {
    cpSync(DEFAULT_POLICY_DIR, path.join(root, "policies", "groups"), { recursive: true });
    const services = path.join(POLICY_ROOT, "services");
    if (existsSync(services)) cpSync(services, path.join(root, "policies", "services"), { recursive: true });
    for (const f of files) writeFileSync(path.join(root, "policies", "groups", f.name), f.text);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  return compileAt(root);
}
