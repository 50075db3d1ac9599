"use client";
// /account's self-service forms: profile, password, email address. Each posts through
// ./self-service-actions.ts; a refusal that needs a fresh authentication (step-up) says so and
// offers to sign in again.
import { useState, type FormEventHandler, type ReactNode } from "react";
import Link from "next/link";
import { useForm, type FieldValues, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import {
  changePasswordInput,
  emailChangeInput,
  profileInput,
  type ChangePasswordInput,
  type EmailChangeInput,
  type ProfileInput,
} from "@/lib/schemas/account";
import type { ActionResult } from "@/lib/action-result";
import { TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";
import { applyFieldErrors, bindField } from "@/app/_components/hook-form";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { changeOwnPasswordAction, requestEmailChangeAction, updateOwnProfileAction } from "./self-service-actions";

type Outcome = { ok: true; message: string } | { ok: false; message: string; stepUp?: boolean } | null;

function useSubmit<T extends FieldValues>(
  form: UseFormReturn<T>,
  send: (values: T) => Promise<ActionResult>,
  after?: () => void,
) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setOutcome(null);
    const r = await send(values);
    if (r.ok) {
      setOutcome({ ok: true, message: r.message ?? "Saved." });
      after?.();
      return;
    }
    setOutcome({ ok: false, message: r.formError ?? "Something went wrong.", stepUp: r.stepUp });
    applyFieldErrors(form.setError, r.fieldErrors);
  });
  return { outcome, onSubmit, pending: form.formState.isSubmitting };
}

function Outcome({ outcome }: { outcome: Outcome }) {
  return (
    <>
      <FormAlert message={outcome && !outcome.ok ? outcome.message : null} />
      {outcome && !outcome.ok && outcome.stepUp && (
        <p className="text-sm">
          <Link href="/signin?next=%2Faccount" className="text-brand-700 underline">
            Confirm it&apos;s you: sign in again
          </Link>
        </p>
      )}
      <div aria-live="polite">
        {outcome?.ok && (
          <p role="status" className="text-sm text-green-800">
            {outcome.message}
          </p>
        )}
      </div>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Each self-service form's accessible name and submit button (its label, and while it waits). */
const FORMS = {
  profile: { label: "Your profile", submitLabel: "Save profile", pendingLabel: "Saving…" },
  password: { label: "Change your password", submitLabel: "Change password", pendingLabel: "Changing…" },
  email: { label: "Change your email address", submitLabel: "Send a confirmation link", pendingLabel: "Sending…" },
} as const;

/** One self-service form: its outcome on top, then `children` (the fields), then the submit button. */
function OwnForm({
  kind,
  submit,
  children,
}: {
  kind: keyof typeof FORMS;
  submit: { outcome: Outcome; onSubmit: FormEventHandler<HTMLFormElement>; pending: boolean };
  children: ReactNode;
}) {
  const { label, submitLabel, pendingLabel } = FORMS[kind];
  return (
    <form method="post" onSubmit={submit.onSubmit} noValidate className="max-w-md space-y-3" aria-label={label}>
      <Outcome outcome={submit.outcome} />
      {children}
      <SubmitButton pending={submit.pending} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

export function ProfileForm({ initial }: { initial: { name: string; jobTitle: string; phone: string } }) {
  const form = useForm<ProfileInput>({ resolver: zodResolver(profileInput), defaultValues: initial });
  const submit = useSubmit(form, updateOwnProfileAction);
  return (
    <Section id="profile-h" title="Your profile">
      <OwnForm kind="profile" submit={submit}>
        <TextField label="Your name" autoComplete="name" {...bindField(form, "name")} id="profile-name" />
        <TextField
          label="Job title (optional)"
          autoComplete="organization-title"
          {...bindField(form, "jobTitle")}
          id="profile-jobTitle"
        />
        <TextField
          label="Work phone (optional)"
          type="tel"
          autoComplete="tel"
          {...bindField(form, "phone")}
          id="profile-phone"
        />
      </OwnForm>
    </Section>
  );
}

export function PasswordForm({ name, email }: { name: string; email: string }) {
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordInput), mode: "onTouched" });
  const submit = useSubmit(form, changeOwnPasswordAction, () =>
    form.reset({ currentPassword: "", password: "", confirm: "" }),
  );
  return (
    <Section id="password-h" title="Change your password">
      <OwnForm kind="password" submit={submit}>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          {...bindField(form, "currentPassword")}
        />
        <NewPasswordFields form={form} context={{ name, email }} />
        <p className="text-xs text-slate-500">Your other sessions are signed out; this one stays.</p>
      </OwnForm>
    </Section>
  );
}

export function EmailForm({
  email,
  hasPassword,
  managedBy,
}: {
  email: string;
  hasPassword: boolean;
  managedBy: string | null;
}) {
  const form = useForm<EmailChangeInput>({
    resolver: zodResolver(emailChangeInput),
    defaultValues: { newEmail: "", currentPassword: "" },
  });
  const submit = useSubmit(form, requestEmailChangeAction, () => form.setValue("currentPassword", ""));
  return (
    <Section id="email-h" title="Email address">
      <p className="text-sm">
        You sign in with <strong>{email}</strong>.
      </p>
      {managedBy ? (
        <p className="text-sm text-slate-600">{managedBy}</p>
      ) : (
        <OwnForm kind="email" submit={submit}>
          <TextField
            label="New email address"
            type="email"
            autoComplete="email"
            {...bindField(form, "newEmail")}
            id="email-new"
          />
          {hasPassword && (
            <TextField
              label="Your current password"
              type="password"
              autoComplete="current-password"
              {...bindField(form, "currentPassword")}
              id="email-current-password"
            />
          )}
          <p className="text-xs text-slate-500">
            We mail a link to the new address; it changes once you open it. Your current address is told.
          </p>
        </OwnForm>
      )}
    </Section>
  );
}
