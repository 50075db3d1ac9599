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
import { BulkReport, type BulkOutcomes } from "@/app/_components/bulk-report";
import { bulkUpdateServiceRequestsAction } from "./actions";

const OUTCOMES: BulkOutcomes<BulkRow["outcome"]> = {
  changed: { tone: "good", text: "Changed" },
  unchanged: { tone: "neutral", text: "Already so" },
  refused: { tone: "warn", text: "Refused" },
};

type Pair = [string, string];
type Op = "status" | "assign";
type State = ActionResult<{ rows: BulkRow[] }>;

/** One kind of change: what to set (a select) and the button that asks to set it on the ticked rows. */
function Change(p: {
  id: string;
  field: string;
  label: string;
  none: string;
  choices: Pair[];
  value: string;
  onValue: (v: string) => void;
  button: string;
  busy: string;
  pending: boolean;
  onChoose: () => void;
  state: State | null;
}) {
  return (
    <div className="space-y-2">
      <SelectField
        id={p.id}
        label={p.label}
        name={p.field}
        error={fieldError(p.state, p.field)}
        value={p.value}
        onChange={(e) => p.onValue(e.target.value)}
        options={p.choices.map(([value, text]) => ({ value, label: text }))}
      >
        <option value="">{p.none}</option>
      </SelectField>
      <span onClickCapture={p.onChoose}>
        <SubmitButton pending={p.pending} pendingLabel={p.busy} size="sm">
          {p.button}
        </SubmitButton>
      </span>
    </div>
  );
}

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
  const [op, setOp] = useState<Op>(statuses.length ? "status" : "assign");
  const [status, setStatus] = useState("");
  const [assignee, setAssignee] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const { state, form, pending } = useFormAction<State>(bulkUpdateServiceRequestsAction, { keep: true });
  const { formRef, dialogRef, asking, confirm } = useConfirmFirst();
  // The row checkboxes belong to this form (their `form` attribute), so they are among its elements.
  const rowBoxes = () =>
    Array.from(formRef.current?.elements ?? []).filter(
      (e): e is HTMLInputElement => e instanceof HTMLInputElement && e.name === "ids",
    );
  const choose = (o: Op) =>
    flushSync(() => {
      setOp(o);
      setChosen(
        rowBoxes()
          .filter((e) => e.checked)
          .map((e) => e.value),
      );
    });
  const many = `${chosen.length} ${chosen.length === 1 ? "request" : "requests"}`;
  const nameOf = (pairs: Pair[] | null, v: string) => pairs?.find(([x]) => x === v)?.[1];
  const question =
    op === "status"
      ? `Change the status of ${many} to ${nameOf(statuses, status) ?? "the status chosen"}?`
      : `Assign ${many} to ${assignee ? (nameOf(people, assignee) ?? "the person chosen") : "nobody (unassigned)"}?`;
  // The changes this person may make here: a status, an assignee, or both.
  const changes = [
    ...(statuses.length
      ? [
          {
            op: "status" as const,
            field: "status",
            label: "New status",
            none: "Choose a status",
            choices: statuses,
            value: status,
            onValue: setStatus,
            button: "Change status of selected",
            busy: "Changing…",
          },
        ]
      : []),
    ...(people
      ? [
          {
            op: "assign" as const,
            field: "assigneeId",
            label: "Assign to",
            none: "Unassigned",
            choices: people,
            value: assignee,
            onValue: setAssignee,
            button: "Assign selected",
            busy: "Assigning…",
          },
        ]
      : []),
  ];
  return (
    <KeptForm
      id={formId}
      {...asking}
      form={form}
      state={state}
      aria-label="Change the selected requests"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="op" value={op} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">Change several at once</h2>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" onChange={(e) => rowBoxes().forEach((b) => (b.checked = e.target.checked))} />
          Select all on this page
        </label>
      </div>
      <p className="text-sm text-slate-600">
        Tick requests in the list below, then choose the change. Each request is changed only where you may change it.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {changes.map((c) => (
          <Change
            key={c.op}
            {...c}
            id={`${id}-${c.op}`}
            pending={pending && op === c.op}
            onChoose={() => choose(c.op)}
            state={state}
          />
        ))}
      </div>
      <ConfirmDialog
        id={id}
        dialogRef={dialogRef}
        onConfirm={confirm}
        title={question}
        confirmLabel="Yes, change them"
        tone="brand"
      >
        {chosen.length
          ? `${chosen.map((c) => references[c] ?? "a request").join(", ")}. A request you may not change is left as it is and reported.`
          : "No request is ticked: tick requests in the list first."}
      </ConfirmDialog>
      <FormResult error={refusalMessage(state) ?? fieldError(state, "ids") ?? null}>
        {state?.ok && state.data && (
          <BulkReport
            message={state.message}
            caption="Result per request"
            noun="Request"
            outcomes={OUTCOMES}
            rows={state.data.rows.map((r) => ({
              ...r,
              key: r.id,
              name: r.reference ?? references[r.id] ?? "A request you may not see",
            }))}
          />
        )}
      </FormResult>
    </KeptForm>
  );
}
