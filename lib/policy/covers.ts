// "Does this person hold everything that one holds?" — for view-as (lib/auth/view-as.ts), which
// must never show an administrator more than they may see themselves. The question is asked per
// action × subject × field over the compiled rules of both abilities, the same shape as the
// permission matrix: a field counts as held when some `can` rule grants that action on that
// subject with that field (a rule without `fields` grants every field), unless an unconditional
// `cannot` of higher priority forbids it. Conditions are not compared (a grant on "their
// department" and one on "the municipality" both count): the abilities compared are built for one
// and the same municipality, and view-as is read-only, so what it compares is which kinds of
// records and fields exist for the person at all — a group the administrator lacks entirely, or a
// field their groups never show them, is exactly what it catches.
import { ACTIONS, fieldsOf, MODEL_FIELDS, type Action, type SubjectName } from "./subjects";
import type { AppAbility } from "./casl";

export type Uncovered = { action: Action; subject: SubjectName; fields: string[] };

const ALL_SUBJECTS: SubjectName[] = [...(Object.keys(MODEL_FIELDS) as SubjectName[]), "Statistics"];

/** The fields `ability` grants for `action` on `subject` under some condition or other. */
export function grantedFields(ability: AppAbility, action: Action, subject: SubjectName): Set<string> {
  const all = fieldsOf(subject);
  const granted = new Set<string>();
  const blocked = new Set<string>();
  let blockedAll = false;
  // possibleRulesFor lists the rules by priority, the last-defined (winning) rule first.
  for (const rule of ability.possibleRulesFor(action, subject)) {
    const fields = rule.fields ? [rule.fields].flat() : all;
    if (rule.inverted) {
      if (rule.conditions) continue;
      if (!rule.fields) blockedAll = true;
      else for (const f of fields) blocked.add(f);
      continue;
    }
    if (blockedAll) continue;
    for (const f of fields) if (!blocked.has(f)) granted.add(f);
  }
  return granted;
}

/**
 * Every action × subject × field `wider` grants that `holder` does not: empty when `holder` covers
 * `wider`. `skip`: actions left out of the comparison.
 */
export function grantsBeyond(
  wider: AppAbility,
  holder: AppAbility,
  opts: { skip?: readonly Action[] } = {},
): Uncovered[] {
  const out: Uncovered[] = [];
  for (const subject of ALL_SUBJECTS)
    for (const action of ACTIONS) {
      // `manage` is every action: each one is compared on its own.
      if (action === "manage" || opts.skip?.includes(action)) continue;
      const theirs = grantedFields(wider, action, subject);
      if (theirs.size === 0) continue;
      const mine = grantedFields(holder, action, subject);
      const missing = [...theirs].filter((f) => !mine.has(f));
      if (missing.length) out.push({ action, subject, fields: missing });
    }
  return out;
}
