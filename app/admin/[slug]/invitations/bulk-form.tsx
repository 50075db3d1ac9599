"use client";

import type { ActionResult } from "@/lib/action-result";
import type { BulkRowResult } from "@/lib/flows/bulk-invite";
import { refusalMessage, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { bulkInviteAction } from "./actions";
import { SimpleTable } from "@/app/_components/simple-table";
import type { InviteChoices } from "../access-fields";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

export function BulkInviteForm({ slug, groups, departments }: InviteChoices) {
  const { state, form, pending } = useFormAction<ActionResult<{ report: BulkRowResult[] }>>(bulkInviteAction);
  return (
    <KeptForm form={form} state={state} className="space-y-3" aria-label="Invite from a CSV file">
      <input type="hidden" name="slug" value={slug} />
      <p className="text-sm text-slate-600">
        Columns: <code>email,groups,department,categories</code> — several groups or categories separated by{" "}
        <code>;</code>.
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">What to write in the groups and department columns</summary>
        <dl className="mt-2 space-y-2">
          {groups.map((g) => (
            <div key={g.name}>
              <dt>
                <code>{g.name}</code> — <span className="font-medium">{g.label}</span>
              </dt>
              <dd className="text-slate-600">Will be able to {g.summary}.</dd>
            </div>
          ))}
        </dl>
        {departments.length > 0 && (
          <p className="mt-2 text-slate-600">Departments (by name): {departments.map((d) => d.name).join(", ")}.</p>
        )}
      </details>
      <TextField
        id="bulk-file"
        label="CSV file"
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        className="text-sm"
      />
      <SubmitButton pending={pending} pendingLabel="Inviting…">
        Invite from file
      </SubmitButton>
      <FormResult error={refusalMessage(state)} stepUp={!!state && !state.ok && state.stepUp}>
        {state?.ok && state.data && (
          <div className="space-y-2">
            <p role="status" className="text-sm font-medium">
              {state.message}
            </p>
            <SimpleTable caption="Result per row" look="plain" headers={["Line", "Email", "Result", "Why"]}>
              {state.data.report.map((r) => (
                <tr key={r.line} className="border-t border-slate-100">
                  <td>{r.line}</td>
                  <td>{r.email}</td>
                  <td className={r.outcome === "invited" ? "text-green-800" : "text-red-700"}>{r.outcome}</td>
                  <td>{r.reason ?? ""}</td>
                </tr>
              ))}
            </SimpleTable>
          </div>
        )}
      </FormResult>
    </KeptForm>
  );
}
