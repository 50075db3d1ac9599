"use client";

import { useActionState, useId, useState, useTransition, type FormEvent } from "react";
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
 * pending state and result. Without JavaScript it posts (useActionState) and the page shows the
 * answer beside the button. With it, the action is called directly: a refusal stays beside the
 * button and its field, and success is announced at the bottom of the window (./flash.tsx), which
 * outlives the row the button sat in when the change takes that row away.
 */
export function ActionForm({ action, hidden, submitLabel, pendingLabel, reason, tone = "normal", confirm }: Props) {
  const [posted, formAction, postPending] = useActionState(action, null);
  const [answered, setAnswered] = useState<ActionResult | null>(null);
  const [calling, startCall] = useTransition();
  const id = useId();
  const { formRef, askFirst, dialogProps } = useConfirmFirst();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (confirm) askFirst(e);
    if (e.defaultPrevented) return;
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startCall(async () => {
      // An action that redirects (unlinking, signing out everywhere) never answers: the page changes.
      const r = (await action(null, data)) as ActionResult | undefined;
      if (!r) return;
      setAnswered(r.ok ? null : r);
      if (r.ok && r.message) flash(r.message);
    });
  };
  const state = answered ?? posted;
  const look = tone === "danger" ? "danger" : "brand";
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-2">
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
      <SubmitButton pending={postPending || calling} pendingLabel={pendingLabel ?? "Working…"} size="sm" tone={look}>
        {submitLabel}
      </SubmitButton>
      {confirm && (
        <ConfirmDialog {...dialogProps} id={id} title={confirm.title} confirmLabel={submitLabel} tone={look}>
          {confirm.body}
        </ConfirmDialog>
      )}
      <ActionOutcome state={state} />
    </form>
  );
}
