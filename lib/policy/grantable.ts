// Deprecated groups (a group file's `deprecated: true` + `deprecationReason`): the group keeps
// working for those who hold it, and nobody is given it any more. Every flow that grants groups
// (invitations and bulk invitations, their acceptance, approvals, group changes, claim → group
// mappings and the sign-ins and directory syncs that apply them, API tokens, platform grants)
// asks here before it writes: `alreadyHeld` is what the person (or token) holds now, so a holder
// keeps the group when their other groups change.
import { loadPolicies, type CompiledPolicies } from "./load";

/** "Performance monitor is deprecated: <reason>" when `group` is deprecated and not already held; else null. */
export function deprecatedGroupProblem(
  group: string,
  alreadyHeld: readonly string[],
  policies: CompiledPolicies = loadPolicies(),
): string | null {
  const g = policies.groups.get(group);
  if (!g?.deprecated || alreadyHeld.includes(group)) return null;
  return `${g.label} is deprecated: ${g.deprecated.reason}`;
}

/** The first deprecated group of `groups` the holder does not already hold, as deprecatedGroupProblem words it. */
export function deprecatedGroupsProblem(groups: readonly string[], alreadyHeld: readonly string[]): string | null {
  for (const g of groups) {
    const problem = deprecatedGroupProblem(g, alreadyHeld);
    if (problem) return problem;
  }
  return null;
}

/**
 * What a sign-in or directory sync may apply: `groups` without the deprecated ones the person
 * does not already hold (an identity provider's claims never give a deprecated group to someone new).
 */
export function withoutNewDeprecatedGroups(groups: readonly string[], alreadyHeld: readonly string[]): string[] {
  return groups.filter((g) => deprecatedGroupProblem(g, alreadyHeld) === null);
}

/** Whether a group is deprecated, and why (for the badges and pickers); null when it is not. */
export function deprecationOf(group: string, policies: CompiledPolicies = loadPolicies()): string | null {
  return policies.groups.get(group)?.deprecated?.reason ?? null;
}
