"use client";

// A one-button form for a consequential server action that asks first: with JavaScript, a modal
// dialog says what will happen and the action runs only after "confirm"; without it, the button
// posts straight away (the action checks everything itself). An optional note field is sent along.
import { useActionState, useId, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { ActionOutcome } from "./form-alert";

type Props = {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  /** The dialog's question and what it explains. */
  title: string;
  body: string;
  tone?: "danger" | "brand";
  note?: { label: string };
};

export function ConfirmActionForm({
  action,
  hidden,
  submitLabel,
  pendingLabel,
  title,
  body,
  tone = "brand",
  note,
}: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const askFirst = (e: React.FormEvent<HTMLFormElement>) => {
    if (confirmed.current || !dialog.current?.showModal) {
      confirmed.current = false;
      return;
    }
    e.preventDefault();
    dialog.current.showModal();
  };
  return (
    <form ref={form} action={formAction} onSubmit={askFirst} aria-label={submitLabel} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {note && (
        <TextField id={`${id}-note`} label={note.label} name="note" maxLength={500} error={fieldError(state, "note")} />
      )}
      <SubmitButton pending={pending} pendingLabel={pendingLabel} size="sm" tone={tone}>
        {submitLabel}
      </SubmitButton>
      <ActionOutcome state={state} />
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-dlg-h`}
        aria-describedby={`${id}-dlg-p`}
        className="m-auto max-w-sm rounded-lg border border-slate-300 bg-white p-5 shadow-lg backdrop:bg-slate-900/40"
      >
        <h3 id={`${id}-dlg-h`} className="font-semibold">
          {title}
        </h3>
        <p id={`${id}-dlg-p`} className="mt-2 text-sm text-slate-700">
          {body}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Cancel
          </button>
          <button
            type="button"
            onClick={() => {
              confirmed.current = true;
              dialog.current?.close();
              form.current?.requestSubmit();
            }}
            className={`rounded-md px-3 py-1.5 text-sm font-medium text-white ${tone === "danger" ? "bg-red-700 hover:bg-red-800" : "bg-brand-600 hover:bg-brand-700"}`}
          >
            {submitLabel}
          </button>
        </div>
      </dialog>
    </form>
  );
}
