"use client";

// "Sign in with a passkey": the browser's discoverable passkeys for this site, no email needed.
// Options come from a server action (a challenge stored server-side); the answer goes to the
// next-auth "passkey" provider, which verifies it and starts the session (lib/auth/options.ts).
import { useState } from "react";
import { signIn } from "next-auth/react";
import { answerWithPasskey } from "@/app/_components/passkey-ceremony";
import { FormAlert } from "@/app/_components/form-alert";
import { PASSKEY_MESSAGES, PASSKEY_SIGNIN_MESSAGES } from "@/lib/auth/passkey-messages";
import { startPasskeySignInAction } from "./passkey-actions";

export function PasskeySignIn({ next }: { next: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function go() {
    setPending(true);
    setError(null);
    try {
      const start = await startPasskeySignInAction();
      if (!start.ok || !start.data) return setError(start.ok ? "Try again." : (start.formError ?? "Try again."));
      const answer = await answerWithPasskey(start.data.options);
      if (!answer.ok) return setError(answer.message);
      const res = await signIn("passkey", {
        response: JSON.stringify(answer.response),
        redirect: false,
        callbackUrl: next,
      });
      if (!res || res.error) return setError(PASSKEY_SIGNIN_MESSAGES[res?.error ?? ""] ?? PASSKEY_MESSAGES.rejected);
      window.location.assign(next);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      <FormAlert message={error} id="passkey-signin-error" live="polite" />
      <button
        type="button"
        onClick={() => void go()}
        disabled={pending}
        aria-busy={pending}
        aria-describedby={error ? "passkey-signin-error" : undefined}
        className="inline-flex w-full items-center justify-center gap-2 rounded-md border border-brand-600 bg-white px-4 py-2 font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60"
      >
        {pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </button>
    </div>
  );
}
