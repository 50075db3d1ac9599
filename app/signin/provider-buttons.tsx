"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { afterSignIn } from "./sign-in-form";

/** One "Continue with …" button per provider; the one pressed says it is on its way. */
export function ProviderButtons({ providers, next }: { providers: { id: string; name: string }[]; next: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          disabled={busy !== null}
          aria-busy={busy === p.id}
          onClick={() => {
            setBusy(p.id);
            void signIn(p.id, { callbackUrl: afterSignIn(next) });
          }}
          className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          Continue with {p.name}
        </button>
      ))}
    </div>
  );
}
