// Field-level security: each row is cut down to the fields the ability permits on that very row.
// Per row, because field rules differ by condition (public sees historic areas in full,
// archaeological zones limited). @casl/prisma filters rows, never columns — this does columns.
import { permittedFieldsOf } from "@casl/ability/extra";
import type { Action, SubjectName } from "@/lib/policy/subjects";
import { subjectOf, type AppAbility } from "@/lib/policy/casl";

type Row = Record<string, unknown>;

export function permittedFields(ability: AppAbility, action: Action, model: SubjectName, row: Row, allFields: readonly string[]): string[] {
  return permittedFieldsOf(ability, action, subjectOf(model, row), {
    fieldsFrom: (rule) => rule.fields ?? [...allFields],
  });
}

export function project<T extends Row>(ability: AppAbility, action: Action, model: SubjectName, row: T, allFields: readonly string[]): Partial<T> {
  const out: Partial<T> = {};
  for (const f of permittedFields(ability, action, model, row, allFields)) {
    if (f in row) out[f as keyof T] = row[f as keyof T];
  }
  return out;
}

/**
 * Columns worth selecting: every field some read rule could grant on this model, plus the
 * columns rule conditions look at (needed to decide per row). Keeps queries narrow.
 */
export function columnsFor(ability: AppAbility, action: Action, model: SubjectName, allFields: readonly string[]): string[] {
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
