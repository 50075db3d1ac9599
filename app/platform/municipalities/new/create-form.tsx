"use client";

// The new-municipality form. Submitted through a transition rather than the form's `action`, so
// React does not reset it: after a refusal every field keeps what was typed, each error beside its
// field. The server (lib/data/platform-municipalities.ts) parses and checks everything again.
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { IDLE_MINUTES, MFA_CHOICES, MODULE_CHOICES } from "@/lib/schemas/municipality";
import { INACTIVITY_DEFAULT_DAYS, INACTIVITY_MAX_DAYS, INACTIVITY_MIN_DAYS } from "@/lib/schemas/inactivity";
import {
  CheckboxField,
  CheckboxGroup,
  fieldError,
  refusalMessage,
  SelectField,
  TextareaField,
  TextField,
} from "@/app/_components/form-field";
import { FormAlert } from "@/app/_components/form-alert";
import { ActionErrorSummary } from "@/app/_components/error-summary";
import { SubmitButton } from "@/app/_components/submit-button";
import { createMunicipalityAction } from "../../actions";

/** A whole number within `range` ([min, max, default]); the server checks the range again. */
function NumberField({ range: [min, max, initial], ...field }: Parameters<typeof TextField>[0] & { range: number[] }) {
  return <TextField {...field} type="number" inputMode="numeric" min={min} max={max} defaultValue={initial} />;
}

export function CreateMunicipalityForm() {
  const [state, setState] = useState<ActionResult<{ href: string }> | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const r = await createMunicipalityAction(null, form);
      setState(r);
      if (r.ok && r.data) router.push(r.data.href);
    });
  };
  // id, name and the server's message for one field.
  const bind = (name: string) => ({ id: `m-${name}`, name, error: fieldError(state, name) });
  return (
    <form method="post" onSubmit={submit} aria-label="New municipality" className="max-w-2xl space-y-5">
      <ActionErrorSummary state={state} />
      <FormAlert message={refusalMessage(state)} stepUp={!!state && !state.ok && state.stepUp === true} />
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">About</legend>
        <TextField {...bind("name")} label="Name" required maxLength={120} markRequired />
        <TextField
          {...bind("slug")}
          label="Web address"
          hint="Lower-case letters, digits and dashes; used in /m/<address> and /w/<address>. Cannot be changed later."
          required
          markRequired
          maxLength={64}
          pattern="[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?"
          autoCapitalize="none"
        />
        <TextField {...bind("region")} label="Region (optional)" maxLength={120} />
        <TextareaField {...bind("description")} label="Description (optional)" rows={2} maxLength={1000} />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Email domains and joining</legend>
        <TextareaField
          {...bind("emailDomains")}
          label="Email domains"
          hint="One per line, e.g. cityofexample.gov. The municipality's sign-in and directory speak for these; no two municipalities share one."
          rows={2}
          autoCapitalize="none"
        />
        <CheckboxField
          {...bind("selfRegistration")}
          label="People with these addresses may ask for an account themselves (self-registration)"
        />
        <CheckboxField
          {...bind("requiresApproval")}
          defaultChecked
          label="New members wait for an administrator's approval"
        />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Modules and sign-in</legend>
        <CheckboxGroup
          {...bind("enabledModules")}
          legend="Modules in use"
          options={[...MODULE_CHOICES]}
          input={{ name: "enabledModules", defaultChecked: true }}
        />
        <SelectField
          {...bind("mfaRequirement")}
          label="Second factor (MFA)"
          defaultValue="ADMINS_AND_MANAGERS"
          options={MFA_CHOICES}
        />
        <NumberField
          {...bind("sessionIdleMinutes")}
          label="Sign out after this many idle minutes"
          range={[IDLE_MINUTES.min, IDLE_MINUTES.max, IDLE_MINUTES.default]}
          required
        />
        <NumberField
          {...bind("inactivityDays")}
          label="Suspend members who have not signed in for this many days"
          hint="30 to 365; leave empty to switch this off."
          range={[INACTIVITY_MIN_DAYS, INACTIVITY_MAX_DAYS, INACTIVITY_DEFAULT_DAYS]}
        />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">First departments</legend>
        <TextareaField {...bind("departments")} label="Departments (optional, one per line)" rows={3} />
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Creating…">
        Create municipality
      </SubmitButton>
    </form>
  );
}
