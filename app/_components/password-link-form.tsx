"use client";

// The form a mailed link opens to set a password (a reset; a citizen's new account): the account's
// address, any fields of the form's own before the password (`before`), the new password twice with
// the strength meter, and once saved the answer with the way to sign in.
import type { ReactNode } from "react";
import Link from "next/link";
import { useForm, type DefaultValues, type FieldValues, type Resolver, type UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { SubmitButton } from "./submit-button";
import { FormDone } from "./form-alert";
import { useSubmitOnce } from "./hook-form";
import { NewPasswordFields } from "./new-password-fields";
import { HookRefusal } from "./error-summary";

type WithNewPassword = FieldValues & { password: string; confirm: string };

export function PasswordLinkForm<T extends WithNewPassword>({
  label,
  email,
  name,
  resolver,
  send,
  saved,
  submitLabel,
  before,
}: {
  /** The form's accessible name. */
  label: string;
  email: string;
  /** The person's name, for the strength meter (a password made of it is weak). */
  name: string | null;
  resolver: Resolver<T>;
  send: (values: T) => Promise<ActionResult>;
  /** The answer when the action says nothing of its own. */
  saved: string;
  submitLabel: string;
  before?: (form: UseFormReturn<T>) => ReactNode;
}) {
  const form = useForm<T>({ resolver, mode: "onTouched", defaultValues: {} as DefaultValues<T> });
  const { done, formError, onSubmit } = useSubmitOnce(form, send, saved);
  if (done)
    return (
      <FormDone message={done}>
        <Link href="/signin" className="text-brand-700 underline">
          Go to sign-in
        </Link>
      </FormDone>
    );
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label={label}>
      <p className="text-sm text-slate-600">
        Account: <strong>{email}</strong>
      </p>
      <HookRefusal form={form} message={formError} />
      {before?.(form)}
      <NewPasswordFields form={form} context={{ name, email }} />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Saving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
