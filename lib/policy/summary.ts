// What a group "will be able to" do, in a sentence, generated from its policy file (issue 16): the
// group pickers (invite, bulk invite, change access) show it beside the group's label and
// description, so an administrator choosing a group reads what the rules grant, not what someone
// once wrote about them. Generated, never hand-written: change a rule and the sentence follows.
// Each allowing rule becomes "<verbs> <subjects> <condition>"; rules that share the subject and
// condition merge their verbs, phrases that share verbs and condition merge their subjects. The
// membership's own municipality is implied (a municipality group works there only); conditions
// on the person (their categories, department, assignments) and on the record (public, kinds)
// read as words. `cannot` rules without a field list read as "never …".
import { loadPolicies, type CompiledGroup, type CompiledPolicies, type RuleTemplate } from "./load";
import type { Action, SubjectName } from "./subjects";
import { partFieldLabel, REQUEST_FIELD_LABELS, SUBJECT_WORDS } from "./subject-labels";

export type GroupChoice = {
  name: string;
  label: string;
  description?: string;
  summary: string;
  /** Set when the group file deprecates it: why (nobody is given it any more; holders keep it). */
  deprecated?: string;
};

const VERBS: Record<Action, string> = {
  manage: "manage",
  read: "see",
  create: "create",
  update: "update",
  delete: "delete",
  export: "export",
  approve: "approve",
  suspend: "suspend",
  access: "use",
  query: "query (in clips)",
};

const SUBJECTS = SUBJECT_WORDS;

/** An action in plain words, as the summaries say it ("read" → "see"). */
export function actionWord(action: string): string {
  return (VERBS as Record<string, string>)[action] ?? action;
}

/** "internalNotes" → "internal notes", "assigneeId" → "assignee"; a request's new fields by their labels. */
function words(field: string, subject?: SubjectName | "all"): string {
  const own = (subject && partFieldLabel(subject, field)) ?? REQUEST_FIELD_LABELS[field];
  if (own) return own.toLowerCase();
  return field
    .replace(/Id$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/** Field rules that read better as one verb: staff publish photos, citizens unsubscribe. */
const FIELD_VERBS: { subject: SubjectName | "all"; action: Action; fields: string[]; verb: string }[] = [
  {
    subject: "RequestPhoto",
    action: "update",
    fields: ["isPublished", "publishedAt", "publishedById"],
    verb: "publish",
  },
  { subject: "RequestFollower", action: "update", fields: ["unsubscribedAt"], verb: "unsubscribe" },
];

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The record's own municipality (implied by the group's scope) is not worth saying. */
const IMPLIED = new Set(["$membership.municipalityId"]);

/** A rule's `where` as words, e.g. "in their categories, assigned to them". */
function condition(where: Record<string, unknown> | undefined, subject: SubjectName | "all"): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where ?? {})) {
    const v = value as unknown;
    if ((key === "municipalityId" || key === "id") && typeof v === "string" && IMPLIED.has(v)) continue;
    // `access` on Service names the service by its slug: said in the subject ("the permits service").
    if (key === "slug" && subject === "Service") continue;
    // The citizen group (policies/groups/citizen.yaml): a tracking link's request, their own reports.
    if (key === "id" && v === "$tracking.requestId") parts.push("opened by their tracking link");
    else if (key === "requestId" && v === "$tracking.requestId") parts.push("of the request their tracking link opens");
    else if (key === "reporterUserId" && v === "$user.id")
      parts.push(subject === "ServiceRequest" ? "that they reported" : "of their own reports");
    else if (key === "uploadedById" && v === "$user.id") parts.push("they uploaded");
    else if (key === "userId" && v === "$user.id" && subject === "RequestFollower") parts.push("of their own");
    else if (key === "onPublicRequest" && v === true) parts.push("of public requests");
    else if (key === "isPublished" && v === true) parts.push("that are published");
    else if (key === "category" && JSON.stringify(v).includes("$membership.allowedCategories"))
      parts.push("in their categories");
    else if (key === "departmentId" && v === "$membership.departmentId") parts.push("in their department");
    else if (key === "assigneeId" && v === "$user.id") parts.push("assigned to them");
    else if ((key === "isPublic" && v === true) || (key === "visibility" && v === "PUBLIC"))
      parts.push("that are public");
    else if (key === "scope" && v === "public") parts.push("that are public");
    else if (key === "archivedAt" && v === null) parts.push("not archived");
    else if (key === "kind" && v && typeof v === "object" && Array.isArray((v as { in?: unknown }).in))
      parts.push(
        `of the kinds ${joinAnd(((v as { in: string[] }).in ?? []).map((k) => words(k.toLowerCase().replace(/_(.)/g, (_, c: string) => c.toUpperCase()))))}`,
      );
    else if (key === "proposedById" && v === "$user.id") parts.push("they proposed");
    else if (key === "userId" && v === "$user.id") parts.push("about themselves");
    else if (key === "platformGroups" && v && typeof v === "object" && "has" in v)
      parts.push(`who hold the ${String((v as { has: unknown }).has)} group`);
    else parts.push("under conditions");
  }
  return [...new Set(parts)].join(", ");
}

/** The verb of one action under a rule, with what its field list limits. */
function verbOf(action: Action, rule: RuleTemplate, subject: SubjectName | "all"): string {
  const verb = VERBS[action];
  if (!rule.fields || rule.inverted || (action !== "read" && action !== "update")) return verb;
  const fields = rule.fields;
  const one = FIELD_VERBS.find(
    (f) => f.subject === subject && f.action === action && fields.every((x) => f.fields.includes(x)),
  );
  if (one) return one.verb;
  if (action === "read") return "see a limited view of";
  // Up to four fields are named, unless one reads badly as a noun ("is active", "deactivated at").
  if (fields.length <= 4 && !fields.some((f) => /^is[A-Z]|At$/.test(f)))
    return `${verb} the ${joinAnd(fields.map((f) => words(f, subject)))} of`;
  return `${verb} some fields of`;
}

const ORDER = ["see", "export", "create", "update", "publish", "unsubscribe", "delete", "approve", "suspend", "manage"];
/** "see" before "update"; a verb limited to some fields ("… of") last, so its "of" leads to the subject. */
function byVerbOrder(a: string, b: string): number {
  const limited = (v: string) => (v.endsWith(" of") ? 1 : 0);
  const rank = (v: string) => ORDER.indexOf(v.split(" ")[0]!);
  return limited(a) - limited(b) || rank(a) - rank(b);
}

type Phrase = { verbs: string[]; subjects: string[]; condition: string };

function phrasesOf(rules: RuleTemplate[], inverted: boolean): Phrase[] {
  // Stage 1: per subject and condition, the verbs in the order the rules give them.
  const bySubject = new Map<string, { subject: string; condition: string; verbs: string[] }>();
  for (const rule of rules) {
    if (rule.inverted !== inverted || (inverted && rule.fields)) continue;
    for (const subject of rule.subjects) {
      const cond = condition(rule.where, subject);
      const key = `${subject}\u0000${cond}\u0000${subject === "Service" ? String(rule.where?.slug ?? "") : ""}`;
      // A municipality group's rule on the Municipality itself is about its own municipality.
      const own = subject === "Municipality" && rule.where?.id === "$membership.municipalityId";
      const slug = subject === "Service" && typeof rule.where?.slug === "string" ? rule.where.slug : null;
      const entry = bySubject.get(key) ?? {
        subject: own ? "their municipality's settings" : slug ? `the ${slug} service` : SUBJECTS[subject],
        condition: cond,
        verbs: [],
      };
      for (const action of rule.actions) {
        const verb = verbOf(action, rule, subject);
        if (!entry.verbs.includes(verb)) entry.verbs.push(verb);
      }
      bySubject.set(key, entry);
    }
  }
  for (const e of bySubject.values()) e.verbs.sort(byVerbOrder);
  // Stage 2: subjects that share their verbs and condition read as one phrase.
  const byVerbs = new Map<string, Phrase>();
  for (const e of bySubject.values()) {
    const key = `${e.verbs.join("|")}\u0000${e.condition}`;
    const p = byVerbs.get(key) ?? { verbs: e.verbs, subjects: [], condition: e.condition };
    p.subjects.push(e.subject);
    byVerbs.set(key, p);
  }
  return [...byVerbs.values()];
}

function sentence(p: Phrase): string {
  // "see and update (…) of" keeps its "of" only at the end of the verb list.
  const verbs = p.verbs.map((v, i) => (i < p.verbs.length - 1 ? v.replace(/ of$/, "") : v));
  return [joinAnd(verbs), joinAnd(p.subjects), p.condition].filter(Boolean).join(" ");
}

/** A service rule's `where` in words: an attribute compared with the person ("they own"). */
function serviceCondition(where: Record<string, unknown> | undefined): string {
  const parts = Object.entries(where ?? {}).map(([key, v]) => {
    if ((v === "$user.email" || v === "$user.id") && /^owner/i.test(key)) return "they own";
    if (v === "$user.email" || v === "$user.id") return `whose ${key} is theirs`;
    return "under conditions";
  });
  return [...new Set(parts)].join(", ");
}

/** "view and edit building permits they own (permits service)": a group's grants in a connected service. */
function servicePhrases(group: CompiledGroup, policies: CompiledPolicies, inverted: boolean): string[] {
  return group.serviceRules
    .filter((r) => r.inverted === inverted)
    .map((r) => {
      const declared = policies.services.get(r.service);
      const types = r.subjects.map((s) => {
        const type = declared?.resources.get(s.slice(r.service.length + 1));
        return `${(type?.label ?? s).toLowerCase()}s`;
      });
      const cond = serviceCondition(r.where);
      return `${joinAnd(r.actions)} ${joinAnd(types)}${cond ? ` ${cond}` : ""} (${r.service} service)`;
    });
}

/** "see and update service requests in their categories; see documents" — from the group's rules. */
export function summarizeGroup(group: CompiledGroup, policies: CompiledPolicies = loadPolicies()): string {
  const can = [...phrasesOf(group.rules, false).map(sentence), ...servicePhrases(group, policies, false)];
  const never = [...phrasesOf(group.rules, true).map(sentence), ...servicePhrases(group, policies, true)];
  const where = group.scope === "platform" ? " — in every municipality" : "";
  const out = can.length ? `${can.join("; ")}${where}` : "nothing beyond the public pages";
  return never.length ? `${out}; never ${never.join("; never ")}` : out;
}

/** Label, description and generated summary of each named group, in the order given (unknown names skipped). */
export function groupChoices(names: readonly string[], policies: CompiledPolicies = loadPolicies()): GroupChoice[] {
  return names.flatMap((name) => {
    const g = policies.groups.get(name);
    if (!g) return [];
    const choice: GroupChoice = {
      name,
      label: g.label,
      description: g.description,
      summary: summarizeGroup(g, policies),
    };
    return [g.deprecated ? { ...choice, deprecated: g.deprecated.reason } : choice];
  });
}

/** A group's label from its policy file ("municipality_admin" → "Municipality admin"); the name itself if unknown. */
export function groupLabel(name: string, policies: CompiledPolicies = loadPolicies()): string {
  return policies.groups.get(name)?.label ?? name;
}

/** A group's label, description and deprecation reason from its policy file, for a list of names (unknown names as given). */
export function groupInfo(
  names: readonly string[],
  policies: CompiledPolicies = loadPolicies(),
): { name: string; label: string; description?: string; deprecated?: string }[] {
  return names.map((name) => {
    const g = policies.groups.get(name);
    return { name, label: g?.label ?? name, description: g?.description, deprecated: g?.deprecated?.reason };
  });
}

/** Group labels as one line: "Operator, Performance monitor (deprecated)"; `none` when there are none. */
export function groupLabels(names: readonly string[], none = "none"): string {
  const words = (n: string) =>
    loadPolicies().groups.get(n)?.deprecated ? `${groupLabel(n)} (deprecated)` : groupLabel(n);
  return names.length ? names.map(words).join(", ") : none;
}

/** A subject in words, plural ("service requests"), as the summaries say it (lib/policy/explain.ts too). */
export function subjectNoun(subject: SubjectName | "all"): string {
  return SUBJECTS[subject];
}
