"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CATEGORY_OPTIONS } from "../categories";
import { inviteMemberAction } from "./actions";

export function InviteForm({
  slug,
  groups,
  departments,
}: {
  slug: string;
  groups: string[];
  departments: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(inviteMemberAction, null);
  const err = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-3" aria-label="Invite someone">
      <input type="hidden" name="slug" value={slug} />
      <div className="space-y-1">
        <label htmlFor="invite-email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="invite-email"
          name="email"
          type="email"
          required
          aria-invalid={!!err?.fieldErrors?.email}
          aria-describedby={err?.fieldErrors?.email ? "invite-email-error" : undefined}
          className="w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {err?.fieldErrors?.email && (
          <p id="invite-email-error" className="text-sm text-red-700">
            {err.fieldErrors.email[0]}
          </p>
        )}
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Groups</legend>
        <div className="flex flex-wrap gap-3">
          {groups.map((g) => (
            <label key={g} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="groups" value={g} /> {g}
            </label>
          ))}
        </div>
        {err?.fieldErrors?.groups && <p className="text-sm text-red-700">{err.fieldErrors.groups[0]}</p>}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="invite-dept" className="block text-sm font-medium">
          Department (optional)
        </label>
        <select id="invite-dept" name="departmentId" className="w-full rounded-md border border-slate-300 px-3 py-2">
          <option value="">None</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Category restrictions (none = all categories)</legend>
        <div className="flex flex-wrap gap-3">
          {CATEGORY_OPTIONS.map((c) => (
            <label key={c.value} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="allowedCategories" value={c.value} /> {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      <button
        disabled={pending}
        aria-busy={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-white disabled:opacity-60"
      >
        {pending ? "Sending…" : "Send invitation"}
      </button>
      <div aria-live="polite">
        {state?.ok && <p className="text-sm text-green-800">{state.message}</p>}
        {err?.formError && (
          <p role="alert" className="text-sm text-red-700">
            {err.formError}
          </p>
        )}
      </div>
    </form>
  );
}
