"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { eraseUserAction } from "./actions";

/** Erasure cannot be undone: the admin types the person's address to confirm. */
export function EraseForm({ hidden, email }: { hidden: Record<string, string>; email: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(eraseUserAction, null);
  const err = state && !state.ok ? state : null;
  const field = (name: "reason" | "confirmEmail", label: string) => (
    <div className="space-y-1">
      <label htmlFor={`erase-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`erase-${name}`}
        name={name}
        required
        autoComplete="off"
        aria-invalid={!!err?.fieldErrors?.[name]}
        aria-describedby={err?.fieldErrors?.[name] ? `erase-${name}-error` : undefined}
        className="w-full rounded-md border border-slate-300 px-3 py-2"
      />
      {err?.fieldErrors?.[name] && (
        <p id={`erase-${name}-error`} className="text-sm text-red-700">
          {err.fieldErrors[name]![0]}
        </p>
      )}
    </div>
  );
  return (
    <form action={action} className="space-y-2" aria-label="Erase personal data">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <p className="text-sm text-slate-600">
        Replaces name, email ({email}), phone and job title for good, and deactivates the account. Records and the audit
        trail stay.
      </p>
      {field("reason", "Reason for erasing")}
      {field("confirmEmail", "Type the person's email to confirm")}
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="inline-flex items-center gap-2 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {pending && (
          <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-white border-t-transparent" />
        )}
        {pending ? "Erasing…" : "Erase personal data"}
      </button>
      <div aria-live="polite" className="text-sm">
        {state?.ok && (
          <p role="status" className="text-green-800">
            {state.message}
          </p>
        )}
        {err?.formError && (
          <p role="alert" className="text-red-700">
            {err.formError}
          </p>
        )}
      </div>
    </form>
  );
}
