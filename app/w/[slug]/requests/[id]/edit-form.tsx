"use client";

import { useState, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { serviceRequestUpdate, type ServiceRequestUpdateInput } from "@/lib/schemas/service-request";
import { updateServiceRequestAction } from "./actions";

const STATUSES = ["SUBMITTED", "TRIAGED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED"] as const;
const CATEGORIES = ["ROADS", "STREET_LIGHTING", "WASTE", "PARKS", "WATER", "NOISE", "GRAFFITI", "OTHER"] as const;
const pretty = (s: string) => s.replaceAll("_", " ").toLowerCase().replace(/^./, (c) => c.toUpperCase());

type Props = {
  id: string;
  slug: string;
  updatedAt: string;
  /** Only the fields this person may change on this record; nothing else is rendered. */
  editable: string[];
  values: ServiceRequestUpdateInput;
  departments: { id: string; name: string }[];
};

const noopSubscribe = () => () => undefined;

export function EditRequestForm({ id, slug, updatedAt, editable, values, departments }: Props) {
  const router = useRouter();
  // Enabled only once interactive: a click before hydration would submit natively and lose the input.
  const ready = useSyncExternalStore(noopSubscribe, () => true, () => false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting, dirtyFields } } = useForm<ServiceRequestUpdateInput>({
    resolver: zodResolver(serviceRequestUpdate),
    defaultValues: values,
  });
  const has = (f: string) => editable.includes(f);

  const onSubmit = handleSubmit(async (all) => {
    // Send only what changed: fewer conflicts, and nothing the person did not touch.
    const changes = Object.fromEntries(Object.entries(all).filter(([k]) => k in dirtyFields && has(k)));
    if (Object.keys(changes).length === 0) return setResult({ ok: false, text: "Nothing changed." });
    const res = await updateServiceRequestAction({ id, slug, expectedUpdatedAt: updatedAt, changes });
    if (res.ok) {
      setResult({ ok: true, text: res.message ?? "Saved." });
      router.refresh();
      return;
    }
    setResult({ ok: false, text: res.formError ?? "Could not save." });
    for (const [k, m] of Object.entries(res.fieldErrors ?? {})) if (m?.[0]) setError(k as keyof ServiceRequestUpdateInput, { message: m[0] });
  });

  const cls = "w-full rounded-md border border-slate-300 px-3 py-2";
  const err = (f: keyof ServiceRequestUpdateInput) => errors[f] && <p id={`${f}-error`} className="text-sm text-red-700">{errors[f]?.message}</p>;
  const a = (f: keyof ServiceRequestUpdateInput) => ({ id: f, "aria-invalid": !!errors[f], "aria-describedby": errors[f] ? `${f}-error` : undefined, className: cls });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Edit request">
      {has("status") && (
        <div className="space-y-1"><label htmlFor="status" className="block text-sm font-medium">Status</label>
          <select {...register("status")} {...a("status")}>{STATUSES.map((s) => <option key={s} value={s}>{pretty(s)}</option>)}</select>{err("status")}</div>
      )}
      {has("category") && (
        <div className="space-y-1"><label htmlFor="category" className="block text-sm font-medium">Category</label>
          <select {...register("category")} {...a("category")}>{CATEGORIES.map((s) => <option key={s} value={s}>{pretty(s)}</option>)}</select>{err("category")}</div>
      )}
      {has("departmentId") && (
        <div className="space-y-1"><label htmlFor="departmentId" className="block text-sm font-medium">Department</label>
          <select {...register("departmentId")} {...a("departmentId")}><option value="">None</option>{departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}</select>{err("departmentId")}</div>
      )}
      {has("internalNotes") && (
        <div className="space-y-1"><label htmlFor="internalNotes" className="block text-sm font-medium">Internal notes</label>
          <textarea rows={4} {...register("internalNotes")} {...a("internalNotes")} />{err("internalNotes")}</div>
      )}
      {has("isPublic") && (
        <div className="flex items-center gap-2"><input type="checkbox" id="isPublic" {...register("isPublic")} /><label htmlFor="isPublic" className="text-sm">Show on the public portal (limited fields)</label></div>
      )}
      <button type="submit" disabled={!ready || isSubmitting} aria-busy={isSubmitting} className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {isSubmitting && <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />}
        {isSubmitting ? "Saving…" : "Save changes"}
      </button>
      <div aria-live="polite">{result && <p role={result.ok ? "status" : "alert"} className={result.ok ? "text-green-800" : "text-red-700"}>{result.text}</p>}</div>
    </form>
  );
}
