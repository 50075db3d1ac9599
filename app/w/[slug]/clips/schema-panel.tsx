"use client";

// The clips schema beside the editor: every view the policies generated for this municipality's
// analysts, its one-line description, its columns and their types. Once the page is interactive a
// view's or column's name is a button that writes it into the query at the cursor.
import { useHydrated } from "@/app/_components/use-hydrated";
import type { ClipsView } from "@/lib/clips/types";

const NAME = "font-mono text-xs break-all";

function Name({ text, label, insert }: { text: string; label: string; insert: ((t: string) => void) | null }) {
  if (!insert) return <code className={NAME}>{text}</code>;
  return (
    <button
      type="button"
      onClick={() => insert(text)}
      aria-label={`Insert ${label}`}
      className={`${NAME} rounded text-left text-brand-700 underline decoration-dotted hover:bg-brand-50 focus-visible:bg-brand-50`}
    >
      {text}
    </button>
  );
}

export function SchemaPanel({ views, insert }: { views: ClipsView[]; insert: (text: string) => void }) {
  const hydrated = useHydrated();
  const ins = hydrated ? insert : null;
  return (
    <section aria-labelledby="clips-schema-h" className="space-y-2">
      <h2 id="clips-schema-h" className="text-base font-semibold">
        Schema
      </h2>
      {views.length === 0 ? (
        <p className="text-sm text-slate-600">No views are set up yet.</p>
      ) : (
        <>
          <p className="text-xs text-slate-500">
            Views you may query, with their columns. {hydrated && "Choose a name to insert it."}
          </p>
          <ul className="space-y-1">
            {views.map((v) => (
              <li key={v.name}>
                <details className="rounded-md border border-slate-200 bg-white">
                  <summary className="cursor-pointer px-2 py-1 font-mono text-sm">{v.name}</summary>
                  <div className="space-y-2 border-t border-slate-100 px-2 py-2">
                    {v.description && <p className="text-xs text-slate-600">{v.description}</p>}
                    <p className="text-xs">
                      <Name text={v.name} label={`view ${v.name}`} insert={ins} />
                    </p>
                    <table className="w-full text-xs">
                      <caption className="sr-only">Columns of {v.name}</caption>
                      <thead>
                        <tr className="text-left text-slate-500">
                          <th scope="col" className="pr-2 font-medium">
                            Column
                          </th>
                          <th scope="col" className="font-medium">
                            Type
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {v.columns.map((c) => (
                          <tr key={c.name}>
                            <td className="pr-2 align-top">
                              <Name text={c.name} label={`column ${c.name} of ${v.name}`} insert={ins} />
                            </td>
                            <td className="align-top font-mono text-slate-600">{c.type}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
