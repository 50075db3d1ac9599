"use client";

import type { ActionResult } from "@/lib/action-result";
import { CheckboxGroup, fieldError, refusalMessage, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { createApiTokenAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

type GroupOption = { value: string; label: string; title?: string };

export function TokenForm({ memberships }: { memberships: { id: string; name: string; groups: GroupOption[] }[] }) {
  const { state, form, pending } = useFormAction<ActionResult<{ token: string }>>(createApiTokenAction);
  if (memberships.length === 0)
    return <p className="text-sm text-slate-600">Tokens act within a municipality; you have no active membership.</p>;
  return (
    <KeptForm form={form} state={state} className="space-y-3" aria-label="Create API token">
      <TextField
        id="token-name"
        label="Token name"
        name="name"
        required
        minLength={3}
        maxLength={80}
        placeholder="e.g. GIS nightly import"
        error={fieldError(state, "name")}
      />
      <SelectField
        id="token-muni"
        label="Municipality"
        name="municipalityId"
        options={memberships.map((m) => ({ value: m.id, label: m.name }))}
      />
      <CheckboxGroup
        id="token-groups"
        legend="Groups (at most yours)"
        options={[...new Map(memberships.flatMap((m) => m.groups).map((g) => [g.value, g])).values()]}
        input={{ name: "groups", defaultChecked: true }}
      />
      <TextField
        id="token-days"
        label="Expires after (days)"
        name="expiresInDays"
        type="number"
        min={1}
        max={365}
        defaultValue={90}
        className="w-32 rounded-md border border-slate-300 px-3 py-2"
      />
      <SubmitButton pending={pending} pendingLabel="Creating…" size="sm">
        Create token
      </SubmitButton>
      <FormResult error={refusalMessage(state)} stepUp={!!state && !state.ok && state.stepUp}>
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
      </FormResult>
    </KeptForm>
  );
}
