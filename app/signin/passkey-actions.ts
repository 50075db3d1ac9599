"use server";

// The sign-in ceremony's options for "Sign in with a passkey": a challenge bound to nothing (the
// person is not known until the browser answers), limited per address. The answer goes to the
// next-auth "passkey" provider (lib/auth/options.ts), which verifies it and starts the session.
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { passkeySignInOptions } from "@/lib/auth/passkey-sign-in";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";

const start = defineAction({ who: "anonymous" }, async () => {
  const options = await passkeySignInOptions(await clientIp());
  return options
    ? { ok: true, data: { options } }
    : { ok: false, formError: "Too many passkey sign-in attempts from here. Wait a few minutes and try again." };
});
export async function startPasskeySignInAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  return start();
}
