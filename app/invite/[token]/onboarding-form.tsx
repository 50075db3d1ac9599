"use client";

import { useState } from "react";
import Link from "next/link";
import { useForm, useWatch, type FieldPath, type FieldValues, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import {
  onboardingInput,
  signedInOnboardingInput,
  type OnboardingInput,
  type SignedInOnboardingInput,
} from "@/lib/schemas/people";
import type { ActionResult } from "@/lib/action-result";
import { TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { applyFieldErrors, bindField } from "@/app/_components/hook-form";
import { PasswordMeter } from "@/app/_components/password-meter";
import { ProviderButtonList } from "@/app/_components/provider-button-list";
import { acceptInvitationAction, acceptInvitationSignedInAction, prepareProviderSignInAction } from "./actions";
import { HookRefusal } from "@/app/_components/error-summary";

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

/** A text field bound to the form, its error taken from the form's state. */
function Field<T extends FieldValues>({
  form,
  name,
  ...props
}: {
  form: UseFormReturn<T>;
  name: FieldPath<T>;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
}) {
  return <TextField {...props} {...bindField(form, name)} />;
}

function applyResult<T extends FieldValues>(
  form: UseFormReturn<T>,
  res: ActionResult<{ status: Status }>,
  setFormError: (s: string | null) => void,
): Status | null {
  if (res.ok) return res.data?.status ?? "ACTIVE";
  setFormError(res.formError ?? "Something went wrong.");
  applyFieldErrors(form.setError, res.fieldErrors);
  return null;
}

/** New person: step 1 account (name, password), step 2 profile details; one submission at the end. */
export function OnboardingForm({ token, email }: { token: string; email: string }) {
  const [step, setStep] = useState<1 | 2>(1);
  const [done, setDone] = useState<Status | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<OnboardingInput>({ resolver: zodResolver(onboardingInput), mode: "onTouched" });
  const submitting = form.formState.isSubmitting;
  const [password, typedName] = useWatch({ control: form.control, name: ["password", "name"] });
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
      <HookRefusal form={form} message={formError} />
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
        <PasswordMeter id="password-strength" password={password ?? ""} context={{ name: typedName, email }} />
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
          <SubmitButton pending={submitting} pendingLabel="Creating…">
            Create my account
          </SubmitButton>
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
      <HookRefusal form={form} message={formError} />
      <Field form={form} name="name" label="Your name" autoComplete="name" />
      <Field form={form} name="jobTitle" label="Job title (optional)" autoComplete="organization-title" />
      <Field form={form} name="phone" label="Work phone (optional)" type="tel" autoComplete="tel" />
      <SubmitButton pending={submitting} pendingLabel="Joining…">
        Accept the invitation
      </SubmitButton>
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
  const [error, setError] = useState<string | null>(null);
  if (providers.length === 0) return null;
  const go = async (p: { id: string; kind: "oauth" | "sso" }) => {
    setError(null);
    if (p.kind === "oauth") {
      const r = await prepareProviderSignInAction(token);
      if (!r.ok) {
        setError(r.formError ?? "Something went wrong.");
        return false;
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
        <ProviderButtonList
          providers={providers}
          label={(p) => `Continue with ${p.name}`}
          busyLabel="Redirecting…"
          go={go}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
        />
      </div>
      <FormResult error={error} />
    </div>
  );
}
