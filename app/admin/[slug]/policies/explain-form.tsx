"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { explainAction } from "./actions";

const ACTIONS = ["read", "create", "update", "delete", "export"];
const SUBJECTS = ["ServiceRequest", "HeritageSite", "Document", "Statistics"];

export function ExplainForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ text: string; allowed: boolean }> | null, FormData>(
    explainAction,
    null,
  );
  const cls = "rounded-md border border-slate-300 px-3 py-1.5";
  return (
    <form action={action} className="space-y-3" aria-label="Explain a decision">
      <input type="hidden" name="slug" value={slug} />
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="ex-email" className="block text-sm font-medium">
            Person (email)
          </label>
          <input id="ex-email" name="email" type="email" required className={cls} />
        </div>
        <div>
          <label htmlFor="ex-action" className="block text-sm font-medium">
            Action
          </label>
          <select id="ex-action" name="action" className={cls}>
            {ACTIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ex-subject" className="block text-sm font-medium">
            Record type
          </label>
          <select id="ex-subject" name="subject" className={cls}>
            {SUBJECTS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ex-id" className="block text-sm font-medium">
            Record id (optional)
          </label>
          <input id="ex-id" name="recordId" className={cls} />
        </div>
        <button
          disabled={pending}
          aria-busy={pending}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-white disabled:opacity-60"
        >
          {pending ? "Checking…" : "Explain"}
        </button>
      </div>
      <div aria-live="polite">
        {state?.ok && state.data && (
          <p role="status" className={state.data.allowed ? "text-green-800" : "text-red-800"}>
            {state.data.text}
          </p>
        )}
        {state && !state.ok && (
          <p role="alert" className="text-red-700">
            {state.formError}
          </p>
        )}
      </div>
    </form>
  );
}
