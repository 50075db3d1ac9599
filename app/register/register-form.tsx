"use client";

import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { registrationInput, type RegistrationInput } from "@/lib/schemas/people";
import { requestRegistrationAction } from "./actions";

export function RegisterForm({
  municipalities,
}: {
  municipalities: { slug: string; name: string; domains: string[] }[];
}) {
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RegistrationInput>({
    resolver: zodResolver(registrationInput),
    defaultValues: { municipality: municipalities.length === 1 ? municipalities[0]!.slug : "" },
  });
  const { errors, isSubmitting } = form.formState;
  const slug = useWatch({ control: form.control, name: "municipality" });
  const chosen = municipalities.find((m) => m.slug === slug);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const r = await requestRegistrationAction(values);
    if (r.ok) return setDone(r.message ?? "Check your mail.");
    setFormError(r.formError ?? "Something went wrong.");
    for (const [k, m] of Object.entries(r.fieldErrors ?? {}))
      if (m?.[0]) form.setError(k as keyof RegistrationInput, { message: m[0] });
  });
  if (done)
    return (
      <p role="status" className="rounded-lg border border-green-200 bg-green-50 p-5 text-green-900">
        {done}
      </p>
    );
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Ask to join">
      <div aria-live="assertive">
        {formError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor="municipality" className="block text-sm font-medium">
          Municipality
        </label>
        <select
          id="municipality"
          {...form.register("municipality")}
          aria-invalid={!!errors.municipality}
          aria-describedby={errors.municipality ? "municipality-error" : undefined}
          className="w-full rounded-md border border-slate-300 px-3 py-2"
        >
          <option value="">Choose…</option>
          {municipalities.map((m) => (
            <option key={m.slug} value={m.slug}>
              {m.name}
            </option>
          ))}
        </select>
        {errors.municipality && (
          <p id="municipality-error" className="text-sm text-red-700">
            {errors.municipality.message}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium">
          Work email
        </label>
        <input
          id="email"
          type="email"
          autoComplete="email"
          {...form.register("email")}
          aria-invalid={!!errors.email}
          aria-describedby={["email-hint", errors.email ? "email-error" : ""].filter(Boolean).join(" ")}
          className="w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <p id="email-hint" className="text-xs text-slate-500">
          {chosen
            ? `Addresses ending in ${chosen.domains.map((d) => `@${d}`).join(" or ")}.`
            : "Your municipality's address."}
        </p>
        {errors.email && (
          <p id="email-error" className="text-sm text-red-700">
            {errors.email.message}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={isSubmitting}
        aria-busy={isSubmitting}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {isSubmitting && (
          <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-white border-t-transparent" />
        )}
        {isSubmitting ? "Sending…" : "Send me a confirmation link"}
      </button>
    </form>
  );
}
