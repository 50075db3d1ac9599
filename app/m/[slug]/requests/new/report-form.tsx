"use client";

import { useState, useSyncExternalStore } from "react";
import Link from "next/link";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { RECORD_TYPES, writeSchema } from "@/lib/records";
import { ServiceCategory } from "@/lib/schemas/enums";
import { enumOptions } from "@/lib/records/labels";
import { submitServiceRequestAction } from "./actions";

// The service request's own create schema and category values (lib/records), as the server parses them.
const serviceRequestSubmission = writeSchema(RECORD_TYPES.ServiceRequest, "create");
type FieldName =
  | "municipalityId"
  | "category"
  | "title"
  | "description"
  | "area"
  | "address"
  | "reporterName"
  | "reporterEmail"
  | "reporterPhone";
type ServiceRequestSubmissionInput = Partial<Record<FieldName, string>>;
const CATEGORIES = enumOptions(ServiceCategory);

const noopSubscribe = () => () => undefined;

export function ReportForm({ municipalityId, slug, areas }: { municipalityId: string; slug: string; areas: string[] }) {
  // Enabled only once interactive: a click before hydration would submit natively and lose the input.
  const ready = useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
  const [done, setDone] = useState<{ reference: string | null } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ServiceRequestSubmissionInput>({
    resolver: zodResolver(serviceRequestSubmission) as unknown as Resolver<ServiceRequestSubmissionInput>,
    defaultValues: { municipalityId },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const website = (document.getElementById("website") as HTMLInputElement | null)?.value ?? "";
    const res = await submitServiceRequestAction({ ...values, website });
    if (res.ok) return setDone(res.data ?? { reference: null });
    setFormError(res.formError ?? "Something went wrong.");
    for (const [k, msgs] of Object.entries(res.fieldErrors ?? {}))
      if (msgs?.[0]) setError(k as FieldName, { message: msgs[0] });
  });

  if (done) {
    return (
      <div role="status" className="space-y-3 rounded-lg border border-green-200 bg-green-50 p-6">
        <h2 className="text-lg font-semibold text-green-900">Thank you — your report was received.</h2>
        {done.reference && (
          <p>
            Your reference is <strong className="font-mono">{done.reference}</strong>.
          </p>
        )}
        <p className="text-sm text-green-900">
          Your contact details are only visible to the staff handling your report.
        </p>
        <Link href={`/m/${slug}`} className="text-brand-700 underline">
          Back to the public list
        </Link>
      </div>
    );
  }

  const field = (name: FieldName, labelText: string, input: React.ReactNode, hint?: string) => (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {labelText}
      </label>
      {hint && (
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {input}
      {errors[name] && (
        <p id={`${name}-error`} className="text-sm text-red-700">
          {errors[name]?.message}
        </p>
      )}
    </div>
  );
  const a11y = (name: FieldName, hint = false) => ({
    id: name,
    "aria-invalid": !!errors[name],
    "aria-describedby":
      [errors[name] ? `${name}-error` : "", hint ? `${name}-hint` : ""].filter(Boolean).join(" ") || undefined,
    className: "w-full rounded-md border border-slate-300 px-3 py-2",
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <div aria-live="polite">
        {formError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
      </div>
      <input type="hidden" {...register("municipalityId")} />
      {field(
        "category",
        "Category",
        <select {...register("category")} {...a11y("category")} defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {CATEGORIES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>,
      )}
      {field("title", "What is the problem?", <input {...register("title")} {...a11y("title")} />)}
      {field("description", "Details", <textarea rows={4} {...register("description")} {...a11y("description")} />)}
      {field(
        "area",
        "Area or district",
        <>
          <input list="areas" {...register("area")} {...a11y("area", true)} />
          <datalist id="areas">
            {areas.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </>,
        "Shown publicly. The exact address below is not.",
      )}
      {field(
        "address",
        "Exact address or location (optional, not public)",
        <input {...register("address")} {...a11y("address")} />,
      )}
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Your contact details (optional, never public)</legend>
        {field(
          "reporterName",
          "Name",
          <input autoComplete="name" {...register("reporterName")} {...a11y("reporterName")} />,
        )}
        {field(
          "reporterEmail",
          "Email",
          <input type="email" autoComplete="email" {...register("reporterEmail")} {...a11y("reporterEmail")} />,
        )}
        {field(
          "reporterPhone",
          "Phone",
          <input type="tel" autoComplete="tel" {...register("reporterPhone")} {...a11y("reporterPhone")} />,
        )}
      </fieldset>
      {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-0 w-0 overflow-hidden">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <button
        type="submit"
        disabled={!ready || isSubmitting}
        aria-busy={isSubmitting}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {isSubmitting && (
          <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" />
        )}
        {isSubmitting ? "Sending…" : "Send report"}
      </button>
    </form>
  );
}
