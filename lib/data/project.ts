// Field-level security: each row is cut down to the fields the ability permits on that very row.
// Per row, because field rules differ by condition (public sees historic areas in full,
// archaeological zones limited). @casl/prisma filters rows, never columns — this does columns.
//
// Speed (every list row passes through here): which fields a row gets depends only on which of
// the ability's rules for (action, model) match the row — that is exactly what CASL's
// permittedFieldsOf computes from. So per row we evaluate each rule's conditions once (the
// per-row check stays), and the field list for that pattern of matches is computed by
// permittedFieldsOf the first time and reused. Abilities are immutable; the plan is keyed by
// the ability object and by the identity of CASL's own rule list, so it cannot outlive either.
import { permittedFieldsOf } from "@casl/ability/extra";
import type { Action, SubjectName } from "@/lib/policy/subjects";
import { subjectOf, type AppAbility } from "@/lib/policy/casl";

type Row = Record<string, unknown>;
type Rules = ReturnType<AppAbility["possibleRulesFor"]>;

type Plan = {
  rules: Rules;
  allFields: readonly string[];
  /** "1"/"0" per rule (matches / not) → the permitted fields for rows with that pattern. */
  bySignature: Map<string, readonly string[]>;
  columns?: string[];
};

const plans = new WeakMap<AppAbility, Map<string, Plan>>();

function planFor(ability: AppAbility, action: Action, model: SubjectName, allFields: readonly string[]): Plan {
  let byKey = plans.get(ability);
  if (!byKey) plans.set(ability, (byKey = new Map()));
  const key = `${action}\u0000${model}`;
  const rules = ability.possibleRulesFor(action, model);
  let plan = byKey.get(key);
  if (!plan || plan.rules !== rules || plan.allFields !== allFields) {
    plan = { rules, allFields, bySignature: new Map() };
    byKey.set(key, plan);
  }
  return plan;
}

function fieldsOf(
  ability: AppAbility,
  action: Action,
  model: SubjectName,
  row: Row,
  allFields: readonly string[],
): readonly string[] {
  const plan = planFor(ability, action, model, allFields);
  let signature = "";
  for (const rule of plan.rules) signature += rule.matchesConditions(row as never) ? "1" : "0";
  let fields = plan.bySignature.get(signature);
  if (!fields) {
    fields = Object.freeze(
      permittedFieldsOf(ability, action, subjectOf(model, row), {
        fieldsFrom: (rule) => rule.fields ?? [...allFields],
      }),
    );
    plan.bySignature.set(signature, fields);
  }
  return fields;
}

export function permittedFields(
  ability: AppAbility,
  action: Action,
  model: SubjectName,
  row: Row,
  allFields: readonly string[],
): string[] {
  return [...fieldsOf(ability, action, model, row, allFields)];
}

export function project<T extends Row>(
  ability: AppAbility,
  action: Action,
  model: SubjectName,
  row: T,
  allFields: readonly string[],
): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fieldsOf(ability, action, model, row, allFields)) {
    if (f in row) out[f as keyof T] = row[f as keyof T];
  }
  return out;
}

/**
 * Columns worth selecting: every field some read rule could grant on this model, plus the
 * columns rule conditions look at (needed to decide per row). Keeps queries narrow.
 */
export function columnsFor(
  ability: AppAbility,
  action: Action,
  model: SubjectName,
  allFields: readonly string[],
): string[] {
  const plan = planFor(ability, action, model, allFields);
  return [...(plan.columns ??= computeColumns(ability, action, model, allFields))];
}

function computeColumns(
  ability: AppAbility,
  action: Action,
  model: SubjectName,
  allFields: readonly string[],
): string[] {
  const cols = new Set<string>(["id"]);
  for (const rule of ability.rulesFor(action, model)) {
    if (!rule.inverted) {
      for (const f of rule.fields ? (Array.isArray(rule.fields) ? rule.fields : [rule.fields]) : allFields) cols.add(f);
    }
    for (const k of Object.keys((rule.conditions as Row | undefined) ?? {})) {
      // Nested logic may look at any column: select them all rather than guess.
      if (k === "AND" || k === "OR" || k === "NOT") return [...allFields];
      if (allFields.includes(k)) cols.add(k);
    }
  }
  return [...cols].filter((c) => allFields.includes(c));
}
