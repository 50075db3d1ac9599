// "May this person do this, and why?" — in words, from the person's compiled CASL rules (each rule
// keeps its origin, "operator.yaml#3", as its CASL `reason`; ./load.ts keeps the policy file's own
// `reason` beside it). Two kinds of question:
// - about one record: CASL's own decision on that row, the rule that decided it (or, when none
//   did, which of the rules that could grant it the record misses, and how), and its fields;
// - about a record type (no record given): the conditions under which the person may act, each
//   applicable rule's `where` rendered with the real values (municipality and department by name,
//   categories and kinds by label, "assigned to them"), joined with "or", and the fields. Denied
//   only when no rule could ever apply, and then it says why.
// Pure: names and labels come in through `ExplainContext` (lib/people/explain.ts fills them from
// the database and the record registry); the admin console and `npm run policy:explain` both
// print what `explain` returns, so they give the same answer.
import type { RawRuleOf } from "@casl/ability";
import { createPrismaAbility, subjectOf, type AppAbility } from "./casl";
import { loadPolicies, type CompiledPolicies } from "./load";
import { ALL_CATEGORIES, fieldsOf, type Action, type SubjectName } from "./subjects";
import { subjectNoun } from "./summary";
import { partFieldLabel, REQUEST_FIELD_LABELS, REQUEST_PART_ONE } from "./subject-labels";

type Row = Record<string, unknown>;
type CaslRule = ReturnType<AppAbility["possibleRulesFor"]>[number];

/** How things are named on screen; lib/people/explain.ts gives the registry's labels and real names. */
export type ExplainWords = {
  municipality(id: string): string;
  /** A department as a phrase ("the Public works department"). */
  department(id: string): string;
  /** A field's label ("Internal notes"). */
  field(subject: SubjectName, field: string): string;
  /** An enum value's label ("STREET_LIGHTING" → "Street lighting"). */
  value(value: unknown): string;
  /** One record of the type ("service request"). */
  one(subject: SubjectName): string;
};

export type ExplainContext = {
  /** The person's name ("Olga Operator"); absent: an anonymous visitor. */
  person?: string;
  /** Names of the groups the person holds where the question is asked (plus platform groups). */
  groups?: readonly string[];
  /** The person's user id: conditions on it read as "assigned to them". */
  personId?: string;
  /** The request a tracking link opened (an anonymous visitor's): conditions on it read as words. */
  trackedRequestId?: string;
  /** The municipality asked about: rules about other municipalities are left out. */
  municipalityId?: string;
  /** How the record is named on screen ("RIV-00045"). */
  record?: string;
  policies?: CompiledPolicies;
  words?: Partial<ExplainWords>;
};

/** One rule, in words: whose it is, why it exists, what it is about, and where it is written. */
export type RuleRef = {
  origin: string;
  kind: "can" | "cannot";
  /** The label of the group whose file holds the rule ("Operator"). */
  group: string;
  /** The held group that includes it through `extends`, when that is another one. */
  via?: string;
  /** "policies/groups/operator.yaml" and the 1-based rule index, for those who want them. */
  file?: string;
  index?: number;
  /** Where it is written, in words: "policies/groups/operator.yaml, rule 3". */
  location: string;
  /** The policy file's `reason`, else a sentence generated from the rule. */
  reason: string;
  /** The records it is about ("service requests of Riverton in categories Roads, Street lighting"). */
  applies: string;
  /** "Granted by" or "Forbidden by": how the rule took part in the answer. */
  role: string;
  /** The location, and what the rule applies to when its reason does not say. */
  details: string;
};

export type FieldWhy = { field: string; label: string; why: string };
export type FieldAnswer = {
  action: Action;
  grantedTitle: string;
  withheldTitle: string;
  granted: FieldWhy[];
  withheld: FieldWhy[];
  /** Every field is withheld for this one reason (the action itself is not granted). */
  allWithheld?: string;
};

export type Explanation = {
  allowed: boolean;
  /** The answer in one sentence: "Allowed for …; fields: …" or "Denied: …". */
  text: string;
  /** Origin ("operator.yaml#3") of the deciding rule, if one rule decided. */
  rule: string | null;
  kind: "can" | "cannot" | "none";
  /** The rule(s) that decided: the one rule for a record, every granting rule for a type. */
  decidedBy: RuleRef[];
  fields: FieldAnswer;
};

const VERBS: Record<Action, [verb: string, gerund: string]> = {
  manage: ["manage", "managing"],
  read: ["read", "reading"],
  create: ["create", "creating"],
  update: ["update", "updating"],
  delete: ["delete", "deleting"],
  export: ["export", "exporting"],
  approve: ["approve", "approving"],
  suspend: ["suspend", "suspending"],
  access: ["access", "accessing"],
  query: ["query in clips", "querying in clips"],
};

const FIELD_TITLES: Partial<Record<Action, [string, string]>> = {
  read: ["Fields they see", "Fields hidden from them"],
  update: ["Fields they may change", "Fields they may not change"],
  create: ["Fields they may fill in", "Fields they may not fill in"],
};

const DEFAULT_WORDS: ExplainWords = {
  municipality: () => "their municipality",
  department: () => "their department",
  field: (s, f) =>
    partFieldLabel(s, f) ??
    REQUEST_FIELD_LABELS[f] ??
    f
      .replace(/Id$/, "")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase()),
  value: (v) =>
    String(v)
      .replaceAll("_", " ")
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase()),
  one: (s) => (REQUEST_PART_ONE as Record<string, string>)[s] ?? subjectNoun(s).replace(/s$/, ""),
};

const isObject = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);
/** "Internal notes" → "internal notes" inside a sentence; "URL" stays. */
const inSentence = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const joinAnd = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
const unique = <T>(items: T[]) => [...new Set(items)];
const possessive = (name: string) => `${name}'s`;

/** Everything one explanation needs, resolved once. */
type Env = {
  ability: AppAbility;
  subject: SubjectName;
  ctx: ExplainContext;
  w: ExplainWords;
  policies: CompiledPolicies;
};

/** The column that places a record in a municipality ("id" on Municipality itself). */
const muniKey = (s: SubjectName) => (s === "Municipality" ? "id" : "municipalityId");
const conditionsOf = (r: CaslRule): Row => (r.conditions as Row | undefined) ?? {};
/** CASL numbers rules from the last one (priority 0, it wins): is `a` written after `b`? */
const after = (a: CaslRule, b: CaslRule) => a.priority < b.priority;

// ─── Conditions in words ────────────────────────────────────────────────

type Part = { key: string; text: string; cond: Row };
type Scope = { muni: string | null; parts: Part[] };

function partText(env: Env, key: string, v: unknown): string | null {
  const { w, subject } = env;
  const self = env.ctx.personId !== undefined && v === env.ctx.personId;
  const sub = (c: unknown) => conditionText(env, isObject(c) ? c : {});
  if (key === "AND") return (Array.isArray(v) ? v : [v]).map(sub).join(" and ");
  if (key === "OR") return `either ${(Array.isArray(v) ? v : [v]).map(sub).join(" or ")}`;
  if (key === "NOT") return `not ${(Array.isArray(v) ? v : [v]).map(sub).join(" and ")}`;
  if (key === "assigneeId")
    return self ? "assigned to them" : v === null ? "not assigned to anyone" : "assigned to someone else";
  if (key === "createdById" && self) return "created by them";
  if (key === "proposedById" && self) return "they proposed";
  // A request's parts and the citizen group: their own reports, follows and uploads, a tracking link's request.
  const tracked = env.ctx.trackedRequestId !== undefined && v === env.ctx.trackedRequestId;
  if (key === "id" && tracked && subject === "ServiceRequest") return "opened by their tracking link";
  if (key === "requestId" && tracked) return "of the request their tracking link opens";
  if (key === "reporterUserId" && self)
    return subject === "ServiceRequest" ? "that they reported" : "of their own reports";
  if (key === "uploadedById" && self) return "they uploaded";
  if (key === "userId" && self && subject === "RequestFollower") return "of their own";
  if (key === "onPublicRequest" && typeof v === "boolean")
    return v ? "of public requests" : "of requests that are not public";
  if (key === "isPublished" && typeof v === "boolean") return v ? "that are published" : "that are not published";
  if (key === "userId" && self) return "about themselves";
  if (key === "departmentId" && (typeof v === "string" || v === null))
    return v === null ? "in no department" : `in ${w.department(v)}`;
  if (key === "isPublic" && typeof v === "boolean") return v ? "that are public" : "that are not public";
  if ((key === "visibility" || key === "scope") && typeof v === "string")
    return `that are ${inSentence(w.value(v)).toLowerCase()}`;
  if (key === "archivedAt" && (v === null || (isObject(v) && v.not === null)))
    return v === null ? "not archived" : "archived";
  const name = inSentence(w.field(subject, key));
  const labels = (list: unknown) => (Array.isArray(list) ? list : [list]).map((x) => w.value(x));
  // "in categories Roads, Street lighting", "of kinds Historic area, Character area".
  const listed = (values: unknown) => {
    const l = labels(values);
    if (key === "category") return `in ${l.length === 1 ? "category" : "categories"} ${l.join(", ")}`;
    if (key === "kind") return `of ${l.length === 1 ? "kind" : "kinds"} ${l.join(", ")}`;
    return `with ${name} ${l.join(", ")}`;
  };
  if (!isObject(v)) return v === null ? `without ${name}` : listed(v);
  const out: string[] = [];
  for (const [op, operand] of Object.entries(v)) {
    if (op === "mode") continue;
    if (op === "in" || op === "equals") {
      // An operator without category restrictions holds every category: nothing worth saying.
      if (key === "category" && Array.isArray(operand) && ALL_CATEGORIES.every((c) => operand.includes(c))) continue;
      out.push(listed(operand));
    } else if (op === "notIn" || op === "not") out.push(`with ${name} other than ${labels(operand).join(", ")}`);
    else if (op === "has" || op === "hasSome") out.push(`whose ${name} include ${labels(operand).join(" or ")}`);
    else if (op === "hasEvery") out.push(`whose ${name} include ${joinAnd(labels(operand))}`);
    else out.push(`with ${name} ${op} ${labels(operand).join(", ")}`);
  }
  return out.length ? out.join(" and ") : null;
}

function partsOf(env: Env, conditions: Row): Part[] {
  return Object.entries(conditions).flatMap(([key, value]) => {
    if (key === muniKey(env.subject) && typeof value === "string") return [];
    const text = partText(env, key, value);
    return text ? [{ key, text, cond: { [key]: value } }] : [];
  });
}

function conditionText(env: Env, conditions: Row): string {
  return partsOf(env, conditions)
    .map((p) => p.text)
    .join(" and ");
}

function scopeOf(env: Env, rule: CaslRule): Scope {
  const c = conditionsOf(rule);
  const m = c[muniKey(env.subject)];
  // The question is about one municipality's records: a rule that names none applies there too.
  return { muni: typeof m === "string" ? m : (env.ctx.municipalityId ?? null), parts: partsOf(env, c) };
}

/** "service requests of Riverton" — the subject and where its records are. */
function head(env: Env, muni: string | null): string {
  const { subject, w } = env;
  const plural = subjectNoun(subject);
  if (subject === "Municipality") return muni ? `the municipality ${w.municipality(muni)}` : plural;
  if (!fieldsOf(subject).includes("municipalityId")) return plural;
  return `${plural} of ${muni ? w.municipality(muni) : "every municipality"}`;
}

/** The records several rules are about, joined with "or": "… of Riverton in categories …, or assigned to them". */
function scopesText(env: Env, rules: CaslRule[]): string {
  // A rule whose conditions include another's says nothing more ("public and of kinds …" beside "of kinds …").
  const said = rules.filter(
    (r, i) => !rules.some((o, j) => j !== i && covers(env, o, r) && (!covers(env, r, o) || j < i)),
  );
  const byMuni = new Map<string | null, Scope[]>();
  for (const r of said) {
    const s = scopeOf(env, r);
    byMuni.set(s.muni, [...(byMuni.get(s.muni) ?? []), s]);
  }
  return [...byMuni.entries()]
    .map(([muni, scopes]) => {
      // One rule without further conditions covers the municipality's every record.
      if (scopes.some((s) => s.parts.length === 0)) return head(env, muni);
      return `${head(env, muni)} ${unique(scopes.map((s) => s.parts.map((p) => p.text).join(" and "))).join(", or ")}`;
    })
    .join(", or ");
}

// ─── Rules ──────────────────────────────────────────────────────────────

const ORIGIN = /^(.+)\.ya?ml#(\d+)$/;

function verbPhrase(env: Env, action: Action, fields: string[] | undefined): string {
  const [verb] = VERBS[action];
  if (!fields) return verb;
  if (fields.length <= 4)
    return `${verb} the ${joinAnd(fields.map((f) => inSentence(env.w.field(env.subject, f))))} of`;
  return action === "read" ? "see a limited view of" : `${verb} ${fields.length} fields of`;
}

function ruleRef(env: Env, rule: CaslRule, action: Action): RuleRef {
  const origin = rule.reason ?? "";
  const m = ORIGIN.exec(origin);
  const group = m ? env.policies.groups.get(m[1]!) : undefined;
  const template = group?.rules.find((r) => r.origin === origin);
  const held = env.ctx.groups ?? [];
  const via =
    group && held.length && !held.includes(group.name)
      ? held.map((g) => env.policies.groups.get(g)).find((g) => g?.rules.some((r) => r.origin === origin))?.label
      : undefined;
  const scope = scopeOf(env, rule);
  const applies = scopesText(env, [rule]);
  const fields = rule.fields as string[] | undefined;
  const generated = rule.inverted
    ? `may never ${verbPhrase(env, action, fields)} ${applies}`
    : `may ${verbPhrase(env, action, fields)} ${applies}`;
  // The module switch (./ability.ts) is the municipality's setting, not a policy file.
  const moduleOff = !group && rule.inverted && origin.startsWith("module switched off");
  const reason =
    template?.note ??
    (moduleOff
      ? `the ${subjectNoun(env.subject)} module is switched off in ${scope.muni ? env.w.municipality(scope.muni) : "this municipality"}`
      : generated);
  const location = group ? `${group.file}, rule ${m![2]}` : "the municipality's module settings";
  return {
    origin,
    kind: rule.inverted ? "cannot" : "can",
    group: group?.label ?? (moduleOff ? "Municipality settings" : "Policy"),
    ...(via ? { via } : {}),
    ...(group ? { file: group.file, index: Number(m![2]) } : {}),
    location,
    reason,
    applies,
    role: rule.inverted ? "Forbidden by" : "Granted by",
    details: reason.includes(applies) ? location : `${location}; applies to ${applies}`,
  };
}

/** "Operator rule 3", "Operator rules 3 and 6; Viewer rule 1". */
function shortRefs(refs: RuleRef[]): string {
  const byGroup = new Map<string, number[]>();
  for (const r of refs) {
    if (r.index === undefined) byGroup.set(r.group, byGroup.get(r.group) ?? []);
    else byGroup.set(r.group, unique([...(byGroup.get(r.group) ?? []), r.index]));
  }
  return [...byGroup.entries()]
    .map(([g, ix]) => (ix.length ? `${g} rule${ix.length > 1 ? "s" : ""} ${joinAnd(ix.map(String))}` : g))
    .join("; ");
}

/** Does this condition (one key of a rule) hold for the row? Evaluated by CASL, as the decision is. */
function holds(subject: SubjectName, cond: Row, row: Row): boolean {
  const probe = createPrismaAbility<AppAbility>([
    { action: "read", subject, conditions: cond } as RawRuleOf<AppAbility>,
  ]);
  return probe.can("read", subjectOf(subject, row));
}

/** A `cannot` without fields whose every condition the `can` rule also has: it takes the whole rule away. */
function covers(env: Env, cannot: CaslRule, can: CaslRule): boolean {
  const c = conditionsOf(can);
  return Object.entries(conditionsOf(cannot)).every(
    ([k, v]) =>
      JSON.stringify(c[k]) === JSON.stringify(v) || (k === muniKey(env.subject) && v === env.ctx.municipalityId),
  );
}

/** The rules for the action on the type that can apply where the question is asked, in file order. */
function applicableRules(env: Env, action: Action): CaslRule[] {
  const m = env.ctx.municipalityId;
  return [...env.ability.possibleRulesFor(action, env.subject)]
    .filter((r) => {
      const own = conditionsOf(r)[muniKey(env.subject)];
      return !(m && typeof own === "string" && own !== m);
    })
    .sort((a, b) => b.priority - a.priority);
}

type Granting = { cans: CaslRule[]; blockedBy: CaslRule | null; exceptions: CaslRule[]; rules: CaslRule[] };

/**
 * Which rules grant the action, after the `cannot` rules defined after them: a `cannot` with the
 * same conditions (or fewer) takes a rule away entirely; one with other conditions is an exception.
 */
function granting(env: Env, action: Action): Granting {
  const rules = applicableRules(env, action);
  const vetoes = rules.filter((r) => r.inverted && !r.fields);
  const blocker = (can: CaslRule) => vetoes.filter((c) => after(c, can) && covers(env, c, can)).at(-1) ?? null;
  // The person's own groups first; what everyone may (the public group) last.
  const everyone = (r: CaslRule) => (r.reason?.startsWith("public.yaml#") ? 1 : 0);
  const cans = rules.filter((r) => !r.inverted && !blocker(r)).sort((a, b) => everyone(a) - everyone(b));
  const blockedBy = cans.length
    ? null
    : (rules
        .filter((r) => !r.inverted)
        .map(blocker)
        .at(-1) ?? null);
  const exceptions = vetoes.filter((c) => cans.some((can) => after(c, can)));
  return { cans, blockedBy, exceptions, rules };
}

/** Field rules (`cannot … fields:`) that take a field away from a granting rule defined before them. */
function fieldVeto(rules: CaslRule[], can: CaslRule, field: string): CaslRule | undefined {
  return rules.find((c) => c.inverted && c.fields?.includes(field) && after(c, can));
}

// ─── Answers ────────────────────────────────────────────────────────────

function noGroupGrants(env: Env, what: string): string {
  const { person } = env.ctx;
  const labels = (env.ctx.groups ?? [])
    .filter((g) => g !== "public")
    .map((g) => env.policies.groups.get(g)?.label ?? g);
  if (!person && env.ctx.trackedRequestId)
    return `no rule of the public group or of their tracking link grants ${what}`;
  if (!person) return `no rule of the public group grants ${what}`;
  if (!labels.length) return `${person} holds no group here, and no public rule grants ${what}`;
  return `none of ${possessive(person)} groups (${labels.join(", ")}) grants ${what}`;
}

const fieldAction = (action: Action): Action => (FIELD_TITLES[action] ? action : "read");

function fieldAnswer(env: Env, action: Action, granted: FieldWhy[], withheld: FieldWhy[]): FieldAnswer {
  const [g, h] = FIELD_TITLES[action]!;
  const reasons = unique(withheld.map((f) => f.why));
  const all = !granted.length && reasons.length === 1 ? { allWithheld: reasons[0]! } : {};
  return { action, grantedTitle: g, withheldTitle: h, granted, withheld, ...all };
}

function fieldList(f: FieldAnswer): string {
  if (!f.granted.length) return "none";
  return f.withheld.length ? f.granted.map((x) => inSentence(x.label)).join(", ") : "all";
}

function typeFields(env: Env, action: Action): FieldAnswer {
  const { cans, rules } = granting(env, action);
  const refs = (rs: CaslRule[]) => shortRefs(rs.map((r) => ruleRef(env, r, action)));
  const granted: FieldWhy[] = [];
  const withheld: FieldWhy[] = [];
  const [, gerund] = VERBS[action];
  for (const field of fieldsOf(env.subject)) {
    const label = env.w.field(env.subject, field);
    const by = cans.filter((r) => (!r.fields || r.fields.includes(field)) && !fieldVeto(rules, r, field));
    if (by.length) {
      const only = by.length < cans.length ? `, only for ${scopesText(env, by)}` : "";
      granted.push({ field, label, why: `${refs(by)}${only}` });
      continue;
    }
    const veto = cans.map((r) => fieldVeto(rules, r, field)).find(Boolean);
    withheld.push({
      field,
      label,
      why: veto
        ? `restricted by ${refs([veto])}: ${ruleRef(env, veto, action).reason}`
        : cans.length
          ? `not among the fields of ${refs(cans)}`
          : `no rule grants ${gerund} ${subjectNoun(env.subject)}`,
    });
  }
  return fieldAnswer(env, action, granted, withheld);
}

function recordFields(env: Env, action: Action, row: Row): FieldAnswer {
  const s = subjectOf(env.subject, row);
  const granted: FieldWhy[] = [];
  const withheld: FieldWhy[] = [];
  const [, gerund] = VERBS[action];
  const matching = env.ability
    .rulesFor(action, env.subject)
    .filter((r) => !r.inverted && r.matchesConditions(s as never))
    .map((r) => ruleRef(env, r, action));
  for (const field of fieldsOf(env.subject)) {
    const label = env.w.field(env.subject, field);
    const rule = env.ability.relevantRuleFor(action, s, field);
    if (env.ability.can(action, s, field) && rule) {
      granted.push({ field, label, why: shortRefs([ruleRef(env, rule, action)]) });
      continue;
    }
    const ref = rule?.inverted ? ruleRef(env, rule, action) : null;
    withheld.push({
      field,
      label,
      why: ref
        ? `restricted by ${shortRefs([ref])}: ${ref.reason}`
        : matching.length
          ? `not among the fields of ${shortRefs(matching)}`
          : `no rule grants ${gerund} this ${env.w.one(env.subject)}`,
    });
  }
  return fieldAnswer(env, action, granted, withheld);
}

function explainType(env: Env, action: Action, field?: string): Explanation {
  const [, gerund] = VERBS[action];
  const g = granting(env, action);
  const fa = fieldAction(action);
  const fields = typeFields(env, fa);
  if (!g.cans.length) {
    const ref = g.blockedBy ? ruleRef(env, g.blockedBy, action) : null;
    return {
      allowed: false,
      text: ref
        ? `Denied by ${ref.group}: ${ref.reason}`
        : `Denied: ${noGroupGrants(env, `${gerund} ${subjectNoun(env.subject)}`)}`,
      rule: ref?.origin ?? null,
      kind: ref ? "cannot" : "none",
      decidedBy: ref ? [ref] : [],
      fields,
    };
  }
  const refs = g.cans.map((r) => ruleRef(env, r, action));
  // `cannot` rules with conditions of their own carve exceptions out ("except those they proposed").
  const except = g.exceptions.map((c) => {
    const said = conditionText(env, conditionsOf(c));
    return `; except ${said ? `those ${said}` : head(env, scopeOf(env, c).muni)}`;
  });
  const onField = field ? fields.granted.some((f) => f.field === field) : true;
  const fieldText = fa === action ? `; fields: ${fieldList(fields)}` : "";
  const text = onField
    ? `Allowed for ${scopesText(env, g.cans)}${except.join("")}${fieldText}`
    : `Denied: ${noGroupGrants(env, `${gerund} the ${inSentence(env.w.field(env.subject, field!))} of ${subjectNoun(env.subject)}`)}`;
  return {
    allowed: onField,
    text,
    rule: refs[0]!.origin,
    kind: "can",
    decidedBy: unique(refs.map((r) => r.origin)).map((o) => refs.find((r) => r.origin === o)!),
    fields,
  };
}

/** Why a record none of the granting rules match is out: "in category Waste and not assigned to anyone". */
function howItDiffers(env: Env, cans: CaslRule[], row: Row): string {
  const { w } = env;
  const keys: string[] = [];
  for (const r of cans) {
    const c = conditionsOf(r);
    for (const [k, v] of Object.entries(c)) if (!holds(env.subject, { [k]: v }, row)) keys.push(k);
  }
  return joinAnd(
    unique(keys).map((k) => {
      const v = row[k];
      if (k === muniKey(env.subject)) return `in ${typeof v === "string" ? w.municipality(v) : "no municipality"}`;
      const said = partText(env, k, v === undefined ? null : k === "category" || k === "kind" ? { in: [v] } : v);
      return said?.replace(/^that are /, "") ?? `${inSentence(w.field(env.subject, k))} ${w.value(v)}`;
    }),
  );
}

function explainRecord(env: Env, action: Action, row: Row, field?: string): Explanation {
  const { ability, subject, ctx, w } = env;
  const [verb, gerund] = VERBS[action];
  const s = subjectOf(subject, row);
  const named = `${w.one(subject)} ${ctx.record ?? String(row.reference ?? row.id ?? "")}`.trim();
  const who = ctx.person ?? "An anonymous visitor";
  const fa = fieldAction(action);
  const fields = recordFields(env, fa, row);
  const allowed = ability.can(action, s, field);
  const rule = ability.relevantRuleFor(action, s, field);
  const ref = rule ? ruleRef(env, rule, action) : null;
  const base = {
    allowed,
    rule: ref?.origin ?? null,
    kind: ref?.kind ?? ("none" as const),
    decidedBy: ref ? [ref] : [],
    fields,
  };
  const fieldName = field ? inSentence(w.field(subject, field)) : "";
  if (allowed) {
    const text = field
      ? `Allowed: ${who} may ${verb} the ${fieldName} of ${named}`
      : `Allowed: ${who} may ${verb} ${named}${fa === action ? `; fields: ${fieldList(fields)}` : ""}`;
    return { ...base, text };
  }
  if (ref) return { ...base, text: `Denied by ${ref.group}: ${ref.reason}` };
  if (field && ability.can(action, s)) {
    const without = ability.relevantRuleFor(action, s);
    return {
      ...base,
      decidedBy: without ? [ruleRef(env, without, action)] : [],
      text: `Denied: ${who} may ${verb} ${named}, but not its ${fieldName}: no rule grants that field`,
    };
  }
  const here = {
    ...env,
    ctx: { ...ctx, municipalityId: typeof row.municipalityId === "string" ? row.municipalityId : ctx.municipalityId },
  };
  const { cans } = granting(here, action);
  const none = noGroupGrants(env, `${gerund} ${named}`);
  if (!cans.length) return { ...base, text: `Denied: ${none}` };
  return {
    ...base,
    text: `Denied: ${none}: they may ${verb} ${scopesText(here, cans)}, and this one is ${howItDiffers(here, cans, row)}`,
  };
}

/**
 * May the holder of `ability` do `action` on a record of `subjectType` (on `row`, when given), and
 * why? Without a row: the conditions under which they may.
 */
export function explain(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  row?: Row,
  field?: string,
  ctx: ExplainContext = {},
): Explanation {
  const env: Env = {
    ability,
    subject: subjectType,
    ctx,
    w: { ...DEFAULT_WORDS, ...ctx.words },
    policies: ctx.policies ?? loadPolicies(),
  };
  return row ? explainRecord(env, action, row, field) : explainType(env, action, field);
}

/** The explanation as lines of text: what `npm run policy:explain` prints, and what the page shows. */
export function explanationLines(e: Explanation): string[] {
  const lines = [e.text];
  for (const r of e.decidedBy)
    lines.push(`${r.role} ${r.group}${r.via ? ` (through ${r.via})` : ""}: ${r.reason} (${r.details})`);
  const list = (title: string, items: FieldWhy[]) =>
    items.length ? [`${title}:`, ...items.map((f) => `  - ${f.label}: ${f.why}`)] : [];
  const f = e.fields;
  if (f.allWithheld) lines.push(`${f.withheldTitle}: all — ${f.allWithheld}`);
  else lines.push(...list(f.grantedTitle, f.granted), ...list(f.withheldTitle, f.withheld));
  return lines;
}
