// The permission matrix (docs/requirements.md#record-views's "Permissions by Resource Model" tables), generated from the
// policy files: for each group and record type, create/edit, full view, limited view or denied.
// A second table covers a request's parts (timeline entries, photos, followers) and the tag list:
// they are read only through a request the person can read (lib/data), so their cells say what of
// a readable request's parts each group sees.
import { groupAbility } from "./ability";
import { loadPolicies, type CompiledPolicies } from "./load";
import {
  fieldsOf,
  RECORD_SUBJECTS,
  REQUEST_PART_SUBJECTS,
  type RecordSubject,
  type RequestPartSubject,
} from "./subjects";

/** Where `npm run policy:matrix` writes the Markdown, relative to the repository root. */
export const MATRIX_DOC = "docs/permission-matrix.md";

export type MatrixCell = { createEdit: boolean; full: boolean; limited: boolean; denied: boolean; notes: string[] };
export type MatrixSubject = RecordSubject | RequestPartSubject;
export type PermissionMatrix = {
  groups: { name: string; label: string; scope: string; description?: string }[];
  subjects: readonly RecordSubject[];
  /** A request's parts and the tag list: the second table. */
  parts: readonly RequestPartSubject[];
  cells: Record<string, Record<MatrixSubject, MatrixCell>>;
};

// groupAbility() fills placeholders with these sample values; the notes show what they stand for.
const SAMPLE_MEANING: Record<string, string> = {
  "sample-user": "the person themself",
  "sample-department": "their own department",
  "sample-request": "the request their tracking link opens",
};

/**
 * How the notes name fields and values: identifiers by default (the Markdown a policy reviewer
 * diffs), words on the admin page (it passes the record types' labels, lib/records/labels.ts).
 */
export type MatrixWords = { field: (subject: MatrixSubject, field: string) => string; value: (v: unknown) => string };
const IDENTIFIERS: MatrixWords = { field: (_s, f) => f, value: (v) => String(v) };

function describeValue(v: unknown, words: MatrixWords): string {
  if (v === null) return "none";
  if (typeof v === "string") return SAMPLE_MEANING[v] ?? words.value(v);
  return words.value(v);
}

function describeConditions(subject: MatrixSubject, conditions: unknown, words: MatrixWords): string {
  if (!conditions || typeof conditions !== "object") return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(conditions as Record<string, unknown>)) {
    // Every municipality rule has it: own municipality (a tracking link's `id` is worth saying).
    if (k === "municipalityId" || (k === "id" && v !== "sample-request")) continue;
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
    "citizen",
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
    cells[g.name] = {} as Record<MatrixSubject, MatrixCell>;
    for (const s of [...RECORD_SUBJECTS, ...REQUEST_PART_SUBJECTS]) {
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
      // A write limited by a condition says so ("create where kind ∈ {INTERNAL_NOTE, PUBLIC_COMMENT}").
      for (const action of ["create", "update"] as const)
        for (const r of ability.rulesFor(action, s).filter((x) => !x.inverted)) {
          const cond = describeConditions(s, r.conditions, words);
          if (cond && !reads.some((x) => describeConditions(s, x.conditions, words) === cond))
            notes.add(`${action} where ${cond}`);
        }
      cells[g.name]![s] = { createEdit, full, limited: limited || full, denied: !full && !limited, notes: [...notes] };
    }
  }
  return {
    groups: groups.map((g) => ({ name: g.name, label: g.label, scope: g.scope, description: g.description })),
    subjects: RECORD_SUBJECTS,
    parts: REQUEST_PART_SUBJECTS,
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
    "so every signed-in person also has the public column's access. The citizen group applies to citizen",
    "accounts and to visitors holding a tracking link. ✔ = yes, ✗ = no.",
    "",
  ];
  const table = (s: MatrixSubject) => {
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
  };
  m.subjects.forEach(table);
  out.push(
    "# A request's parts",
    "",
    "Timeline entries, photos and followers are read and written only through a request the person can read",
    "(lib/data asks the ServiceRequest rules first, then these); a cell says what of such a request's parts the",
    "group sees. The tag list is the municipality's own.",
    "",
  );
  m.parts.forEach(table);
  return out.join("\n");
}
