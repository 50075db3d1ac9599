// Loads policies/groups/*.yaml, validates every file and rule, resolves `extends`, and keeps
// the result for the life of the process. Any unknown group, subject, action, field or
// placeholder, or an `extends` cycle, is a load error naming the file and the rule — never a
// silent allow. `npm start` and `npm test` both run this before anything else.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { GroupSchema, type GroupPolicy } from "./schema";
import { fieldsOf, PLACEHOLDERS, type Action, type SubjectName } from "./subjects";

export const DEFAULT_POLICY_DIR = path.join(process.cwd(), "policies", "groups");

export class PolicyLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyLoadError";
  }
}

/** One rule as written, with placeholders still unresolved. `origin` is "<file>#<1-based index>". */
export type RuleTemplate = {
  inverted: boolean;
  actions: Action[];
  subjects: (SubjectName | "all")[];
  where?: Record<string, unknown>;
  fields?: string[];
  origin: string;
  note?: string;
};

export type CompiledGroup = {
  name: string;
  label: string;
  description?: string;
  scope: GroupPolicy["scope"];
  file: string;
  extends: string[];
  /** Inherited rules first, then the group's own, so its own `cannot` rules win. */
  rules: RuleTemplate[];
};

export type CompiledPolicies = { dir: string; groups: Map<string, CompiledGroup> };

const cache = new Map<string, CompiledPolicies>();

export function loadPolicies(dir: string = DEFAULT_POLICY_DIR): CompiledPolicies {
  const hit = cache.get(dir);
  if (hit) return hit;
  const compiled = compile(dir);
  cache.set(dir, compiled);
  return compiled;
}

function compile(dir: string): CompiledPolicies {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  } catch {
    throw new PolicyLoadError(`policy directory ${dir} cannot be read`);
  }
  if (files.length === 0) throw new PolicyLoadError(`no policy files in ${dir}`);

  const raw = new Map<string, { policy: GroupPolicy; file: string }>();
  for (const file of files) {
    const rel = path.join(path.basename(path.dirname(dir)), path.basename(dir), file);
    let doc: unknown;
    try {
      doc = parse(readFileSync(path.join(dir, file), "utf8"));
    } catch (e) {
      throw new PolicyLoadError(`${rel}: not valid YAML: ${(e as Error).message}`);
    }
    const parsed = GroupSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const [first, index] = issue.path;
      const where = first === "rules" && typeof index === "number" ? ` rule #${index + 1}` : issue.path.length ? ` ${issue.path.join(".")}` : "";
      throw new PolicyLoadError(`${rel}${where}: ${issue.message}`);
    }
    const policy = parsed.data;
    if (`${policy.group}.yaml` !== file && `${policy.group}.yml` !== file) {
      throw new PolicyLoadError(`${rel}: declares group "${policy.group}" but the file must be named ${policy.group}.yaml`);
    }
    policy.rules.forEach((rule, i) => checkRule(rel, i, policy, rule));
    raw.set(policy.group, { policy, file: rel });
  }

  const groups = new Map<string, CompiledGroup>();
  const resolving = new Set<string>();
  const resolve = (name: string, from: string): CompiledGroup => {
    const done = groups.get(name);
    if (done) return done;
    const entry = raw.get(name);
    if (!entry) throw new PolicyLoadError(`${from}: extends unknown group "${name}"`);
    if (resolving.has(name)) throw new PolicyLoadError(`${entry.file}: extends cycle through ${[...resolving, name].join(" → ")}`);
    resolving.add(name);
    const inherited: RuleTemplate[] = [];
    for (const parent of entry.policy.extends) {
      const p = resolve(parent, entry.file);
      if (p.scope !== entry.policy.scope) {
        throw new PolicyLoadError(`${entry.file}: a ${entry.policy.scope} group cannot extend the ${p.scope} group "${parent}"`);
      }
      inherited.push(...p.rules);
    }
    resolving.delete(name);
    const own: RuleTemplate[] = entry.policy.rules.map((r, i) => ({
      inverted: Boolean(r.cannot),
      actions: (r.can ?? r.cannot)!,
      subjects: r.on,
      ...(r.where ? { where: r.where } : {}),
      ...(r.fields ? { fields: r.fields } : {}),
      origin: `${path.basename(entry.file)}#${i + 1}`,
      ...(r.reason ? { note: r.reason } : {}),
    }));
    const group: CompiledGroup = {
      name,
      label: entry.policy.label,
      description: entry.policy.description,
      scope: entry.policy.scope,
      file: entry.file,
      extends: entry.policy.extends,
      rules: [...inherited, ...own],
    };
    groups.set(name, group);
    return group;
  };
  for (const name of raw.keys()) resolve(name, raw.get(name)!.file);
  if (!groups.has("public")) throw new PolicyLoadError(`${dir}: the public group (anonymous visitors) is missing`);
  return { dir, groups };
}

function checkRule(file: string, index: number, policy: GroupPolicy, rule: GroupPolicy["rules"][number]) {
  const at = `${file} rule #${index + 1}`;
  const subjects = rule.on;
  if (subjects.includes("all") && (rule.fields || rule.where)) {
    throw new PolicyLoadError(`${at}: a rule on "all" cannot have fields or where`);
  }
  for (const s of subjects) {
    if (s === "all") continue;
    const known = fieldsOf(s);
    for (const f of rule.fields ?? []) {
      if (!known.includes(f)) throw new PolicyLoadError(`${at}: unknown field "${f}" for ${s}`);
    }
    for (const key of Object.keys(rule.where ?? {})) {
      if (!["AND", "OR", "NOT"].includes(key) && !known.includes(key)) {
        throw new PolicyLoadError(`${at}: where uses unknown field "${key}" for ${s}`);
      }
    }
  }
  walkPlaceholders(rule.where, (p) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(p)) {
      throw new PolicyLoadError(`${at}: unknown placeholder "${p}"; known: ${PLACEHOLDERS.join(", ")}`);
    }
    if (p.startsWith("$membership.") && policy.scope !== "municipality") {
      throw new PolicyLoadError(`${at}: "${p}" is only available in municipality groups (this one is ${policy.scope})`);
    }
    if (p.startsWith("$user.") && policy.scope === "public") {
      throw new PolicyLoadError(`${at}: "${p}" is not available to the public group`);
    }
  });
}

function walkPlaceholders(value: unknown, visit: (p: string) => void): void {
  if (typeof value === "string") {
    if (value.startsWith("$")) visit(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => walkPlaceholders(v, visit));
  } else if (value && typeof value === "object") {
    Object.values(value).forEach((v) => walkPlaceholders(v, visit));
  }
}

/** Names of groups a membership or user may hold (for validation of invitations, SSO maps). */
export function groupNames(scope?: GroupPolicy["scope"]): string[] {
  return [...loadPolicies().groups.values()].filter((g) => !scope || g.scope === scope).map((g) => g.name);
}
