"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { signInSchema, type SignInInput } from "@/lib/auth/signin-schema";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an active account, or the account is temporarily locked.",
  RateLimited: "Too many failed sign-in attempts. Wait a few minutes and try again.",
};

export function SignInForm({ next, providers }: { next: string; providers: { id: string; name: string }[] }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await signIn("credentials", { ...values, redirect: false, callbackUrl: next });
    if (!res || res.error) {
      setFormError(MESSAGES[res?.error ?? ""] ?? MESSAGES.CredentialsSignin!);
      return;
    }
    window.location.assign(next);
  });

  return (
    <div className="space-y-6">
      <form
        method="post"
        onSubmit={onSubmit}
        noValidate
        className="space-y-4"
        aria-describedby={formError ? "signin-error" : undefined}
      >
        <div aria-live="polite">
          {formError && (
            <p
              id="signin-error"
              role="alert"
              className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800"
            >
              {formError}
            </p>
          )}
        </div>
        <div className="space-y-1">
          <label htmlFor="email" className="block text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            {...register("email")}
            aria-invalid={!!errors.email}
            aria-describedby={errors.email ? "email-error" : undefined}
            className="w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600"
          />
          {errors.email && (
            <p id="email-error" className="text-sm text-red-700">
              {errors.email.message}
            </p>
          )}
        </div>
        <div className="space-y-1">
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            {...register("password")}
            aria-invalid={!!errors.password}
            aria-describedby={errors.password ? "password-error" : undefined}
            className="w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600"
          />
          {errors.password && (
            <p id="password-error" className="text-sm text-red-700">
              {errors.password.message}
            </p>
          )}
        </div>
        <button
          type="submit"
          disabled={isSubmitting}
          aria-busy={isSubmitting}
          className="inline-flex w-full items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {isSubmitting && (
            <span
              aria-hidden
              className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent"
            />
          )}
          {isSubmitting ? "Signing in…" : "Sign in"}
        </button>
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
