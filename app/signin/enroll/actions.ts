"use server";

// Enrollment during sign-in (/signin/enroll): a person who must use MFA and has no factor sets one
// up before anything else. Only the partial ENROLL session is accepted (the action client sends
// anyone else on: signed out to sign in, signed in to where they were going); the password just
// given is the step-up, so none is asked here.
import { defineAction } from "@/lib/actions/action-client";
import { AMR, finishSignIn } from "@/lib/auth/assurance";
import { clientIp } from "@/lib/http/client-ip";
import { confirmTotpSetup } from "@/lib/flows/totp";
import type { CodesResult, TotpSetupResult } from "@/app/_components/mfa/totp-steps";
import { totpCodeInput, totpSetupStarted } from "@/app/_components/mfa/totp-steps";

const start = defineAction({ who: "enroll" }, async ({ partial }) => totpSetupStarted(partial.userId));
export async function startEnrollTotpAction(): Promise<TotpSetupResult> {
  return start();
}

const confirm = defineAction({ who: "enroll", form: true, input: totpCodeInput }, async ({ partial, input }) => {
  const meta = { ip: await clientIp() };
  const { recoveryCodes } = await confirmTotpSetup(partial, input.code, meta);
  await finishSignIn(partial.sessionId, "ENROLL", [AMR.totp], meta);
  return { ok: true, data: { recoveryCodes }, message: "Your authenticator app is set up and you are signed in." };
});
/** Confirms the app with a code; the sign-in is then complete and the recovery codes are shown once. */
export async function confirmEnrollTotpAction(_: CodesResult | null, form: FormData): Promise<CodesResult> {
  return confirm(form);
}
