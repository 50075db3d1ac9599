import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { permissionMatrix, type MatrixSubject, type MatrixWords, type PermissionMatrix } from "@/lib/policy/matrix";
import { subjectLabel } from "@/lib/policy/subject-labels";
import { fieldLabel, label } from "@/lib/records/labels";
import { AdminNav } from "../admin-nav";
import { explainChoices } from "@/lib/people/explain";
import { TableScroll } from "@/app/_components/simple-table";
import { ExplainForm } from "./explain-form";
import { groupInfo } from "@/lib/policy/summary";
import { DeprecatedBadge } from "@/app/_components/deprecated-badge";

export const metadata: Metadata = { title: "Policies" };
const mark = (b: boolean) => (b ? "✔" : "✗");

// The notes name fields and values by their labels (the Markdown keeps the identifiers).
const WORDS: MatrixWords = {
  field: (s, f) => fieldLabel(f, s === "Statistics" ? undefined : s).toLowerCase(),
  value: (v) => label(v).toLowerCase(),
};

/** The matrix's deprecated groups and why (group name → reason). */
function deprecatedGroups(m: PermissionMatrix): Map<string, string> {
  return new Map(groupInfo(m.groups.map((g) => g.name)).flatMap((g) => (g.deprecated ? [[g.name, g.deprecated]] : [])));
}

/** One table of the matrix: a row per group, for one record type or request part. */
function MatrixTable({ m, s }: { m: PermissionMatrix; s: MatrixSubject }) {
  const deprecated = deprecatedGroups(m);
  return (
    <TableScroll label={`Permission matrix: ${subjectLabel(s)}`}>
      <table className="min-w-full text-sm">
        <caption className="px-3 py-2 text-left font-semibold">{subjectLabel(s)}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">
              Group
            </th>
            <th scope="col" className="px-3 py-2">
              Create/edit
            </th>
            <th scope="col" className="px-3 py-2">
              Full view
            </th>
            <th scope="col" className="px-3 py-2">
              Limited view
            </th>
            <th scope="col" className="px-3 py-2">
              Notes
            </th>
          </tr>
        </thead>
        <tbody>
          {m.groups.map((g) => {
            const c = m.cells[g.name]![s];
            return (
              <tr key={g.name} className="border-t border-slate-100">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {g.label}
                  {deprecated.has(g.name) && (
                    <>
                      {" "}
                      <DeprecatedBadge reason={deprecated.get(g.name)} />
                    </>
                  )}
                </th>
                <td className="px-3 py-2">{mark(c.createEdit)}</td>
                <td className="px-3 py-2">{mark(c.full)}</td>
                <td className="px-3 py-2">{mark(c.limited)}</td>
                <td className="px-3 py-2 text-xs text-slate-600">{c.denied ? "denied" : c.notes.join("; ")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Deprecated groups with their reasons: they still work for their holders, nobody is given them any more. */
function DeprecatedList({ m }: { m: PermissionMatrix }) {
  const deprecated = [...deprecatedGroups(m)];
  if (deprecated.length === 0) return null;
  return (
    <section
      aria-labelledby="deprecated-groups"
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-5"
    >
      <h2 id="deprecated-groups" className="font-semibold">
        Deprecated groups
      </h2>
      <p className="text-sm text-slate-700">
        These still work for those who hold them; nobody can be given them any more, and their holders come up in the
        next access review.
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {deprecated.map(([name, reason]) => (
          <li key={name}>
            <span className="font-medium">{m.groups.find((g) => g.name === name)?.label ?? name}</span>: {reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function PoliciesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { muni } = await requireAdminPage(slug);
  const m = permissionMatrix(undefined, WORDS);
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="policies" />
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Explain a decision</h2>
        <p className="text-sm text-slate-600">
          May this person do this, and why? Without a record, the answer says under which conditions they may.
        </p>
        <ExplainForm slug={slug} {...explainChoices()} />
      </section>
      <h1 className="text-2xl font-semibold text-brand-900">Permission matrix</h1>
      <p className="text-sm text-slate-600">
        Generated from the policy files in <code>policies/groups/</code>. Municipality groups act within the
        member&apos;s own municipality.
      </p>
      <DeprecatedList m={m} />
      {m.subjects.map((s) => (
        <MatrixTable key={s} m={m} s={s} />
      ))}
      <h2 className="text-xl font-semibold text-brand-900">A request&apos;s parts</h2>
      <p className="text-sm text-slate-600">
        Timeline entries, photos and followers are shown only with a request the person may see; these tables say what
        of such a request&apos;s parts each group sees. The citizen group is what a citizen account or a tracking link
        adds for the reporter&apos;s own request.
      </p>
      {m.parts.map((s) => (
        <MatrixTable key={s} m={m} s={s} />
      ))}
    </div>
  );
}
