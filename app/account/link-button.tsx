"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { FormResult } from "@/app/_components/form-alert";
import { startIdentityLinkAction } from "./actions";

/** "Link your … sign-in": a link intent first (server action), then the provider's own flow. */
export function LinkButton({ provider, name }: { provider: string; name: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.set("provider", provider);
    const r = await startIdentityLinkAction(null, form);
    if (!r.ok) {
      setBusy(false);
      return setError(r.formError ?? "Something went wrong. Please try again.");
    }
    await signIn(provider, { callbackUrl: "/account" });
  };
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void go()}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {busy ? "Redirecting…" : `Link your ${name} sign-in`}
      </button>
      <FormResult error={error} />
    </div>
  );
}
