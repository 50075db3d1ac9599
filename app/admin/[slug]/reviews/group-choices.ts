// The groups a review can be about (scope "one group"): every municipality group, by its label,
// with its marks in words, so the admin sees which are privileged and which deprecated.
import { municipalityGroups } from "@/lib/flows/grants";
import { loadPolicies } from "@/lib/policy/load";
import type { Choice } from "./review-forms";

export function reviewGroupChoices(): Choice[] {
  const groups = loadPolicies().groups;
  return municipalityGroups().map((name) => {
    const g = groups.get(name);
    const marks = [g?.privileged ? "privileged" : null, g?.deprecated ? "deprecated" : null].filter(Boolean);
    return { value: name, label: `${g?.label ?? name}${marks.length ? ` (${marks.join(", ")})` : ""}` };
  });
}

/** A date `days` from now as yyyy-mm-dd (a form's suggested date). */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
