// The permission matrix (docs/requirements.md#record-views's "Permissions by Resource Model" tables), generated from the
// policy files: for each group and record type, create/edit, full view, limited view or denied.
import { groupAbility } from "./ability";
import { loadPolicies, type CompiledPolicies } from "./load";
import { fieldsOf, RECORD_SUBJECTS, type RecordSubject } from "./subjects";

/** Where `npm run policy:matrix` writes the Markdown, relative to the repository root. */
export const MATRIX_DOC = "docs/permission-matrix.md";

export type MatrixCell = { createEdit: boolean; full: boolean; limited: boolean; denied: boolean; notes: string[] };
export type PermissionMatrix = {
  groups: { name: string; label: string; scope: string; description?: string }[];
  subjects: readonly RecordSubject[];
  cells: Record<string, Record<RecordSubject, MatrixCell>>;
};

// groupAbility() fills placeholders with these sample values; the notes show what they stand for.
const SAMPLE_MEANING: Record<string, string> = {
  "sample-user": "the person themself",
  "sample-department": "their own department",
};

/**
 * How the notes name fields and values: identifiers by default (the Markdown a policy reviewer
 * diffs), words on the admin page (it passes the record types' labels, lib/records/labels.ts).
 */
export type MatrixWords = { field: (subject: RecordSubject, field: string) => string; value: (v: unknown) => string };
const IDENTIFIERS: MatrixWords = { field: (_s, f) => f, value: (v) => String(v) };

function describeValue(v: unknown, words: MatrixWords): string {
  if (v === null) return "none";
  if (typeof v === "string") return SAMPLE_MEANING[v] ?? words.value(v);
  return words.value(v);
}

function describeConditions(subject: RecordSubject, conditions: unknown, words: MatrixWords): string {
  if (!conditions || typeof conditions !== "object") return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(conditions as Record<string, unknown>)) {
    if (k === "municipalityId" || k === "id") continue; // every municipality rule has it: own municipality
    if (k === "category" && v && typeof v === "object" && "in" in v) {
      parts.push("allowed categories only");
      continue;
    }
    const name = words.field(subject, k);
    if (v && typeof v === "object" && "in" in v)
      parts.push(`${name} ∈ {${(v as { in: unknown[] }).in.map((x) => describeValue(x, words)).join(", ")}}`);
    else if (v && typeof v === "object") parts.push(`${name} ${JSON.stringify(v)}`);
    else parts.push(`${name} = ${describeValue(v, words)}`);
  }
  return parts.join(", ");
}

export function permissionMatrix(
  policies: CompiledPolicies = loadPolicies(),
  words: MatrixWords = IDENTIFIERS,
): PermissionMatrix {
  const groups = [...policies.groups.values()];
  const order = [
    "public",
    "superuser",
    "platform_admin",
    "municipality_admin",
    "manager",
    "operator",
    "viewer",
    "document_editor",
    "volunteer",
    "analyst",
  ];
  groups.sort((a, b) => (order.indexOf(a.name) + 1 || 99) - (order.indexOf(b.name) + 1 || 99));
  const cells: PermissionMatrix["cells"] = {};
  for (const g of groups) {
    const ability = groupAbility(g.name, policies);
    cells[g.name] = {} as Record<RecordSubject, MatrixCell>;
    for (const s of RECORD_SUBJECTS) {
      const all = fieldsOf(s);
      const reads = ability.rulesFor("read", s).filter((r) => !r.inverted);
      const notes = new Set<string>();
      let full = false;
      let limited = false;
      for (const r of reads) {
        const fields = r.fields ? (Array.isArray(r.fields) ? r.fields : [r.fields]) : null;
        const isFull = !fields || all.every((f) => fields.includes(f));
        const cond = describeConditions(s, r.conditions, words);
        if (isFull) full = true;
        else limited = true;
        // Name what a limited view hides: that is what a reviewer checks against docs/requirements.md#record-views.
        const label = isFull
          ? "full"
          : `limited (hides ${all
              .filter((f) => !fields!.includes(f))
              .map((f) => words.field(s, f))
              .join(", ")})`;
        if (cond) notes.add(`${label} where ${cond}`);
        else if (!isFull) notes.add(label);
      }
      const createEdit = ability.can("create", s) || ability.can("update", s);
      cells[g.name]![s] = { createEdit, full, limited: limited || full, denied: !full && !limited, notes: [...notes] };
    }
  }
  return {
    groups: groups.map((g) => ({ name: g.name, label: g.label, scope: g.scope, description: g.description })),
    subjects: RECORD_SUBJECTS,
    cells,
  };
}

const mark = (b: boolean) => (b ? "✔" : "✗");

export function matrixMarkdown(m: PermissionMatrix = permissionMatrix()): string {
  const out: string[] = [
    "# Permission matrix",
    "",
    "Generated from `policies/groups/*.yaml` by `npm run policy:matrix` — do not edit by hand",
    "(a test fails when this file and the policies disagree).",
    "Municipality groups apply within the member's own municipality; the public group applies to everyone,",
    "so every signed-in person also has the public column's access. ✔ = yes, ✗ = no.",
    "",
  ];
  for (const s of m.subjects) {
    out.push(
      `## ${s}`,
      "",
      "| Group | CREATE/EDIT | VIEW:FULL | VIEW:LIMITED | notes |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const g of m.groups) {
      const c = m.cells[g.name]![s];
      out.push(
        `| ${g.label} (\`${g.name}\`) | ${mark(c.createEdit)} | ${mark(c.full)} | ${mark(c.limited)} | ${c.denied ? "denied" : c.notes.join("; ")} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}
