"use server";

// Enrollment during sign-in (/signin/enroll): a person who must use MFA and has no factor sets one
// up before anything else. Only the partial ENROLL session is accepted (the action client sends
// anyone else on: signed out to sign in, signed in to where they were going); the password just
// given is the step-up, so none is asked here.
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction, formText } from "@/lib/actions/action-client";
import { AMR, finishSignIn } from "@/lib/auth/assurance";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { confirmTotpSetup, startTotpSetup } from "@/lib/flows/totp";
import type { ActionResult } from "@/lib/action-result";
import type { RecoveryCodesData, TotpSetupData } from "@/app/account/totp-actions";

const start = defineAction({ who: "enroll" }, async ({ partial }) => {
  const { secret, qrDataUrl } = await startTotpSetup(partial.userId);
  return { ok: true, data: { secret, qrDataUrl } };
});
export async function startEnrollTotpAction(): Promise<ActionResult<TotpSetupData>> {
  return start();
}

const confirm = defineAction(
  { who: "enroll", form: true, input: z.object({ code: formText }) },
  async ({ partial, input }) => {
    const meta = { ip: clientIpFrom(await headers()) };
    const { recoveryCodes } = await confirmTotpSetup(partial, input.code, meta);
    await finishSignIn(partial.sessionId, "ENROLL", [AMR.totp], meta);
    return { ok: true, data: { recoveryCodes }, message: "Your authenticator app is set up and you are signed in." };
  },
);
/** Confirms the app with a code; the sign-in is then complete and the recovery codes are shown once. */
export async function confirmEnrollTotpAction(
  _: ActionResult<RecoveryCodesData> | null,
  form: FormData,
): Promise<ActionResult<RecoveryCodesData>> {
  return confirm(form);
}
