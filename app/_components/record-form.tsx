"use client";

// One form for creating or editing a record of any registered type. The server decides which
// fields appear (only those the person may write) and hands them in as plain specs
// (lib/records/forms.ts); the record type's own field schemas validate here and in the server
// action, which re-checks identity and authorization on its own.
import { useState, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import { useForm, type FieldValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { formSchema, RECORD_TYPES, type RecordModel } from "@/lib/records";
import type { FormField } from "@/lib/records/forms";

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

const noopSubscribe = () => () => undefined;

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
  const ready = useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
  const required = fields.filter((f) => f.required).map((f) => f.name);
  const base = formSchema(RECORD_TYPES[model], mode) as unknown as z.ZodType<FieldValues, FieldValues>;
  const withRequired = base.superRefine((v, ctx) => {
    for (const f of required)
      if (v[f] === undefined || v[f] === null || v[f] === "")
        ctx.addIssue({ code: "custom", path: [f], message: "This field is required." });
  });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<FieldValues>({
    resolver: zodResolver(withRequired),
    defaultValues: Object.fromEntries(Object.entries(initial).map(([k, v]) => [k, v ?? ""])),
  });
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
    for (const [k, m] of Object.entries(res.fieldErrors ?? {}))
      if (m?.[0] && shown.has(k)) setError(k as Path<FieldValues>, { message: m[0] });
  });

  const cls = "w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label={ariaLabel}>
      {fields.map((f) => {
        const err = errors[f.name]?.message;
        const describedBy =
          [err ? `${f.name}-error` : "", f.hint ? `${f.name}-hint` : ""].filter(Boolean).join(" ") || undefined;
        const common = {
          id: f.name,
          "aria-invalid": !!err,
          "aria-describedby": describedBy,
          "aria-required": f.required || undefined,
        };
        if (f.type === "hidden") return <input key={f.name} type="hidden" {...register(f.name)} />;
        if (f.type === "checkbox") {
          return (
            <div key={f.name} className="flex items-center gap-2">
              <input type="checkbox" {...common} {...register(f.name)} className="h-4 w-4" />
              <label htmlFor={f.name} className="text-sm">
                {f.label}
              </label>
              {err && (
                <p id={`${f.name}-error`} className="text-sm text-red-700">
                  {String(err)}
                </p>
              )}
            </div>
          );
        }
        return (
          <div key={f.name} className="space-y-1">
            <label htmlFor={f.name} className="block text-sm font-medium">
              {f.label}
              {f.required && (
                <span aria-hidden className="text-red-700">
                  {" "}
                  *
                </span>
              )}
            </label>
            {f.hint && (
              <p id={`${f.name}-hint`} className="text-xs text-slate-500">
                {f.hint}
              </p>
            )}
            {f.type === "textarea" ? (
              <textarea rows={4} {...common} {...register(f.name)} className={cls} />
            ) : f.type === "select" ? (
              <select {...common} {...register(f.name)} className={cls}>
                {!f.required && <option value="">None</option>}
                {f.required && (initial[f.name] ?? "") === "" && <option value="">Choose…</option>}
                {(f.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={f.type === "number" ? "text" : f.type}
                inputMode={f.type === "number" ? "decimal" : undefined}
                {...common}
                {...register(f.name)}
                className={cls}
              />
            )}
            {err && (
              <p id={`${f.name}-error`} className="text-sm text-red-700">
                {String(err)}
              </p>
            )}
          </div>
        );
      })}
      <button
        type="submit"
        disabled={!ready || isSubmitting}
        aria-busy={isSubmitting}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {isSubmitting && (
          <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />
        )}
        {isSubmitting ? "Saving…" : submitLabel}
      </button>
      <div aria-live="polite">
        {result && (
          <p role={result.ok ? "status" : "alert"} className={result.ok ? "text-green-800" : "text-red-700"}>
            {result.text}
          </p>
        )}
      </div>
    </form>
  );
}
