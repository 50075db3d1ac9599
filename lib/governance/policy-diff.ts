// The policy-change preview (`npm run policy:diff`, the platform console's /platform/policies):
// two compiled policy sets are replayed for every real principal (./policy-principals.ts) over
// the real records, and the report says who gains or loses which action on how many records of
// each type, which fields become visible or hidden, with example records.
//
// How it stays fast at 10,000 people and a million rows:
// - Each principal's rules are instantiated at base and head (lib/policy/ability.ts, the same
//   code a request uses). Principals whose rules are equal cost nothing; the rest are grouped by
//   their (base rules, head rules) pair, so each distinct pair is replayed once — rules speaking
//   of `$user.id` make per-person pairs, and those are replayed per person, which is exact.
// - Within a pair, only the actions on record types whose rules differ are counted, and the
//   counts are remembered by (type, action, base rules for it, head rules for it): a hundred
//   managers of one town, who differ only by their own review items, share one count of the
//   town's service requests.
// - Counting is PostgreSQL's (lib/data/policy-diff-counts.ts, through accessibleBy), never rows in memory.
// A change that only renames (labels, reasons) or reorders rules without changing any outcome
// gives no entry: entries are made from counts, not from the rules' text.
import "server-only";
import path from "node:path";
import type { RawRuleOf } from "@casl/ability";
import {
  accessChange,
  countedSubjects,
  municipalityNames,
  type CountOptions,
  type ExampleRecord,
} from "@/lib/data/policy-diff-counts";
import { loadModuleSwitches } from "@/lib/data/module-switches";
import { abilityRules, type ModuleSwitches } from "@/lib/policy/ability";
import { createPrismaAbility, type AppAbility } from "@/lib/policy/casl";
import type { CompiledGroup, CompiledPolicies } from "@/lib/policy/load";
import { subjectLabel, SUBJECT_WORDS } from "@/lib/policy/subject-labels";
import { actionsFor, MODEL_FIELDS, type Action, type ModelSubject } from "@/lib/policy/subjects";
import { fieldLabel } from "@/lib/records/labels";
import { isRecordModel } from "@/lib/records";
import type { ActionChange, FieldChange, PolicyDiff, PrincipalChange } from "./policy-diff-types";
import { replayPrincipals, type ReplayPrincipal } from "./policy-principals";

export type DiffOptions = {
  baseLabel?: string;
  headLabel?: string;
  /** Only these municipalities' memberships, tokens and records (and the public over them). */
  municipalityIds?: string[];
  /** Example records per change (default 3). */
  examples?: number;
};

type Raw = RawRuleOf<AppAbility>;

/** A rule without its origin ("volunteer.yaml#2"), which a reorder or a new reason changes. */
const ruleKey = (rules: Raw[]) => JSON.stringify(rules.map(({ reason: _reason, ...r }) => r));

/**
 * A rule list as CASL applies it to one action and type (priority order), without origins. For
 * one field, every listed rule already covers that field, so only conditions and `cannot` matter:
 * narrowing a rule's fields leaves the other fields' lists equal, and they are not counted.
 */
function rulesForKey(ability: AppAbility, action: Action, model: ModelSubject, field?: string): string {
  return JSON.stringify(
    ability
      .rulesFor(action, model, field)
      .map((r) =>
        field === undefined ? [r.inverted, r.conditions ?? null, r.fields ?? null] : [r.inverted, r.conditions ?? null],
      ),
  );
}

/** The actions a diff counts for a type: `manage` is an alias of all of them, so it is counted through each. */
const countedActions = (model: ModelSubject) => actionsFor(model).filter((a) => a !== "manage");

function fieldWords(model: ModelSubject, field: string): string {
  return isRecordModel(model) ? fieldLabel(field, model) : fieldLabel(field);
}

type Pair = { base: Raw[]; head: Raw[]; members: ReplayPrincipal[] };

/** Runs `work` over `items` with at most `limit` at a time (the database pool and two cores). */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Group files whose own content differs (added, removed or edited), by file name. */
function changedFiles(base: CompiledPolicies, head: CompiledPolicies): string[] {
  const own = (g: CompiledGroup | undefined) => {
    if (!g) return null;
    const file = path.basename(g.file);
    const mine = <T extends { origin: string }>(rules: T[]) => rules.filter((r) => r.origin.startsWith(`${file}#`));
    const { name, label, description, scope, extends: parents, privileged, deprecated } = g;
    return JSON.stringify({
      name,
      label,
      description,
      scope,
      parents,
      privileged,
      deprecated,
      rules: mine(g.rules),
      serviceRules: mine(g.serviceRules),
    });
  };
  const names = new Set([...base.groups.keys(), ...head.groups.keys()]);
  const files = new Set<string>();
  for (const n of names) {
    const b = base.groups.get(n);
    const h = head.groups.get(n);
    if (own(b) !== own(h)) files.add(path.basename((h ?? b)!.file));
  }
  return [...files].sort();
}

export async function diffPolicies(
  base: CompiledPolicies,
  head: CompiledPolicies,
  opts: DiffOptions = {},
): Promise<PolicyDiff> {
  const t0 = performance.now();
  const counting: CountOptions = {
    municipalityIds: opts.municipalityIds,
    examples: opts.examples ?? 3,
    cache: new Map(),
  };
  const [principals, modules] = await Promise.all([
    replayPrincipals({ municipalityIds: opts.municipalityIds }),
    loadModuleSwitches(),
  ]);

  const pairs = new Map<string, Pair>();
  for (const p of principals) {
    const ctx = (policies: CompiledPolicies) => ({ policies, modules: modules as ModuleSwitches });
    const b = abilityRules(p.principal, ctx(base));
    const h = abilityRules(p.principal, ctx(head));
    const bk = ruleKey(b);
    const hk = ruleKey(h);
    if (bk === hk) continue;
    const key = `${bk}\u0000${hk}`;
    const pair = pairs.get(key) ?? { base: b, head: h, members: [] };
    pair.members.push(p);
    pairs.set(key, pair);
  }

  // (type, action, field, base rules, head rules) → its counts, shared by every pair that asks.
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, run: () => Promise<T>): Promise<T> => {
    let hit = memo.get(key) as Promise<T> | undefined;
    if (!hit) memo.set(key, (hit = run()));
    return hit;
  };
  const subjects = countedSubjects(opts.municipalityIds);

  const changesOf = async (pair: Pair): Promise<ActionChange[]> => {
    const b = createPrismaAbility<AppAbility>(pair.base);
    const h = createPrismaAbility<AppAbility>(pair.head);
    const out: ActionChange[] = [];
    for (const model of subjects) {
      for (const action of countedActions(model)) {
        const bk = rulesForKey(b, action, model);
        const hk = rulesForKey(h, action, model);
        // Equal rules for the action and type: equal for each of its fields too (a subset of them).
        if (bk === hk) continue;
        const records = await once(`${model}|${action}|${bk}|${hk}`, () => accessChange(model, action, b, h, counting));
        const shown: FieldChange[] = [];
        const hidden: FieldChange[] = [];
        const examples: ExampleRecord[] = [...records.examples];
        for (const field of MODEL_FIELDS[model]) {
          const fb = rulesForKey(b, action, model, field);
          const fh = rulesForKey(h, action, model, field);
          if (fb === fh) continue;
          // Example records of field changes: from the first changed field only (one query, not one per field).
          const take = examples.some((e) => e.change === "fields") ? 0 : counting.examples!;
          const f = await once(`${model}|${action}|${field}|${fb}|${fh}|${bk}|${hk}|${take}`, () =>
            accessChange(model, action, b, h, { ...counting, field, examples: take }),
          );
          const label = fieldWords(model, field);
          if (f.plus) shown.push({ field, label, records: f.plus });
          if (f.minus) hidden.push({ field, label, records: f.minus });
          for (const e of f.examples) if (!examples.some((x) => x.id === e.id)) examples.push(e);
        }
        if (!records.plus && !records.minus && !shown.length && !hidden.length) continue;
        out.push({
          subject: model,
          subjectLabel: SUBJECT_WORDS[model],
          action,
          gained: records.plus,
          lost: records.minus,
          fieldsShown: shown,
          fieldsHidden: hidden,
          examples,
        });
      }
    }
    return out;
  };

  // Entries: one municipality × group set × kind × identical outcome. People of one group set
  // whose per-person rules give different counts get an entry each, so no figure is an average.
  const entries = new Map<string, PrincipalChange>();
  const work = [...pairs.values()];
  await eachLimited(work, 4, async (pair) => {
    const changes = await changesOf(pair);
    if (changes.length === 0) return;
    const outcome = JSON.stringify(changes.map(({ examples: _e, ...c }) => c));
    for (const m of pair.members) {
      const key = JSON.stringify([m.municipalityId, m.groups, m.kind, outcome]);
      let e = entries.get(key);
      if (!e) {
        e = {
          kind: m.kind,
          municipality: m.municipalityId ? { id: m.municipalityId, slug: "", name: "" } : null,
          groups: m.groups,
          principals: 0,
          examplePrincipals: [],
          changes,
        };
        entries.set(key, e);
      }
      e.principals += 1;
      if (e.examplePrincipals.length < 5) e.examplePrincipals.push(m.label);
    }
  });

  const names = await municipalityNames([
    ...new Set([...entries.values()].flatMap((e) => (e.municipality ? [e.municipality.id] : []))),
  ]);
  const list = [...entries.values()].map((e) => ({
    ...e,
    municipality: e.municipality
      ? { id: e.municipality.id, ...(names.get(e.municipality.id) ?? { slug: "", name: e.municipality.id }) }
      : null,
    examplePrincipals: [...e.examplePrincipals].sort(),
  }));
  const KIND_ORDER = { public: 0, membership: 1, token: 2 } as const;
  list.sort(
    (a, b) =>
      (a.municipality?.name ?? "").localeCompare(b.municipality?.name ?? "", "en", { numeric: true }) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.groups.join(",").localeCompare(b.groups.join(",")) ||
      b.principals - a.principals,
  );

  return {
    base: opts.baseLabel ?? "current",
    head: opts.headLabel ?? "working tree",
    changedFiles: changedFiles(base, head),
    principalsChecked: principals.length,
    principalsChanged: list.reduce((n, e) => n + e.principals, 0),
    entries: list,
    seconds: (performance.now() - t0) / 1000,
    groupLabels: Object.fromEntries(
      [...base.groups.values(), ...head.groups.values()].map((g) => [g.name, g.label] as const),
    ),
  };
}

// ─── The report as Markdown (fit for a code review) ──────────────────────────

const ACTION_WORDS: Record<Action, string> = {
  manage: "manage",
  read: "see",
  create: "create",
  update: "change",
  delete: "delete",
  export: "export",
  approve: "approve",
  suspend: "suspend",
  access: "use",
  query: "query (in clips)",
};

const n = (x: number) => x.toLocaleString("en");
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;
/** Markdown table cells: no pipes or line breaks from record names. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

function whose(e: PrincipalChange, groupLabel: (g: string) => string): string {
  const groups = e.groups.map(groupLabel).join(" + ") || "no group";
  if (e.kind === "public") return e.groups.includes("citizen") ? "Citizen accounts" : "The public (not signed in)";
  const place = e.municipality ? e.municipality.name : "Platform";
  return e.kind === "token" ? `${place} — API tokens with ${groups}` : `${place} — ${groups}`;
}

function fieldList(fields: FieldChange[]): string {
  return fields.length ? fields.map((f) => `${cell(f.label)} (${n(f.records)})`).join(", ") : "—";
}

/**
 * One line per group set and change, over every municipality: how many places and principals it
 * touches and the records in all. The sections below give each municipality's own figures.
 */
function summary(diff: PolicyDiff, label: (g: string) => string): string[] {
  type Line = {
    who: string;
    what: string;
    places: Set<string>;
    principals: number;
    gained: number;
    lost: number;
    fields: Map<string, number>;
  };
  const lines = new Map<string, Line>();
  for (const e of diff.entries) {
    const who =
      e.kind === "public"
        ? whose(e, label)
        : `${e.kind === "token" ? "API tokens with " : ""}${e.groups.map(label).join(" + ") || "no group"}`;
    for (const c of e.changes) {
      const what = `${subjectLabel(c.subject as ModelSubject)}: ${ACTION_WORDS[c.action as Action] ?? c.action}`;
      const key = `${who}|${what}`;
      const line = lines.get(key) ?? {
        who,
        what,
        places: new Set(),
        principals: 0,
        gained: 0,
        lost: 0,
        fields: new Map(),
      };
      line.places.add(e.municipality?.id ?? "");
      line.principals += e.principals;
      line.gained += c.gained;
      line.lost += c.lost;
      for (const [sign, list] of [
        ["+", c.fieldsShown],
        ["−", c.fieldsHidden],
      ] as const)
        for (const f of list)
          line.fields.set(`${sign}${f.label}`, (line.fields.get(`${sign}${f.label}`) ?? 0) + f.records);
      lines.set(key, line);
    }
  }
  return [
    "| Who | Records: may | Municipalities | Principals | Gained | Lost | Fields shown (+) / hidden (−), records |",
    "|---|---|--:|--:|--:|--:|---|",
    ...[...lines.values()].map(
      (l) =>
        `| ${cell(l.who)} | ${l.what} | ${n([...l.places].filter(Boolean).length)} | ${n(l.principals)} | ${n(l.gained)} | ${n(l.lost)} | ${
          [...l.fields].map(([f, r]) => `${cell(f)} (${n(r)})`).join(", ") || "—"
        } |`,
    ),
  ];
}

/** The diff in Markdown: groups by their labels, records by their plain names. */
export function policyDiffMarkdown(diff: PolicyDiff): string {
  const label = (g: string) => diff.groupLabels?.[g] ?? g.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  const out: string[] = [];
  out.push(`## Policy change preview: \`${diff.base}\` → \`${diff.head}\``, "");
  out.push(
    diff.changedFiles.length
      ? `Changed group files: ${diff.changedFiles.map((f) => `\`${f}\``).join(", ")}.`
      : "No group file changed.",
  );
  out.push(
    `Replayed ${plural(diff.principalsChecked, "principal")} (every active membership, platform groups, citizen accounts, API tokens and the public) in ${diff.seconds.toFixed(1)} s.`,
    "",
  );
  if (diff.entries.length === 0) {
    out.push("**No change:** nobody gains or loses access to any record or field.");
    return out.join("\n") + "\n";
  }
  out.push(`**${plural(diff.principalsChanged, "principal")} would have different access.**`, "");
  out.push(...summary(diff, label), "");
  for (const e of diff.entries) {
    out.push(`### ${whose(e, label)}`, "");
    const who = e.kind === "token" ? plural(e.principals, "token") : plural(e.principals, "person", "people");
    const more =
      e.principals > e.examplePrincipals.length ? `, and ${n(e.principals - e.examplePrincipals.length)} more` : "";
    out.push(`${who}: ${e.examplePrincipals.map(cell).join(", ")}${more}.`, "");
    out.push("| Records | May | Gained | Lost | Fields now shown (records) | Fields now hidden (records) |");
    out.push("|---|---|--:|--:|---|---|");
    for (const c of e.changes) {
      out.push(
        `| ${cell(subjectLabel(c.subject as ModelSubject))} | ${ACTION_WORDS[c.action as Action] ?? c.action} | ${n(c.gained)} | ${n(c.lost)} | ${fieldList(c.fieldsShown)} | ${fieldList(c.fieldsHidden)} |`,
      );
    }
    const examples = e.changes.flatMap((c) =>
      c.examples.map(
        (x) => `${c.subjectLabel}: ${cell(x.name)} (\`${x.id}\`, ${x.change === "fields" ? "fields" : x.change})`,
      ),
    );
    if (examples.length) out.push("", `Examples: ${examples.slice(0, 9).join("; ")}.`);
    out.push("");
  }
  return out.join("\n");
}
