"use client";
// /account's self-service forms: profile, password, email address. Each posts through
// ./self-service-actions.ts; a refusal that needs a fresh authentication (step-up) says so and
// offers to sign in again.
import { useState, type FormEventHandler, type ReactNode } from "react";
import Link from "next/link";
import { useForm, type FieldPath, type FieldValues, type UseFormReturn } from "react-hook-form";
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

import { applyFieldErrors, bindField } from "@/app/_components/hook-form";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { TitledSection } from "@/app/_components/titled-section";
import { changeOwnPasswordAction, requestEmailChangeAction, updateOwnProfileAction } from "./self-service-actions";
import { HookRefusal } from "@/app/_components/error-summary";

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

function Outcome<T extends FieldValues>({ outcome, form }: { outcome: Outcome; form: UseFormReturn<T> }) {
  return (
    <>
      <HookRefusal form={form} message={outcome && !outcome.ok ? outcome.message : null} />
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

/** A field of a self-service form: its label, input type and autocomplete token; `id` where it is not the field's name. */
type OwnFieldSpec = {
  label: string;
  type?: "tel" | "email" | "password";
  autoComplete: string;
  id?: string;
  /** Marked as required (aria-required and an asterisk); the schema refuses it empty. */
  markRequired?: boolean;
};

/**
 * Each self-service form's accessible name, submit button (its label, and while it waits) and the
 * text fields it starts with, in order (the e2e specs find them by label).
 */
const FORMS = {
  profile: {
    label: "Your profile",
    submitLabel: "Save profile",
    pendingLabel: "Saving…",
    fields: {
      name: { label: "Your name", autoComplete: "name", id: "profile-name", markRequired: true },
      jobTitle: { label: "Job title (optional)", autoComplete: "organization-title", id: "profile-jobTitle" },
      phone: { label: "Work phone (optional)", type: "tel", autoComplete: "tel", id: "profile-phone" },
    },
  },
  password: {
    label: "Change your password",
    submitLabel: "Change password",
    pendingLabel: "Changing…",
    fields: { currentPassword: { label: "Current password", type: "password", autoComplete: "current-password" } },
  },
  email: {
    label: "Change your email address",
    submitLabel: "Send a confirmation link",
    pendingLabel: "Sending…",
    fields: {
      newEmail: { label: "New email address", type: "email", autoComplete: "email", id: "email-new" },
      currentPassword: {
        label: "Your current password",
        type: "password",
        autoComplete: "current-password",
        id: "email-current-password",
      },
    },
  },
} satisfies Record<
  string,
  { label: string; submitLabel: string; pendingLabel: string; fields: Record<string, OwnFieldSpec> }
>;

/**
 * One self-service form: its outcome on top, its text fields (those `shown` lets through), then
 * `children` (more fields, a note), then the submit button.
 */
function OwnForm<T extends FieldValues>({
  kind,
  form,
  submit,
  shown = () => true,
  children,
}: {
  kind: keyof typeof FORMS;
  form: UseFormReturn<T>;
  submit: { outcome: Outcome; onSubmit: FormEventHandler<HTMLFormElement>; pending: boolean };
  shown?: (name: string) => boolean;
  children?: ReactNode;
}) {
  const { label, submitLabel, pendingLabel, fields } = FORMS[kind];
  const specs: [string, OwnFieldSpec][] = Object.entries(fields);
  return (
    <form method="post" onSubmit={submit.onSubmit} noValidate className="max-w-md space-y-3" aria-label={label}>
      <Outcome outcome={submit.outcome} form={form} />
      {specs
        .filter(([name]) => shown(name))
        .map(([name, { id, ...spec }]) => (
          <TextField
            key={name}
            {...spec}
            aria-required={spec.markRequired || undefined}
            {...bindField(form, name as FieldPath<T>)}
            id={id ?? name}
          />
        ))}
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
    <TitledSection id="profile-h" title="Your profile">
      <OwnForm kind="profile" form={form} submit={submit} />
    </TitledSection>
  );
}

export function PasswordForm({ name, email }: { name: string; email: string }) {
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordInput), mode: "onTouched" });
  const submit = useSubmit(form, changeOwnPasswordAction, () =>
    form.reset({ currentPassword: "", password: "", confirm: "" }),
  );
  return (
    <TitledSection id="password-h" title="Change your password">
      <OwnForm kind="password" form={form} submit={submit}>
        <NewPasswordFields form={form} context={{ name, email }} />
        <p className="text-xs text-slate-500">Your other sessions are signed out; this one stays.</p>
      </OwnForm>
    </TitledSection>
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
    <TitledSection id="email-h" title="Email address">
      <p className="text-sm">
        You sign in with <strong>{email}</strong>.
      </p>
      {managedBy ? (
        <p className="text-sm text-slate-600">{managedBy}</p>
      ) : (
        <OwnForm kind="email" form={form} submit={submit} shown={(name) => hasPassword || name !== "currentPassword"}>
          <p className="text-xs text-slate-500">
            We mail a link to the new address; it changes once you open it. Your current address is told.
          </p>
        </OwnForm>
      )}
    </TitledSection>
  );
}
