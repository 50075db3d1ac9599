// "Why may (or may not) this person do this?" — the rule that decided, as file#index.
import { subjectOf, type AppAbility } from "./casl";
import type { Action, SubjectName } from "./subjects";

export type Explanation = { allowed: boolean; rule: string | null; kind: "can" | "cannot" | "none"; text: string };

export function explain(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectName,
  row?: Record<string, unknown>,
  field?: string,
): Explanation {
  const target = row ? subjectOf(subjectType, row) : subjectType;
  const allowed = ability.can(action, target, field);
  const rule = ability.relevantRuleFor(action, target, field);
  // Without a row CASL answers "on at least one record of this type": say so, it is easy to misread.
  const what = `${action} ${subjectType}${row?.id ? ` ${String(row.id)}` : row ? "" : " (some record of this type; give --id for one record)"}${field ? ` (field ${field})` : ""}`;
  if (!rule) {
    // A field refusal reads better when it names the rule that grants the action without that field.
    const withoutField = field ? ability.relevantRuleFor(action, target) : null;
    const hint =
      withoutField && !withoutField.inverted
        ? ` (${withoutField.reason ?? "a rule"} allows ${action} here, but not this field)`
        : "";
    return { allowed, rule: null, kind: "none", text: `denied: no rule grants ${what}${hint}` };
  }
  const origin = rule.reason ?? "unknown rule";
  return {
    allowed,
    rule: origin,
    kind: rule.inverted ? "cannot" : "can",
    text: `${allowed ? "allowed" : "denied"}: ${what} — decided by ${origin} (${rule.inverted ? "cannot" : "can"})`,
  };
}
