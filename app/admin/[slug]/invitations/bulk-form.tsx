"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { BulkRowResult } from "@/lib/flows/bulk-invite";
import { bulkInviteAction } from "./actions";

export function BulkInviteForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ report: BulkRowResult[] }> | null, FormData>(
    bulkInviteAction,
    null,
  );
  return (
    <form action={action} className="space-y-3" aria-label="Invite from a CSV file">
      <input type="hidden" name="slug" value={slug} />
      <p className="text-sm text-slate-600">
        Columns: <code>email,groups,department,categories</code> — several groups or categories separated by{" "}
        <code>;</code>.
      </p>
      <div className="space-y-1">
        <label htmlFor="bulk-file" className="block text-sm font-medium">
          CSV file
        </label>
        <input id="bulk-file" name="file" type="file" accept=".csv,text/csv" required className="text-sm" />
      </div>
      <button
        disabled={pending}
        aria-busy={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-white disabled:opacity-60"
      >
        {pending ? "Inviting…" : "Invite from file"}
      </button>
      <div aria-live="polite">
        {state && !state.ok && (
          <p role="alert" className="text-sm text-red-700">
            {state.formError}
          </p>
        )}
        {state?.ok && state.data && (
          <div className="space-y-2">
            <p role="status" className="text-sm font-medium">
              {state.message}
            </p>
            <table className="min-w-full text-sm">
              <caption className="sr-only">Result per row</caption>
              <thead className="text-left">
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Email</th>
                  <th scope="col">Result</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {state.data.report.map((r) => (
                  <tr key={r.line} className="border-t border-slate-100">
                    <td>{r.line}</td>
                    <td>{r.email}</td>
                    <td className={r.outcome === "invited" ? "text-green-800" : "text-red-700"}>{r.outcome}</td>
                    <td>{r.reason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </form>
  );
}
