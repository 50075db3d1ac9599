"use client";
// The form element of every server-action form (./use-form-action.ts): it submits through the
// transition that keeps what was typed (the `action` stays for a submit without JavaScript) and
// shows the error summary of a refusal at its top (./error-summary.tsx). An own `onSubmit` (a
// confirm dialog asking first) runs before and may stop the submit.
import type { ComponentProps, FormEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ActionErrorSummary } from "./error-summary";

/** The event a form's onSubmit gets. */
type Submit = Parameters<NonNullable<ComponentProps<"form">["onSubmit"]>>[0];

type Bound = { action: (form: FormData) => void; onSubmit: (e: FormEvent<HTMLFormElement>) => void };

export function KeptForm({
  form,
  state,
  onSubmit,
  children,
  ...rest
}: { form: Bound; state: ActionResult<unknown> | null } & Omit<ComponentProps<"form">, "action">) {
  const submit = (e: Submit) => {
    onSubmit?.(e);
    form.onSubmit(e);
  };
  return (
    <form action={form.action} onSubmit={submit} {...rest}>
      <ActionErrorSummary state={state} />
      {children}
    </form>
  );
}
