"use client";

// The new-municipality form. Submitted through a transition rather than the form's `action`, so
// React does not reset it: after a refusal every field keeps what was typed, each error beside its
// field. The server (lib/data/platform-municipalities.ts) parses and checks everything again.
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { IDLE_MINUTES, MFA_CHOICES, MODULE_CHOICES } from "@/lib/schemas/municipality";
import {
  CheckboxField,
  CheckboxGroup,
  fieldError,
  SelectField,
  TextareaField,
  TextField,
} from "@/app/_components/form-field";
import { FormAlert } from "@/app/_components/form-alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { createMunicipalityAction } from "../../actions";

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
  const err = (name: string) => fieldError(state, name);
  return (
    <form method="post" onSubmit={submit} aria-label="New municipality" className="max-w-2xl space-y-5">
      <FormAlert
        message={state && !state.ok ? state.formError : null}
        stepUp={!!state && !state.ok && state.stepUp === true}
      />
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">About</legend>
        <TextField id="m-name" name="name" label="Name" required maxLength={120} markRequired error={err("name")} />
        <TextField
          id="m-slug"
          name="slug"
          label="Web address"
          hint="Lower-case letters, digits and dashes; used in /m/<address> and /w/<address>. Cannot be changed later."
          required
          markRequired
          maxLength={64}
          pattern="[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?"
          autoCapitalize="none"
          error={err("slug")}
        />
        <TextField id="m-region" name="region" label="Region (optional)" maxLength={120} error={err("region")} />
        <TextareaField
          id="m-description"
          name="description"
          label="Description (optional)"
          rows={2}
          maxLength={1000}
          error={err("description")}
        />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Email domains and joining</legend>
        <TextareaField
          id="m-emailDomains"
          name="emailDomains"
          label="Email domains"
          hint="One per line, e.g. cityofexample.gov. The municipality's sign-in and directory speak for these; no two municipalities share one."
          rows={2}
          autoCapitalize="none"
          error={err("emailDomains")}
        />
        <CheckboxField
          id="m-selfRegistration"
          name="selfRegistration"
          label="People with these addresses may ask for an account themselves (self-registration)"
          error={err("selfRegistration")}
        />
        <CheckboxField
          id="m-requiresApproval"
          name="requiresApproval"
          defaultChecked
          label="New members wait for an administrator's approval"
          error={err("requiresApproval")}
        />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">Modules and sign-in</legend>
        <CheckboxGroup
          id="m-enabledModules"
          legend="Modules in use"
          options={MODULE_CHOICES.map((m) => ({ value: m.value, label: m.label }))}
          input={{ name: "enabledModules", defaultChecked: true }}
          error={err("enabledModules")}
        />
        <SelectField
          id="m-mfaRequirement"
          name="mfaRequirement"
          label="Second factor (MFA)"
          defaultValue="ADMINS_AND_MANAGERS"
          options={MFA_CHOICES}
          error={err("mfaRequirement")}
        />
        <TextField
          id="m-sessionIdleMinutes"
          name="sessionIdleMinutes"
          label="Sign out after this many idle minutes"
          type="number"
          inputMode="numeric"
          min={IDLE_MINUTES.min}
          max={IDLE_MINUTES.max}
          defaultValue={IDLE_MINUTES.default}
          required
          error={err("sessionIdleMinutes")}
        />
        <TextField
          id="m-inactivityDays"
          name="inactivityDays"
          label="Suspend members who have not signed in for this many days"
          hint="30 to 365; leave empty to switch this off."
          type="number"
          inputMode="numeric"
          min={30}
          max={365}
          defaultValue={90}
          error={err("inactivityDays")}
        />
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">First departments</legend>
        <TextareaField
          id="m-departments"
          name="departments"
          label="Departments (optional, one per line)"
          rows={3}
          error={err("departments")}
        />
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Creating…">
        Create municipality
      </SubmitButton>
    </form>
  );
}
