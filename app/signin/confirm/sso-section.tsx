"use client";

import { signIn } from "next-auth/react";
import { ProviderButtonList } from "@/app/_components/provider-button-list";

/**
 * Step-up for a person without a password or a second factor: sign in again through their own
 * identity provider, asked to authenticate them afresh (OIDC prompt=login, max_age=0). The new
 * sign-in starts a new session (authenticated now, amr "fed"), which satisfies the step-up.
 */
export function SsoConfirmSection({ next, providers }: { next: string; providers: { id: string; name: string }[] }) {
  if (providers.length === 0)
    return (
      <p className="text-sm text-slate-700">
        Your account has no sign-in method that can confirm it&apos;s you here. Sign out, then sign in again; you will
        come back to this step.
      </p>
    );
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        Your organisation&apos;s sign-in will ask you to sign in again, then bring you back.
      </p>
      <ProviderButtonList
        providers={providers}
        label={(p) => `Sign in again with ${p.name}`}
        busyLabel="Redirecting…"
        go={(p) => void signIn(p.id, { callbackUrl: next }, { prompt: "login", max_age: "0" })}
        className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60"
      />
    </div>
  );
}
