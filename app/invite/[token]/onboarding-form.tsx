"use client";

import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { onboardingInput, type OnboardingInput } from "@/lib/schemas/people";
import { acceptInvitationAction } from "./actions";

export function OnboardingForm({ token, email }: { token: string; email: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<OnboardingInput>({ resolver: zodResolver(onboardingInput) });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await acceptInvitationAction(token, values);
    if (res.ok) return setDone(res.data?.status ?? "ACTIVE");
    setFormError(res.formError ?? "Something went wrong.");
    for (const [k, m] of Object.entries(res.fieldErrors ?? {})) if (m?.[0]) setError(k as keyof OnboardingInput, { message: m[0] });
  });
  if (done) {
    return (
      <div role="status" className="space-y-2 rounded-lg border border-green-200 bg-green-50 p-5">
        <h2 className="text-lg font-semibold text-green-900">{done === "ACTIVE" ? "Your account is ready." : "Thank you — an administrator will review your account."}</h2>
        <p className="text-sm">{done === "ACTIVE" ? "Sign in with your email and the password you chose." : "You will get an email when it is approved. You can sign in now, but you will see your municipality only after approval."}</p>
        <Link href="/signin" className="text-brand-700 underline">Go to sign-in</Link>
      </div>
    );
  }
  const f = (name: keyof OnboardingInput, label: string, type = "text", autoComplete?: string) => (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">{label}</label>
      <input id={name} type={type} autoComplete={autoComplete} {...register(name)} aria-invalid={!!errors[name]} aria-describedby={errors[name] ? `${name}-error` : undefined} className="w-full rounded-md border border-slate-300 px-3 py-2" />
      {errors[name] && <p id={`${name}-error`} className="text-sm text-red-700">{errors[name]?.message}</p>}
    </div>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create your account">
      <p className="text-sm text-slate-600">Email: <strong>{email}</strong></p>
      <div aria-live="polite">{formError && <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">{formError}</p>}</div>
      {f("name", "Your name", "text", "name")}
      {f("jobTitle", "Job title (optional)", "text", "organization-title")}
      {f("password", "Choose a password", "password", "new-password")}
      {f("confirm", "Repeat the password", "password", "new-password")}
      <button type="submit" disabled={isSubmitting} aria-busy={isSubmitting} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60">{isSubmitting ? "Creating…" : "Create my account"}</button>
    </form>
  );
}
