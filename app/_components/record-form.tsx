"use client";

// One form for creating or editing a record of any registered type. The server decides which
// fields appear (only those the person may write) and hands them in as plain specs
// (lib/records/forms.ts); the record type's own field schemas validate here and in the server
// action, which re-checks identity and authorization on its own.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type FieldValues } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { formSchema, RECORD_TYPES, type RecordModel } from "@/lib/records";
import type { FormField } from "@/lib/records/forms";
import { CheckboxField, SelectField, TextareaField, TextField } from "./form-field";
import { SubmitButton } from "./submit-button";
import { FormResult } from "./form-alert";
import { HookRefusal } from "./error-summary";
import { applyFieldErrors } from "./hook-form";
import { useHydrated } from "./use-hydrated";

export type FieldSpec = FormField;

export type RecordFormEnvelope = {
  slug: string;
  id?: string;
  expectedUpdatedAt?: string;
  values: Record<string, unknown>;
};

type Props = {
  model: RecordModel;
  mode: "create" | "update";
  fields: FieldSpec[];
  initial: Record<string, string | boolean | number | null>;
  action: (envelope: RecordFormEnvelope) => Promise<ActionResult<{ id: string }>>;
  envelope: Omit<RecordFormEnvelope, "values">;
  submitLabel: string;
  ariaLabel: string;
  /** After a successful create, go to the new record: this prefix plus its id (a plain string: functions cannot cross to the client). */
  redirectBase?: string;
  /** Edit forms send only what changed. */
  onlyChanged?: boolean;
};

export function RecordForm({
  model,
  mode,
  fields,
  initial,
  action,
  envelope,
  submitLabel,
  ariaLabel,
  redirectBase,
  onlyChanged,
}: Props) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // Until the page is interactive, a click would submit the form natively (a GET that drops the
  // input and skips validation): keep the button disabled until then.
  // (false in the server render and during hydration, true once React runs in the browser.)
  const ready = useHydrated();
  const required = fields.filter((f) => f.required).map((f) => f.name);
  const base = formSchema(RECORD_TYPES[model], mode) as unknown as z.ZodType<FieldValues, FieldValues>;
  const withRequired = base.superRefine((v, ctx) => {
    for (const f of required)
      if (v[f] === undefined || v[f] === null || v[f] === "")
        ctx.addIssue({ code: "custom", path: [f], message: "This field is required." });
  });
  const form = useForm<FieldValues>({
    resolver: zodResolver(withRequired),
    defaultValues: Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, v ?? ""])),
  });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, dirtyFields },
  } = form;
  const shown = new Set(fields.map((f) => f.name));

  const onSubmit = handleSubmit(async (all) => {
    setResult(null);
    const values = Object.fromEntries(
      Object.entries(all).filter(([k]) => shown.has(k) && (!onlyChanged || k in dirtyFields)),
    );
    if (onlyChanged && Object.keys(values).length === 0) return setResult({ ok: false, text: "Nothing changed." });
    const res = await action({ ...envelope, values });
    if (res.ok) {
      setResult({ ok: true, text: res.message ?? "Saved." });
      if (redirectBase && res.data?.id) router.push(`${redirectBase}${encodeURIComponent(res.data.id)}`);
      else router.refresh();
      return;
    }
    setResult({ ok: false, text: res.formError ?? "Could not save." });
    applyFieldErrors(setError, res.fieldErrors, (k) => shown.has(k));
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label={ariaLabel}>
      <HookRefusal form={form} message={result && !result.ok ? result.text : null} />
      {fields.map((f) => {
        const err = errors[f.name]?.message;
        const frame = { id: f.name, label: f.label, error: err ? String(err) : undefined };
        const control = { ...register(f.name), "aria-required": f.required || undefined };
        if (f.type === "hidden") return <input key={f.name} type="hidden" {...register(f.name)} />;
        if (f.type === "checkbox") return <CheckboxField key={f.name} {...frame} {...control} className="h-4 w-4" />;
        const text = { ...frame, hint: f.hint, markRequired: f.required, ...control };
        if (f.type === "textarea") return <TextareaField key={f.name} {...text} rows={4} />;
        if (f.type === "select")
          return (
            <SelectField key={f.name} {...text} options={f.options}>
              {!f.required && <option value="">None</option>}
              {f.required && (initial[f.name] ?? "") === "" && <option value="">Choose…</option>}
            </SelectField>
          );
        return (
          <TextField
            key={f.name}
            {...text}
            type={f.type === "number" ? "text" : f.type}
            inputMode={f.type === "number" ? "decimal" : undefined}
          />
        );
      })}
      <SubmitButton pending={isSubmitting} pendingLabel="Saving…" disabled={!ready}>
        {submitLabel}
      </SubmitButton>
      <FormResult success={result?.ok && result.text} />
    </form>
  );
}
