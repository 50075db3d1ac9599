"use client";

import { useState } from "react";
import Link from "next/link";
import { useForm, type FieldPath, type FieldValues, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import {
  onboardingInput,
  signedInOnboardingInput,
  type OnboardingInput,
  type SignedInOnboardingInput,
} from "@/lib/schemas/people";
import type { ActionResult } from "@/lib/action-result";
import { acceptInvitationAction, acceptInvitationSignedInAction, prepareProviderSignInAction } from "./actions";

type Status = "ACTIVE" | "PENDING_APPROVAL";

function Done({ status, signedIn }: { status: Status; signedIn: boolean }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-green-200 bg-green-50 p-5">
      <h2 className="text-lg font-semibold text-green-900">
        {status === "ACTIVE" ? "Your account is ready." : "Thank you — an administrator will review your account."}
      </h2>
      <p className="text-sm">
        {status === "ACTIVE"
          ? "A welcome mail is on its way."
          : "You will get an email when it is approved. Until then you will not see your municipality's records."}
      </p>
      <Link href={signedIn ? "/w" : "/signin"} className="text-brand-700 underline">
        {signedIn ? "Go to your workspace" : "Go to sign-in"}
      </Link>
    </div>
  );
}

function Field<T extends FieldValues>({
  form,
  name,
  label,
  type = "text",
  autoComplete,
  hint,
}: {
  form: UseFormReturn<T>;
  name: FieldPath<T>;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
}) {
  const error = form.formState.errors[name];
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        type={type}
        autoComplete={autoComplete}
        {...form.register(name)}
        aria-invalid={!!error}
        aria-describedby={describedBy}
        className="w-full rounded-md border border-slate-300 px-3 py-2"
      />
      {hint && (
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${name}-error`} className="text-sm text-red-700">
          {String(error.message ?? "Invalid value")}
        </p>
      )}
    </div>
  );
}

function applyResult<T extends FieldValues>(
  form: UseFormReturn<T>,
  res: ActionResult<{ status: Status }>,
  setFormError: (s: string | null) => void,
): Status | null {
  if (res.ok) return res.data?.status ?? "ACTIVE";
  setFormError(res.formError ?? "Something went wrong.");
  for (const [k, m] of Object.entries(res.fieldErrors ?? {}))
    if (m?.[0]) form.setError(k as FieldPath<T>, { message: m[0] });
  return null;
}

function Spinner() {
  return (
    <span
      aria-hidden
      className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-white border-t-transparent"
    />
  );
}

/** New person: step 1 account (name, password), step 2 profile details; one submission at the end. */
export function OnboardingForm({ token, email }: { token: string; email: string }) {
  const [step, setStep] = useState<1 | 2>(1);
  const [done, setDone] = useState<Status | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<OnboardingInput>({ resolver: zodResolver(onboardingInput), mode: "onTouched" });
  const submitting = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const status = applyResult(form, await acceptInvitationAction(token, values), setFormError);
    if (status) setDone(status);
    // A server-side error on a step-1 field: go back so it is visible.
    else if (form.formState.errors.name || form.formState.errors.password || form.formState.errors.confirm) setStep(1);
  });
  if (done) return <Done status={done} signedIn={false} />;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create your account">
      <p className="text-sm text-slate-600">
        Email: <strong>{email}</strong>
      </p>
      <p className="text-sm font-medium text-slate-700" aria-live="polite">
        Step {step} of 2: {step === 1 ? "your account" : "your profile"}
      </p>
      <div aria-live="assertive">
        {formError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
      </div>
      <div hidden={step !== 1} className="space-y-4">
        <Field form={form} name="name" label="Your name" autoComplete="name" />
        <Field
          form={form}
          name="password"
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
        />
        <Field form={form} name="confirm" label="Repeat the password" type="password" autoComplete="new-password" />
        <button
          type="button"
          onClick={async () => {
            if (await form.trigger(["name", "password", "confirm"])) setStep(2);
          }}
          className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white"
        >
          Next: your profile
        </button>
      </div>
      <div hidden={step !== 2} className="space-y-4">
        <Field form={form} name="jobTitle" label="Job title (optional)" autoComplete="organization-title" />
        <Field form={form} name="phone" label="Work phone (optional)" type="tel" autoComplete="tel" />
        <div className="flex gap-3">
          <button type="button" onClick={() => setStep(1)} className="rounded-md border border-slate-300 px-4 py-2">
            Back
          </button>
          <button
            type="submit"
            disabled={submitting}
            aria-busy={submitting}
            className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60"
          >
            {submitting && <Spinner />}
            {submitting ? "Creating…" : "Create my account"}
          </button>
        </div>
      </div>
    </form>
  );
}

/** Already signed in with the invited address (password, SSO or OAuth): only the profile. */
export function SignedInOnboardingForm({ token, email, name }: { token: string; email: string; name: string }) {
  const [done, setDone] = useState<Status | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignedInOnboardingInput>({
    resolver: zodResolver(signedInOnboardingInput),
    defaultValues: { name },
  });
  const submitting = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const status = applyResult(form, await acceptInvitationSignedInAction(token, values), setFormError);
    if (status) setDone(status);
  });
  if (done) return <Done status={done} signedIn />;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Complete your profile">
      <p className="text-sm text-slate-600">
        Signed in as <strong>{email}</strong>.
      </p>
      <div aria-live="assertive">
        {formError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </p>
        )}
      </div>
      <Field form={form} name="name" label="Your name" autoComplete="name" />
      <Field form={form} name="jobTitle" label="Job title (optional)" autoComplete="organization-title" />
      <Field form={form} name="phone" label="Work phone (optional)" type="tel" autoComplete="tel" />
      <button
        type="submit"
        disabled={submitting}
        aria-busy={submitting}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {submitting && <Spinner />}
        {submitting ? "Joining…" : "Accept the invitation"}
      </button>
    </form>
  );
}

/** "Continue with …": OAuth needs the (bare) account to exist first; SSO creates its own. */
export function ProviderButtons({
  token,
  providers,
}: {
  token: string;
  providers: { id: string; name: string; kind: "oauth" | "sso" }[];
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (providers.length === 0) return null;
  const go = async (p: { id: string; kind: "oauth" | "sso" }) => {
    setBusy(p.id);
    setError(null);
    if (p.kind === "oauth") {
      const r = await prepareProviderSignInAction(token);
      if (!r.ok) {
        setBusy(null);
        return setError(r.formError ?? "Something went wrong.");
      }
    }
    await signIn(p.id, { callbackUrl: `/invite/${token}` });
  };
  return (
    <div className="space-y-2 border-t border-slate-200 pt-4">
      <p className="text-sm text-slate-600">
        Or continue with an account your organisation already gave you (it must use the invited address):
      </p>
      <div className="flex flex-wrap gap-2">
        {providers.map((p) => (
          <button
            key={p.id}
            type="button"
            disabled={busy !== null}
            aria-busy={busy === p.id}
            onClick={() => void go(p)}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
          >
            {busy === p.id ? "Redirecting…" : `Continue with ${p.name}`}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
