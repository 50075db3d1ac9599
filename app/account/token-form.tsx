"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { createApiTokenAction } from "./actions";

export function TokenForm({ memberships }: { memberships: { id: string; name: string; groups: string[] }[] }) {
  const [state, action, pending] = useActionState<ActionResult<{ token: string }> | null, FormData>(
    createApiTokenAction,
    null,
  );
  if (memberships.length === 0)
    return <p className="text-sm text-slate-600">Tokens act within a municipality; you have no active membership.</p>;
  return (
    <form action={action} className="space-y-3" aria-label="Create API token">
      <div className="space-y-1">
        <label htmlFor="token-name" className="block text-sm font-medium">
          Token name
        </label>
        <input
          id="token-name"
          name="name"
          required
          minLength={3}
          maxLength={80}
          placeholder="e.g. GIS nightly import"
          className="w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="token-muni" className="block text-sm font-medium">
          Municipality
        </label>
        <select id="token-muni" name="municipalityId" className="w-full rounded-md border border-slate-300 px-3 py-2">
          {memberships.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Groups (at most yours)</legend>
        {[...new Set(memberships.flatMap((m) => m.groups))].map((g) => (
          <label key={g} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="groups" value={g} defaultChecked /> {g}
          </label>
        ))}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="token-days" className="block text-sm font-medium">
          Expires after (days)
        </label>
        <input
          id="token-days"
          name="expiresInDays"
          type="number"
          min={1}
          max={365}
          defaultValue={90}
          className="w-32 rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
      <button
        disabled={pending}
        aria-busy={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-white disabled:opacity-60"
      >
        {pending ? "Creating…" : "Create token"}
      </button>
      <div aria-live="polite">
        {state?.ok && state.data && (
          <div className="space-y-1 rounded-md border border-green-200 bg-green-50 p-3 text-sm">
            <p>{state.message}</p>
            <label htmlFor="new-token" className="block font-medium">
              New token
            </label>
            <input
              id="new-token"
              readOnly
              value={state.data.token}
              className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
            />
          </div>
        )}
        {state && !state.ok && (
          <p role="alert" className="text-sm text-red-700">
            {state.formError}
          </p>
        )}
      </div>
    </form>
  );
}
