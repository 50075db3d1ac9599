"use client";

// The request list's bulk change: the rows' checkboxes (in the table, `form` pointing here) are
// this form's `ids`; "Change status" or "Assign" asks first, naming how many and which, then the
// answer reports each row — changed, already so, or refused and why (the approval queue's pattern).
import { useId, useState } from "react";
import { flushSync } from "react-dom";
import type { ActionResult } from "@/lib/action-result";
import type { BulkRow } from "@/lib/data/request-bulk";
import { ConfirmDialog, useConfirmFirst } from "@/app/_components/confirm-dialog";
import { fieldError, refusalMessage, SelectField } from "@/app/_components/form-field";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";
import { FormResult } from "@/app/_components/form-alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { SimpleTable } from "@/app/_components/simple-table";
import { Badge } from "@/app/_components/badge";
import { bulkUpdateServiceRequestsAction } from "./actions";

const OUTCOMES = { changed: "good", unchanged: "neutral", refused: "warn" } as const;
const OUTCOME_TEXT = { changed: "Changed", unchanged: "Already so", refused: "Refused" } as const;

type Pair = [string, string];

export function BulkRequestForm({
  formId,
  slug,
  statuses,
  people,
  references,
}: {
  formId: string;
  slug: string;
  statuses: Pair[];
  people: Pair[] | null;
  references: Record<string, string>;
}) {
  const id = useId();
  const [op, setOp] = useState<"status" | "assign">(statuses.length ? "status" : "assign");
  const [status, setStatus] = useState("");
  const [assignee, setAssignee] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const { state, form, pending } = useFormAction<ActionResult<{ rows: BulkRow[] }>>(bulkUpdateServiceRequestsAction, {
    keep: true,
  });
  const { formRef, dialogRef, askFirst, confirm } = useConfirmFirst();
  // The ticked rows, read from the form's own controls (the table's checkboxes belong to it).
  const ticked = () =>
    Array.from(formRef.current?.elements ?? [])
      .filter((e): e is HTMLInputElement => e instanceof HTMLInputElement && e.name === "ids" && e.checked)
      .map((e) => e.value);
  const choose = (o: "status" | "assign") =>
    flushSync(() => {
      setOp(o);
      setChosen(ticked());
    });
  const selectAll = (on: boolean) => {
    for (const e of Array.from(formRef.current?.elements ?? []))
      if (e instanceof HTMLInputElement && e.name === "ids") e.checked = on;
  };
  const many = `${chosen.length} ${chosen.length === 1 ? "request" : "requests"}`;
  const target =
    op === "status"
      ? `Change the status of ${many} to ${statuses.find(([v]) => v === status)?.[1] ?? "the status chosen"}?`
      : `Assign ${many} to ${assignee ? (people?.find(([v]) => v === assignee)?.[1] ?? "the person chosen") : "nobody (unassigned)"}?`;
  return (
    <KeptForm
      id={formId}
      ref={formRef}
      form={form}
      state={state}
      onSubmit={askFirst}
      aria-label="Change the selected requests"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="op" value={op} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">Change several at once</h2>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" onChange={(e) => selectAll(e.target.checked)} /> Select all on this page
        </label>
      </div>
      <p className="text-sm text-slate-600">
        Tick requests in the list below, then choose the change. Each request is changed only where you may change it.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {statuses.length > 0 && (
          <div className="space-y-2">
            <SelectField
              id={`${id}-status`}
              name="status"
              label="New status"
              value={status}
              onChange={(e) => setStatus(e.target.value)}
              options={statuses.map(([value, text]) => ({ value, label: text }))}
              error={fieldError(state, "status")}
            >
              <option value="">Choose a status</option>
            </SelectField>
            <span onClickCapture={() => choose("status")}>
              <SubmitButton pending={pending && op === "status"} pendingLabel="Changing…" size="sm">
                Change status of selected
              </SubmitButton>
            </span>
          </div>
        )}
        {people && (
          <div className="space-y-2">
            <SelectField
              id={`${id}-assignee`}
              name="assigneeId"
              label="Assign to"
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
              options={people.map(([value, text]) => ({ value, label: text }))}
              error={fieldError(state, "assigneeId")}
            >
              <option value="">Unassigned</option>
            </SelectField>
            <span onClickCapture={() => choose("assign")}>
              <SubmitButton pending={pending && op === "assign"} pendingLabel="Assigning…" size="sm">
                Assign selected
              </SubmitButton>
            </span>
          </div>
        )}
      </div>
      <ConfirmDialog
        id={id}
        dialogRef={dialogRef}
        onConfirm={confirm}
        title={target}
        confirmLabel="Yes, change them"
        tone="brand"
      >
        {chosen.length
          ? `${chosen.map((c) => references[c] ?? "a request").join(", ")}. A request you may not change is left as it is and reported.`
          : "No request is ticked: tick requests in the list first."}
      </ConfirmDialog>
      <FormResult error={refusalMessage(state) ?? fieldError(state, "ids") ?? null}>
        {state?.ok && state.data && (
          <div className="space-y-2">
            <p role="status" className="font-medium">
              {state.message}
            </p>
            <SimpleTable caption="Result per request" headers={["Request", "Result", "Why"]}>
              {state.data.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">{r.reference ?? references[r.id] ?? "A request you may not see"}</td>
                  <td className="px-3 py-2">
                    <Badge tone={OUTCOMES[r.outcome]}>{OUTCOME_TEXT[r.outcome]}</Badge>
                  </td>
                  <td className="px-3 py-2">{r.reason ?? ""}</td>
                </tr>
              ))}
            </SimpleTable>
          </div>
        )}
      </FormResult>
    </KeptForm>
  );
}
