"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { ActionOutcome } from "./form-alert";
import { ConfirmDialog, useConfirmFirst } from "./confirm-dialog";
import { flash } from "./flash";

type Props = {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  reason?: { label: string; placeholder?: string };
  tone?: "danger" | "normal";
  /**
   * A destructive step asks first (./confirm-dialog.tsx): the question and, in plain words, what
   * will happen. Without JavaScript the form posts straight away; the server checks as always.
   */
  confirm?: ConfirmText;
};

/** A confirmation's question and, in plain words, what will happen. */
export type ConfirmText = { title: string; body: string };

/**
 * A one-button form for a server action, with an optional reason, an optional confirmation,
 * pending state and result. Success is announced (role="status"): beside the button while it is
 * there, and at the top of the page (./flash.tsx) when the row it sat in went away with the change.
 */
export function ActionForm({ action, hidden, submitLabel, pendingLabel, reason, tone = "normal", confirm }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const { formRef, dialogRef, askFirst, confirm: confirmed } = useConfirmFirst();
  const done = useRef<{ text: string; path: string } | null>(null);
  useEffect(() => {
    done.current = state?.ok && state.message ? { text: state.message, path: window.location.pathname } : null;
  }, [state]);
  useEffect(
    () => () => {
      if (done.current) flash(done.current.text, done.current.path);
    },
    [],
  );
  return (
    <form ref={formRef} action={formAction} onSubmit={confirm ? askFirst : undefined} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {reason && (
        <TextField
          id={`${id}-reason`}
          label={reason.label}
          name="reason"
          required
          minLength={3}
          maxLength={500}
          placeholder={reason.placeholder}
          error={fieldError(state, "reason")}
        />
      )}
      <SubmitButton
        pending={pending}
        pendingLabel={pendingLabel ?? "Working…"}
        size="sm"
        tone={tone === "danger" ? "danger" : "brand"}
      >
        {submitLabel}
      </SubmitButton>
      {confirm && (
        <ConfirmDialog
          id={id}
          dialogRef={dialogRef}
          onConfirm={confirmed}
          title={confirm.title}
          confirmLabel={submitLabel}
          tone={tone === "danger" ? "danger" : "brand"}
        >
          {confirm.body}
        </ConfirmDialog>
      )}
      <ActionOutcome state={state} />
    </form>
  );
}
