"use client";
// One preview's answer: what was compared, who would have different access, and per municipality
// and group set a table of gained/lost records per record type and action, the fields shown or
// hidden and example records; the same result as Markdown (for a code review) and JSON.
import type { PolicyPreview } from "@/lib/governance/policy-preview";
import type { FieldChange } from "@/lib/governance/policy-diff-types";
import { SimpleTable } from "@/app/_components/simple-table";

const n = (x: number) => x.toLocaleString("en");
const sentenceCase = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

function fields(list: FieldChange[]) {
  return list.length ? list.map((f) => `${f.label} (${n(f.records)})`).join(", ") : "—";
}

/** A download link of `text` as a file, made in the browser from the answer already here. */
function Download({ text, type, name, children }: { text: string; type: string; name: string; children: string }) {
  return (
    <a
      href={`data:${type};charset=utf-8,${encodeURIComponent(text)}`}
      download={name}
      className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-brand-800 hover:bg-slate-50"
    >
      {children}
    </a>
  );
}

export function PreviewResult({ preview }: { preview: PolicyPreview }) {
  const { diff, markdown, words } = preview;
  const changed = diff.changedFiles.length ? diff.changedFiles.join(", ") : "none (the files are as deployed)";
  return (
    <section aria-labelledby="preview-result" className="space-y-4">
      <h2 id="preview-result" className="text-xl font-semibold text-brand-900">
        What would change
      </h2>
      <p className="text-sm text-slate-700">
        Changed group files: {changed}. Replayed {n(diff.principalsChecked)} people, tokens and the public in{" "}
        {diff.seconds.toFixed(1)} s.
      </p>
      <div className="flex flex-wrap gap-2">
        <Download text={markdown} type="text/markdown" name="policy-preview.md">
          Download Markdown
        </Download>
        <Download text={JSON.stringify(diff, null, 2)} type="application/json" name="policy-preview.json">
          Download JSON
        </Download>
      </div>
      {diff.entries.length === 0 ? (
        <p role="status" className="rounded-lg border border-green-300 bg-green-50 p-4 text-sm text-green-900">
          Nothing changes for anyone: the proposed files load, and every person, token and the public keep exactly the
          access they have now.
        </p>
      ) : (
        <>
          <p role="status" className="font-medium">
            {n(diff.principalsChanged)} of {n(diff.principalsChecked)} would have different access.
          </p>
          {diff.entries.map((e, i) => (
            <section key={i} aria-labelledby={`entry-${i}`} className="space-y-2">
              <h3 id={`entry-${i}`} className="font-semibold">
                {words.titles[i]}
              </h3>
              <p className="text-sm text-slate-600">
                {e.kind === "token"
                  ? `${n(e.principals)} tokens`
                  : `${n(e.principals)} ${e.principals === 1 ? "person" : "people"}`}
                {e.examplePrincipals.length > 0 && `: ${e.examplePrincipals.join(", ")}`}
                {e.principals > e.examplePrincipals.length &&
                  `, and ${n(e.principals - e.examplePrincipals.length)} more`}
              </p>
              <SimpleTable
                caption={`Changes for ${words.titles[i]}`}
                headers={["Records", "May", "Gained", "Lost", "Fields now shown", "Fields now hidden", "Examples"]}
              >
                {e.changes.map((c) => (
                  <tr key={`${c.subject}:${c.action}`} className="border-t border-slate-100 align-top">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      {sentenceCase(c.subjectLabel)}
                    </th>
                    <td className="px-3 py-2">{words.actions[c.action] ?? c.action}</td>
                    <td className="px-3 py-2 tabular-nums">{c.gained ? `+${n(c.gained)}` : "0"}</td>
                    <td className="px-3 py-2 tabular-nums">{c.lost ? `−${n(c.lost)}` : "0"}</td>
                    <td className="px-3 py-2">{fields(c.fieldsShown)}</td>
                    <td className="px-3 py-2">{fields(c.fieldsHidden)}</td>
                    <td className="px-3 py-2 text-xs text-slate-600">
                      {c.examples.length
                        ? c.examples.map((x) => `${x.name} (${x.change === "fields" ? "fields" : x.change})`).join("; ")
                        : "—"}
                    </td>
                  </tr>
                ))}
              </SimpleTable>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
