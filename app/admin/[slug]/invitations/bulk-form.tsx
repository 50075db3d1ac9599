"use client";

// Invite many from a CSV file in two steps: "Preview" shows every row (what will happen, or why it
// is refused) and sends nothing; "Send N invitations" posts the previewed file back with the
// lines it showed, and the server checks everything again before sending exactly those.
import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { BulkBatch } from "@/lib/flows/bulk-invite";
import { refusalMessage, TextField } from "@/app/_components/form-field";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { previewBulkInviteAction, sendBulkInviteAction, type BulkPreviewData } from "./actions";
import type { InviteChoices } from "../access-fields";
import { BulkRows, previewRows } from "./bulk-report";

export function BulkInviteForm({ slug, groups, departments }: InviteChoices) {
  // The file stays chosen after a preview (`keep`), so a corrected file is one click away. Both
  // forms post the server actions themselves, so each also works before hydration.
  const {
    state: preview,
    form: previewForm,
    pending: previewing,
  } = useFormAction<ActionResult<BulkPreviewData>>(previewBulkInviteAction, { keep: true });
  const [sent, sendAction, sending] = useActionState<ActionResult<BulkBatch> | null, FormData>(
    sendBulkInviteAction,
    null,
  );
  // Which answer is current: the one that arrived last (state adjusted while rendering, not in an effect).
  const [seen, setSeen] = useState({ preview, sent, showing: "preview" as "preview" | "report" });
  let showing = seen.showing;
  if (seen.preview !== preview || seen.sent !== sent) {
    showing = seen.sent !== sent && sent?.ok ? "report" : seen.preview !== preview ? "preview" : showing;
    setSeen({ preview, sent, showing });
  }
  const data = preview?.ok ? preview.data : undefined;
  const invitable = data ? data.rows.filter((r) => r.outcome === "invite") : [];
  return (
    <div className="space-y-4">
      <KeptForm form={previewForm} state={preview} className="space-y-3" aria-label="Invite from a CSV file">
        <input type="hidden" name="slug" value={slug} />
        <p className="text-sm text-slate-600">
          Columns: <code>email,groups,department,categories</code> — several groups or categories separated by{" "}
          <code>;</code>.{" "}
          <a href={`/admin/${slug}/invitations/template`} className="text-brand-700 underline" download>
            Download the CSV template
          </a>
        </p>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">
            What to write in the groups and department columns
          </summary>
          <dl className="mt-2 space-y-2">
            {groups.map((g) => (
              <div key={g.name}>
                <dt>
                  <code>{g.name}</code> — <span className="font-medium">{g.label}</span>
                </dt>
                <dd className="text-slate-600">
                  {g.deprecated
                    ? `Deprecated, not given to anyone new: ${g.deprecated}`
                    : `Will be able to ${g.summary}.`}
                </dd>
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
        <SubmitButton pending={previewing} pendingLabel="Reading the file…">
          Preview
        </SubmitButton>
        <FormResult error={refusalMessage(preview)} />
      </KeptForm>
      {showing === "preview" && data && (
        <form action={sendAction} className="space-y-3" aria-label="Send the previewed invitations">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="csv" value={data.csv} />
          {invitable.map((r) => (
            <input key={r.line} type="hidden" name="lines" value={r.line} />
          ))}
          <p role="status" className="text-sm font-medium">
            Preview: {data.invitable} of {data.rows.length} rows can be invited, {data.refused} refused. Nothing has
            been sent yet.
          </p>
          <BulkRows caption="Preview: what will happen per row" rows={previewRows(data.rows)} />
          {invitable.length > 0 ? (
            <SubmitButton pending={sending} pendingLabel="Sending…">
              Send {invitable.length} {invitable.length === 1 ? "invitation" : "invitations"}
            </SubmitButton>
          ) : (
            <p className="text-sm">No row can be invited: correct the file and preview it again.</p>
          )}
          <FormResult error={sent && !sent.ok ? sent.formError : null} stepUp={!!sent && !sent.ok && sent.stepUp} />
        </form>
      )}
      {showing === "report" && sent?.ok && sent.data && (
        <div className="space-y-2">
          <p role="status" className="text-sm font-medium">
            {sent.message}
          </p>
          <BulkRows caption="Report: what happened per row" rows={sent.data.rows} />
        </div>
      )}
    </div>
  );
}
