"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { signInSchema, type SignInInput } from "@/lib/auth/signin-schema";
import { TextField } from "@/app/_components/form-field";
import { bindField } from "@/app/_components/hook-form";
import { SubmitButton } from "@/app/_components/submit-button";

import { HookRefusal } from "@/app/_components/error-summary";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an active account, or the account is temporarily locked.",
  RateLimited: "Too many failed sign-in attempts. Wait a few minutes and try again.",
};

/**
 * Where a sign-in goes on: /signin/continue sends a session still waiting for its second factor or
 * enrollment to the page that finishes it (lib/auth/assurance.ts), and a complete one on to `next`.
 */
export const afterSignIn = (next: string) => `/signin/continue?next=${encodeURIComponent(next)}`;

export function SignInForm({ next }: { next: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });
  const {
    handleSubmit,
    formState: { isSubmitting },
  } = form;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await signIn("credentials", { ...values, redirect: false, callbackUrl: afterSignIn(next) });
    if (!res || res.error) {
      setFormError(MESSAGES[res?.error ?? ""] ?? MESSAGES.CredentialsSignin!);
      return;
    }
    window.location.assign(afterSignIn(next));
  });

  const errorId = formError ? "signin-error" : undefined;

  return (
    <div className="space-y-4">
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={errorId}>
        <HookRefusal form={form} message={formError} id="signin-error" />
        <TextField label="Email" type="email" autoComplete="username" {...bindField(form, "email")} />
        <TextField label="Password" type="password" autoComplete="current-password" {...bindField(form, "password")} />
        <SubmitButton pending={isSubmitting} pendingLabel="Signing in…" wide>
          Sign in
        </SubmitButton>
      </form>
    </div>
  );
}
