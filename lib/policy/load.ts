// Loads policies/groups/*.yaml, validates every file and rule, resolves `extends`, and keeps
// the result for the life of the process. Any unknown group, subject, action, field or
// placeholder, or an `extends` cycle, is a load error naming the file and the rule — never a
// silent allow. `npm start` and `npm test` both run this before anything else.
import { existsSync } from "node:fs";
import path from "node:path";
import { APP_ACTIONS, APP_SUBJECTS, GroupSchema, type GroupPolicy } from "./schema";
import {
  enumValuesOf,
  fieldsOf,
  PLACEHOLDERS,
  SUBJECT_ONLY_ACTIONS,
  WHERE_OPERATORS,
  type Action,
  type SubjectName,
} from "./subjects";
import {
  DEFAULT_SERVICE_POLICY_DIR,
  loadServicePolicies,
  parseServiceSubject,
  readYamlFile,
  yamlFilesIn,
  type ServicePolicies,
} from "./service-policies";
import { loadPersonalData, personalDataFileFor, type PersonalData } from "./personal-data";

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

/**
 * A rule about a connected service's resource types (`on: permits.permit`): kept apart from the
 * rules about our own records, so it never enters the ability lib/data filters with. The
 * service's decisions are built from these alone (serviceAbility in lib/policy/ability.ts).
 */
export type ServiceRuleTemplate = {
  inverted: boolean;
  /** Actions as policies/services/<service>.yaml declares them. */
  actions: string[];
  /** `<service>.<type>` names, all of one service. */
  subjects: string[];
  service: string;
  where?: Record<string, unknown>;
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
  /** Rules on connected services' resource types, in the same order. */
  serviceRules: ServiceRuleTemplate[];
  /** `privileged: true`: reviewed in every "privileged groups" access review. */
  privileged: boolean;
  /** `deprecated: true`: still works for its holders, refuses new grants (why: the reason). */
  deprecated?: { reason: string };
};

export type CompiledPolicies = {
  dir: string;
  groups: Map<string, CompiledGroup>;
  services: ServicePolicies;
  /** policies/personal-data.yaml: what no `query` rule may list, and the free text left out unless named. */
  personalData: PersonalData;
};

/** policies/services beside policies/groups. */
export function serviceDirFor(groupDir: string): string {
  return path.join(path.dirname(groupDir), "services");
}

const cache = new Map<string, CompiledPolicies>();

export function loadPolicies(dir: string = DEFAULT_POLICY_DIR): CompiledPolicies {
  const hit = cache.get(dir);
  if (hit) return hit;
  const compiled = compile(dir);
  cache.set(dir, compiled);
  return compiled;
}

function compile(dir: string): CompiledPolicies {
  const files = yamlFilesIn(dir);
  if (!files) throw new PolicyLoadError(`policy directory ${dir} cannot be read`);
  if (files.length === 0) throw new PolicyLoadError(`no policy files in ${dir}`);
  // A copy of the group files alone (a test's edited policies) still speaks of the project's services.
  const beside = serviceDirFor(dir);
  const services = loadServicePolicies(existsSync(beside) ? beside : DEFAULT_SERVICE_POLICY_DIR);
  const personalData = loadPersonalData(personalDataFileFor(dir), PolicyLoadError);

  const raw = new Map<string, { policy: GroupPolicy; file: string }>();
  for (const file of files) {
    const rel = path.join(path.basename(path.dirname(dir)), path.basename(dir), file);
    const doc = readYamlFile(dir, file, rel, PolicyLoadError);
    const parsed = GroupSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const [first, index] = issue.path;
      const where =
        first === "rules" && typeof index === "number"
          ? ` rule #${index + 1}`
          : issue.path.length
            ? ` ${issue.path.join(".")}`
            : "";
      throw new PolicyLoadError(`${rel}${where}: ${issue.message}`);
    }
    const policy = parsed.data;
    if (`${policy.group}.yaml` !== file && `${policy.group}.yml` !== file) {
      throw new PolicyLoadError(
        `${rel}: declares group "${policy.group}" but the file must be named ${policy.group}.yaml`,
      );
    }
    policy.rules.forEach((rule, i) => checkRule(rel, i, policy, rule, services));
    policy.rules.forEach((rule, i) => checkQueryRule(`${rel} rule #${i + 1}`, rule, personalData));
    raw.set(policy.group, { policy, file: rel });
  }

  const groups = new Map<string, CompiledGroup>();
  const resolving = new Set<string>();
  const resolve = (name: string, from: string): CompiledGroup => {
    const done = groups.get(name);
    if (done) return done;
    const entry = raw.get(name);
    if (!entry) throw new PolicyLoadError(`${from}: extends unknown group "${name}"`);
    if (resolving.has(name))
      throw new PolicyLoadError(`${entry.file}: extends cycle through ${[...resolving, name].join(" → ")}`);
    resolving.add(name);
    const inherited: RuleTemplate[] = [];
    const inheritedService: ServiceRuleTemplate[] = [];
    for (const parent of entry.policy.extends) {
      const p = resolve(parent, entry.file);
      if (p.scope !== entry.policy.scope) {
        throw new PolicyLoadError(
          `${entry.file}: a ${entry.policy.scope} group cannot extend the ${p.scope} group "${parent}"`,
        );
      }
      inherited.push(...p.rules);
      inheritedService.push(...p.serviceRules);
    }
    resolving.delete(name);
    const own: RuleTemplate[] = [];
    const ownService: ServiceRuleTemplate[] = [];
    entry.policy.rules.forEach((r, i) => {
      const common = {
        inverted: Boolean(r.cannot),
        ...(r.where ? { where: r.where } : {}),
        origin: `${path.basename(entry.file)}#${i + 1}`,
        ...(r.reason ? { note: r.reason } : {}),
      };
      const first = parseServiceSubject(r.on[0]!);
      if (first) {
        ownService.push({ ...common, actions: (r.can ?? r.cannot)!, subjects: r.on, service: first.service });
      } else {
        // checkRule has proven every name is one of ours.
        own.push({
          ...common,
          actions: (r.can ?? r.cannot)! as Action[],
          subjects: r.on as (SubjectName | "all")[],
          ...(r.fields ? { fields: r.fields } : {}),
        });
      }
    });
    const group: CompiledGroup = {
      name,
      label: entry.policy.label,
      description: entry.policy.description,
      scope: entry.policy.scope,
      file: entry.file,
      extends: entry.policy.extends,
      rules: [...inherited, ...own],
      serviceRules: [...inheritedService, ...ownService],
      privileged: entry.policy.privileged,
      ...(entry.policy.deprecated ? { deprecated: { reason: entry.policy.deprecationReason! } } : {}),
    };
    groups.set(name, group);
    return group;
  };
  for (const name of raw.keys()) resolve(name, raw.get(name)!.file);
  if (!groups.has("public")) throw new PolicyLoadError(`${dir}: the public group (anonymous visitors) is missing`);
  // One group defines what the clips schema holds (lib/clips); its extenders inherit it.
  const definers = [...raw.values()].filter((e) => e.policy.rules.some(namesQuery));
  if (definers.length > 1) {
    throw new PolicyLoadError(
      `${definers[1]!.file}: only one group may define \`query\` rules (the clips schema), and ${definers[0]!.file} already does`,
    );
  }
  return { dir, groups, services, personalData };
}

function checkRule(
  file: string,
  index: number,
  policy: GroupPolicy,
  rule: GroupPolicy["rules"][number],
  services: ServicePolicies,
) {
  const at = `${file} rule #${index + 1}`;
  const serviceSubjects = rule.on.filter((s) => parseServiceSubject(s));
  if (serviceSubjects.length > 0) {
    if (serviceSubjects.length !== rule.on.length) {
      throw new PolicyLoadError(`${at}: a rule is about our own records or about a service's resources, not both`);
    }
    checkServiceRule(at, policy, rule, services);
    return;
  }
  for (const s of rule.on) {
    if (!APP_SUBJECTS.includes(s)) {
      throw new PolicyLoadError(`${at}: unknown subject ${JSON.stringify(s)}; known: ${APP_SUBJECTS.join(", ")}`);
    }
  }
  for (const a of (rule.can ?? rule.cannot)!) {
    if (!APP_ACTIONS.includes(a)) {
      throw new PolicyLoadError(`${at}: unknown action ${JSON.stringify(a)}; known: ${APP_ACTIONS.join(", ")}`);
    }
  }
  const subjects = rule.on as (SubjectName | "all")[];
  for (const a of (rule.can ?? rule.cannot)!) {
    const only = SUBJECT_ONLY_ACTIONS[a as Action];
    const stray = only && subjects.find((s) => s !== "all" && !only.includes(s));
    if (stray) throw new PolicyLoadError(`${at}: "${a}" is only about ${only.join(", ")}, not ${stray}`);
  }
  if (subjects.includes("all") && (rule.fields || rule.where)) {
    throw new PolicyLoadError(`${at}: a rule on "all" cannot have fields or where`);
  }
  for (const s of subjects) {
    if (s === "all") continue;
    const known = fieldsOf(s);
    for (const f of rule.fields ?? []) {
      if (!known.includes(f)) throw new PolicyLoadError(`${at}: unknown field "${f}" for ${s}`);
    }
    if (rule.where) checkWhere(at, s, known, rule.where);
  }
  checkPlaceholders(at, policy, rule.where);
}

const namesQuery = (rule: GroupPolicy["rules"][number]) => (rule.can ?? rule.cannot)!.includes("query");

/**
 * `query` rules decide what exists in the clips schema (issue 21), where one view per record type
 * holds the municipality's rows: the row filter is the connected clips role's municipality, so the
 * rule's `where` must say exactly that, and its fields may never include a personal one
 * (policies/personal-data.yaml) — whatever else the file says.
 */
function checkQueryRule(at: string, rule: GroupPolicy["rules"][number], personalData: PersonalData) {
  if (!namesQuery(rule)) return;
  const where = rule.where;
  const exact =
    where !== undefined && Object.keys(where).length === 1 && where.municipalityId === "$membership.municipalityId";
  if (!exact) {
    throw new PolicyLoadError(
      `${at}: a query rule's where must be exactly { municipalityId: $membership.municipalityId } (a clips view holds the municipality's rows, no other filter)`,
    );
  }
  if (rule.cannot) return;
  for (const s of rule.on) {
    const personal = personalData.personal[s as keyof PersonalData["personal"]] ?? [];
    const named = (rule.fields ?? []).find((f) => personal.includes(f));
    if (named) {
      throw new PolicyLoadError(
        `${at}: ${s}.${named} is personal data (${personalData.file}); a query rule can never list it`,
      );
    }
  }
}

/**
 * A rule on `<service>.<type>`: every type declared in policies/services/<service>.yaml, all of
 * one service, actions among each type's, `where` on its attributes only. Services are for staff:
 * public-scope groups cannot grant them. `fields` has no meaning for a yes/no decision.
 */
function checkServiceRule(
  at: string,
  policy: GroupPolicy,
  rule: GroupPolicy["rules"][number],
  services: ServicePolicies,
) {
  if (policy.scope === "public")
    throw new PolicyLoadError(`${at}: a public-scope group cannot grant a service's resources`);
  if (rule.fields) throw new PolicyLoadError(`${at}: a rule on a service's resources has no fields`);
  const names = rule.on.map((s) => parseServiceSubject(s)!);
  if (new Set(names.map((n) => n.service)).size > 1)
    throw new PolicyLoadError(`${at}: one rule speaks about one service's resources`);
  for (const { service, type } of names) {
    const declared = services.get(service);
    if (!declared) {
      throw new PolicyLoadError(
        `${at}: unknown service "${service}"; declared in policies/services: ${[...services.keys()].join(", ") || "none"}`,
      );
    }
    const t = declared.resources.get(type);
    if (!t) {
      throw new PolicyLoadError(
        `${at}: unknown resource type "${type}" of service ${service}; known: ${[...declared.resources.keys()].join(", ")}`,
      );
    }
    for (const a of (rule.can ?? rule.cannot)!) {
      if (!t.actions.includes(a)) {
        throw new PolicyLoadError(
          `${at}: unknown action "${a}" for ${service}.${type}; known: ${t.actions.join(", ")}`,
        );
      }
    }
    if (rule.where) checkWhere(at, `${service}.${type}`, t.attributes, rule.where, "attribute");
  }
  checkPlaceholders(at, policy, rule.where);
}

function checkPlaceholders(at: string, policy: GroupPolicy, where: Record<string, unknown> | undefined) {
  walkPlaceholders(where, (p) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(p)) {
      throw new PolicyLoadError(`${at}: unknown placeholder "${p}"; known: ${PLACEHOLDERS.join(", ")}`);
    }
    if (p.startsWith("$membership.") && policy.scope !== "municipality") {
      throw new PolicyLoadError(`${at}: "${p}" is only available in municipality groups (this one is ${policy.scope})`);
    }
    // Anonymous visitors have no user; the public-scope citizen group does (citizen accounts).
    if (p.startsWith("$user.") && policy.group === "public") {
      throw new PolicyLoadError(`${at}: "${p}" is not available to the public group`);
    }
    if (p.startsWith("$tracking.") && policy.scope !== "public") {
      throw new PolicyLoadError(`${at}: "${p}" is only available in public-scope groups (this one is ${policy.scope})`);
    }
  });
}

const LIST_PLACEHOLDERS: readonly string[] = ["$membership.allowedCategories"];
const LIST_OPERATORS: readonly string[] = ["in", "notIn", "hasSome", "hasEvery"];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Walks a `where` the way @casl/prisma will: AND/OR/NOT nest, every other key must be a scalar
 * column of the subject, its value a literal, a placeholder or an object of known operators, and
 * enum columns only take values of their enum. Relation filters are not allowed: a policy speaks
 * about the row itself, so the same condition works in SQL and in memory.
 */
function checkWhere(
  at: string,
  s: string,
  known: readonly string[],
  where: Record<string, unknown>,
  // A service's resource type has attributes (what the service sends), no columns or enums.
  noun: "field" | "attribute" = "field",
): void {
  for (const [key, value] of Object.entries(where)) {
    if (key === "AND" || key === "OR" || key === "NOT") {
      const parts = Array.isArray(value) ? value : [value];
      if (key === "OR" && !Array.isArray(value))
        throw new PolicyLoadError(`${at}: where.OR must be a list of conditions`);
      for (const p of parts) {
        if (!isPlainObject(p))
          throw new PolicyLoadError(`${at}: where.${key} must hold conditions (objects), got ${JSON.stringify(p)}`);
        checkWhere(at, s, known, p, noun);
      }
      continue;
    }
    if (!known.includes(key)) throw new PolicyLoadError(`${at}: where uses unknown ${noun} "${key}" for ${s}`);
    const checkValue = (v: unknown, op?: string) => {
      // A list placeholder only makes sense as the operand of a list operator.
      if (typeof v === "string" && LIST_PLACEHOLDERS.includes(v) && !(op && LIST_OPERATORS.includes(op))) {
        throw new PolicyLoadError(`${at}: ${v} is a list; use it as { in: ${v} } (where.${key})`);
      }
      const values = noun === "field" ? enumValuesOf(s as SubjectName, key) : undefined;
      const list = Array.isArray(v) ? v : [v];
      for (const item of list) {
        if (typeof item === "string" && item.startsWith("$")) continue; // placeholders: checked below
        if (isPlainObject(item))
          throw new PolicyLoadError(`${at}: where.${key} has a nested object where a value belongs`);
        if (values && item !== null && !values.includes(String(item))) {
          throw new PolicyLoadError(
            `${at}: where.${key} has unknown value ${JSON.stringify(item)} for ${s}.${key}; known: ${values.join(", ")}`,
          );
        }
      }
    };
    if (isPlainObject(value)) {
      for (const [op, operand] of Object.entries(value)) {
        if (!(WHERE_OPERATORS as readonly string[]).includes(op)) {
          throw new PolicyLoadError(
            `${at}: where.${key} uses unknown operator "${op}"; known: ${WHERE_OPERATORS.join(", ")}`,
          );
        }
        if (op === "mode" || op === "isEmpty") continue;
        if (op === "not" && isPlainObject(operand)) checkWhere(at, s, known, { [key]: operand }, noun);
        else checkValue(operand, op);
      }
    } else {
      checkValue(value);
    }
  }
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
