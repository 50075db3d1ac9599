"use client";

import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { signInSchema, type SignInInput } from "@/lib/auth/signin-schema";
import { TextField } from "@/app/_components/form-field";
import { bindField } from "@/app/_components/hook-form";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormAlert } from "@/app/_components/form-alert";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an active account, or the account is temporarily locked.",
  RateLimited: "Too many failed sign-in attempts. Wait a few minutes and try again.",
};

export function SignInForm({ next, providers }: { next: string; providers: { id: string; name: string }[] }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });
  const {
    handleSubmit,
    formState: { isSubmitting },
  } = form;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await signIn("credentials", { ...values, redirect: false, callbackUrl: next });
    if (!res || res.error) {
      setFormError(MESSAGES[res?.error ?? ""] ?? MESSAGES.CredentialsSignin!);
      return;
    }
    window.location.assign(next);
  });

  const errorId = formError ? "signin-error" : undefined;

  return (
    <div className="space-y-6">
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={errorId}>
        <FormAlert message={formError} id="signin-error" live="polite" />
        <TextField label="Email" type="email" autoComplete="username" {...bindField(form, "email")} />
        <TextField label="Password" type="password" autoComplete="current-password" {...bindField(form, "password")} />
        <SubmitButton pending={isSubmitting} pendingLabel="Signing in…" wide>
          Sign in
        </SubmitButton>
        <p className="text-sm">
          <Link href="/forgot-password" className="text-brand-700 underline">
            Forgot password?
          </Link>
        </p>
      </form>
      {providers.length > 0 && (
        <div className="space-y-2 border-t border-slate-200 pt-4">
          {providers.map((p) => (
            <button
              key={p.id}
              type="button"
              onClick={() => void signIn(p.id, { callbackUrl: next })}
              className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50"
            >
              Continue with {p.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
