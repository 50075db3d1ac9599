// "Why may (or may not) this person do this?" — the rule that decided, as file#index.
import { subject as asSubject } from "@casl/ability";
import type { AppAbility } from "./casl";
import type { Action, SubjectName } from "./subjects";

export type Explanation = { allowed: boolean; rule: string | null; kind: "can" | "cannot" | "none"; text: string };

export function explain(ability: AppAbility, action: Action, subjectType: SubjectName, row?: Record<string, unknown>, field?: string): Explanation {
  const target = (row ? asSubject(subjectType as never, { ...row }) : subjectType) as never;
  const allowed = ability.can(action, target, field as never);
  const rule = ability.relevantRuleFor(action, target, field as never);
  const what = `${action} ${subjectType}${row?.id ? ` ${String(row.id)}` : ""}${field ? ` (field ${field})` : ""}`;
  if (!rule) return { allowed, rule: null, kind: "none", text: `denied: no rule grants ${what}` };
  const origin = rule.reason ?? "unknown rule";
  return {
    allowed,
    rule: origin,
    kind: rule.inverted ? "cannot" : "can",
    text: `${allowed ? "allowed" : "denied"}: ${what} — decided by ${origin} (${rule.inverted ? "cannot" : "can"})`,
  };
}
