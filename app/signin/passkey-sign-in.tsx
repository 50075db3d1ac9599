"use client";

// "Sign in with a passkey": the browser's discoverable passkeys for this site, no email needed.
// Options come from a server action (a challenge stored server-side); the answer goes to the
// next-auth "passkey" provider, which verifies it and starts the session (lib/auth/options.ts).
import { signIn } from "next-auth/react";
import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import type { ActionResult } from "@/lib/action-result";
import { PasskeyButton } from "@/app/_components/passkey-button";
import { answerWithPasskey } from "@/app/_components/passkey-ceremony";
import { PASSKEY_MESSAGES, PASSKEY_SIGNIN_MESSAGES } from "@/lib/auth/passkey-messages";
import { startPasskeySignInAction } from "./passkey-actions";
import { afterSignIn } from "./sign-in-form";

export function PasskeySignIn({ next }: { next: string }) {
  async function finish(response: AuthenticationResponseJSON): Promise<ActionResult<{ next: string }>> {
    const res = await signIn("passkey", { response: JSON.stringify(response), redirect: false, callbackUrl: next });
    if (!res || res.error)
      return { ok: false, formError: PASSKEY_SIGNIN_MESSAGES[res?.error ?? ""] ?? PASSKEY_MESSAGES.rejected };
    // Through /signin/continue like every sign-in: it picks the person's home when no page was asked for.
    return { ok: true, data: { next: afterSignIn(next) } };
  }
  return (
    <PasskeyButton
      label="Sign in with a passkey"
      pendingLabel="Waiting for your passkey…"
      errorId="passkey-signin-error"
      look="outline"
      start={startPasskeySignInAction}
      ceremony={answerWithPasskey}
      finish={finish}
    />
  );
}
