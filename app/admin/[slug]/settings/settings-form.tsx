"use client";

// The municipality settings form: an input for each setting the viewer may change (`editable`,
// decided by the policy on this municipality's row), the others as plain read-only text. The one
// settings schema (lib/schemas/municipality-settings.ts) checks in the browser first and again on
// the server; the server's field messages land beside their fields, and what was typed stays.
import { useState, type ReactNode } from "react";
import { useForm, type UseFormRegister } from "react-hook-form";
import { z } from "zod";
import {
  MFA_LABELS,
  MODULE_LABELS,
  SETTINGS_HINTS,
  SETTINGS_LABELS,
  settingsInput,
  type MfaChoice,
  type SettingsField,
} from "@/lib/schemas/municipality-settings";
import { CheckboxField, CheckboxGroup, SelectField, TextareaField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { OutcomeResult, type SubmitOutcome } from "@/app/_components/form-alert";
import { applyFieldErrors } from "@/app/_components/hook-form";
import { useHydrated } from "@/app/_components/use-hydrated";
import { CATEGORY_OPTIONS } from "../categories";
import { updateMunicipalitySettingsAction } from "./actions";
import { HookRefusal } from "@/app/_components/error-summary";

type FormValues = Record<string, string | boolean | string[]>;
type Stored = Partial<Record<SettingsField, unknown>>;

const MODULE_OPTIONS = Object.entries(MODULE_LABELS).map(([value, label]) => ({ value, label }));
/** The two "in use" lists are stored as what is switched off; the form shows what is on. */
const IN_USE: Partial<Record<SettingsField, { value: string; label: string }[]>> = {
  disabledModules: MODULE_OPTIONS,
  disabledCategories: CATEGORY_OPTIONS,
};
const DOMAINS: SettingsField[] = ["emailDomains", "selfRegistrationDomains"];
const FLAGS: SettingsField[] = [
  "requiresApproval",
  "reportsPublicAtOnce",
  "ssoRequireMappedClaim",
  "lockoutUntilUnlocked",
  "showSuspensionReason",
];
const NUMBERS: SettingsField[] = ["sessionIdleMinutes", "inactivityDays"];

const SECTIONS: { title: string; fields: SettingsField[] }[] = [
  { title: "About the municipality", fields: ["name", "region", "description"] },
  {
    title: "Who may join",
    fields: ["emailDomains", "selfRegistrationDomains", "requiresApproval", "ssoRequireMappedClaim"],
  },
  { title: "Modules and service categories", fields: ["disabledModules", "disabledCategories"] },
  { title: "Citizens' reports", fields: ["reportsPublicAtOnce"] },
  {
    title: "Sign-in security",
    fields: ["mfaRequirement", "sessionIdleMinutes", "inactivityDays", "lockoutUntilUnlocked"],
  },
  { title: "When someone's access is refused", fields: ["accessContact", "showSuspensionReason"] },
];

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** A stored value as the form holds it. */
function toForm(field: SettingsField, v: unknown): string | boolean | string[] {
  const options = IN_USE[field];
  if (options) return options.map((o) => o.value).filter((o) => !list(v).includes(o));
  if (DOMAINS.includes(field)) return list(v).join(", ");
  if (FLAGS.includes(field)) return v === true;
  return v === null || v === undefined ? "" : String(v);
}

/** What the form holds as the action's input: only the editable fields, the "in use" lists turned back. */
function toInput(values: FormValues, editable: SettingsField[]): Record<string, unknown> {
  return Object.fromEntries(
    editable.map((f) => {
      const options = IN_USE[f];
      const v = values[f];
      return [f, options ? options.map((o) => o.value).filter((o) => !list(v).includes(o)) : v];
    }),
  );
}

/** A stored value in plain words, for a setting the viewer may read but not change. */
function shown(field: SettingsField, v: unknown): string {
  const options = IN_USE[field];
  if (options) {
    const on = options.filter((o) => !list(v).includes(o.value)).map((o) => o.label);
    return on.length === options.length ? "All in use" : on.length ? on.join(", ") : "None in use";
  }
  if (field === "mfaRequirement") return MFA_LABELS[v as MfaChoice] ?? "—";
  if (field === "inactivityDays") return v === null ? "Off" : `${String(v)} days`;
  if (field === "sessionIdleMinutes") return `${String(v)} minutes`;
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (Array.isArray(v)) return v.length ? v.join(", ") : "None";
  return v === null || v === undefined || v === "" ? "Not set" : String(v);
}

function Control({
  field,
  register,
  error,
}: {
  field: SettingsField;
  register: UseFormRegister<FormValues>;
  error?: string;
}): ReactNode {
  const id = `settings-${field}`;
  const common = { id, label: SETTINGS_LABELS[field], hint: SETTINGS_HINTS[field], error };
  const options = IN_USE[field];
  if (options)
    return (
      <div className="space-y-1">
        <CheckboxGroup
          id={id}
          legend={SETTINGS_LABELS[field]}
          options={options}
          input={register(field)}
          error={error}
        />
        {SETTINGS_HINTS[field] && <p className="text-xs text-slate-500">{SETTINGS_HINTS[field]}</p>}
      </div>
    );
  if (FLAGS.includes(field))
    return (
      <div className="space-y-1">
        <CheckboxField id={id} label={SETTINGS_LABELS[field]} error={error} {...register(field)} />
        {SETTINGS_HINTS[field] && <p className="pl-6 text-xs text-slate-500">{SETTINGS_HINTS[field]}</p>}
      </div>
    );
  if (field === "mfaRequirement")
    return (
      <SelectField
        {...common}
        {...register(field)}
        options={Object.entries(MFA_LABELS).map(([value, label]) => ({ value, label }))}
      />
    );
  if (field === "description") return <TextareaField {...common} rows={3} {...register(field)} />;
  if (NUMBERS.includes(field)) return <TextField {...common} inputMode="numeric" {...register(field)} />;
  return <TextField {...common} {...register(field)} />;
}

export function SettingsForm({
  slug,
  values,
  editable,
  updatedAt,
}: {
  slug: string;
  values: Stored;
  editable: SettingsField[];
  updatedAt: string;
}) {
  const [result, setResult] = useState<SubmitOutcome>(null);
  // Controls are live once interactive: a change before hydration would be reset by the form.
  const ready = useHydrated();
  const form = useForm<FormValues>({
    defaultValues: Object.fromEntries(editable.map((f) => [f, toForm(f, values[f])])),
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (typed) => {
    setResult(null);
    const input = toInput(typed, editable);
    // The same schema as the server's: the browser answers at once, the server checks again.
    const local = settingsInput.safeParse(input);
    if (!local.success) {
      applyFieldErrors(form.setError, z.flattenError(local.error).fieldErrors as Record<string, string[]>);
      return setResult({ ok: false, text: "Please correct the marked fields." });
    }
    const r = await updateMunicipalitySettingsAction({ slug, expectedUpdatedAt: updatedAt }, input);
    if (r.ok) return setResult({ ok: true, text: r.message ?? "Saved." });
    setResult({ ok: false, text: r.formError ?? "Something went wrong.", stepUp: r.stepUp });
    applyFieldErrors(form.setError, r.fieldErrors, (k) => editable.includes(k as SettingsField));
  });
  const errorOf = (f: SettingsField) => {
    const e = errors[f];
    return e ? String(e.message ?? "Invalid value") : undefined;
  };
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Municipality settings">
      <HookRefusal form={form} message={result && !result.ok ? result.text : null} stepUp={result?.stepUp} />
      <fieldset disabled={!ready} className="space-y-6">
        {SECTIONS.map((s) => {
          const fields = s.fields.filter((f) => editable.includes(f) || f in values);
          if (fields.length === 0) return null;
          return (
            <section key={s.title} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
              <h2 className="font-semibold">{s.title}</h2>
              {fields.map((f) =>
                editable.includes(f) ? (
                  <Control key={f} field={f} register={form.register} error={errorOf(f)} />
                ) : (
                  <div key={f} data-readonly={f} className="space-y-0.5 text-sm">
                    <p className="font-medium">{SETTINGS_LABELS[f]}</p>
                    <p className="text-slate-700">{shown(f, values[f])}</p>
                    <p className="text-xs text-slate-500">Only a platform administrator changes this.</p>
                  </div>
                ),
              )}
            </section>
          );
        })}
        {editable.length > 0 && (
          <div className="space-y-3">
            <SubmitButton pending={isSubmitting} pendingLabel="Saving…">
              Save settings
            </SubmitButton>
            <OutcomeResult result={result?.ok ? result : null} />
          </div>
        )}
      </fieldset>
    </form>
  );
}
