"use client";

import { useActionState, useId } from "react";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  reason?: { label: string; placeholder?: string };
  tone?: "danger" | "normal";
};

/** A one-button form for a server action, with an optional reason, pending state and result. */
export function ActionForm({ action, hidden, submitLabel, pendingLabel, reason, tone = "normal" }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const err = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {reason && (
        <div className="space-y-1">
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
            {reason.label}
          </label>
          <input
            id={`${id}-reason`}
            name="reason"
            required
            minLength={3}
            maxLength={500}
            placeholder={reason.placeholder}
            aria-invalid={!!err?.fieldErrors?.reason}
            aria-describedby={err?.fieldErrors?.reason ? `${id}-reason-error` : undefined}
            className="w-full rounded-md border border-slate-300 px-3 py-2"
          />
          {err?.fieldErrors?.reason && (
            <p id={`${id}-reason-error`} className="text-sm text-red-700">
              {err.fieldErrors.reason[0]}
            </p>
          )}
        </div>
      )}
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${tone === "danger" ? "bg-red-700 hover:bg-red-800" : "bg-brand-600 hover:bg-brand-700"}`}
      >
        {pending && (
          <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-white border-t-transparent" />
        )}
        {pending ? (pendingLabel ?? "Working…") : submitLabel}
      </button>
      <div aria-live="polite" className="text-sm">
        {state?.ok && <p className="text-green-800">{state.message}</p>}
        {err?.formError && (
          <p role="alert" className="text-red-700">
            {err.formError}
          </p>
        )}
      </div>
    </form>
  );
}
