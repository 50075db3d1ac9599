"use server";

// The authenticator app and recovery codes on /account: each changes how the person signs in, so
// each needs a fresh authentication first (step-up, lib/auth/step-up.ts). The lib flows audit and
// mail; the actions only take the caller's own session (no ids: nothing here can name someone else).
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { confirmTotpSetup, removeTotp, renewRecoveryCodes } from "@/lib/flows/totp";
import type { ActionResult } from "@/lib/action-result";
import type { CodesResult, TotpSetupResult } from "@/app/_components/mfa/totp-steps";
import { totpCodeInput, totpSetupStarted } from "@/app/_components/mfa/totp-steps";

const start = defineAction({ who: "user", stepUp: true }, async ({ principal }) => totpSetupStarted(principal.userId));
/** Shows a new QR code and setup key; nothing counts until confirmed with a code. */
export async function startTotpSetupAction(): Promise<TotpSetupResult> {
  return start();
}

const confirm = defineAction(
  { who: "user", form: true, stepUp: true, input: totpCodeInput },
  async ({ principal, sessionId, input }) => {
    const ip = await clientIp();
    const { recoveryCodes } = await confirmTotpSetup({ userId: principal.userId, sessionId }, input.code, { ip });
    return { ok: true, data: { recoveryCodes }, message: "Your authenticator app is set up." };
  },
);
export async function confirmTotpSetupAction(_: CodesResult | null, form: FormData): Promise<CodesResult> {
  return confirm(form);
}

const mustConfirm = "Tick the box to confirm that you want to remove it.";
const remove = defineAction(
  {
    who: "user",
    form: true,
    stepUp: true,
    input: z.object({ confirm: z.literal("yes", { error: mustConfirm }) }),
    invalid: mustConfirm,
    revalidate: () => "/account",
  },
  async ({ principal }) => {
    await removeTotp(principal.userId, { ip: await clientIp() });
    return { ok: true, message: "The authenticator app was removed." };
  },
);
export async function removeTotpAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return remove(form);
}

const renew = defineAction({ who: "user", stepUp: true }, async ({ principal }) => {
  const recoveryCodes = await renewRecoveryCodes(principal.userId, { ip: await clientIp() });
  return { ok: true, data: { recoveryCodes }, message: "New recovery codes made; the old ones no longer work." };
});
/** Ten new recovery codes, shown once; the old ones stop working. */
export async function renewRecoveryCodesAction(): Promise<CodesResult> {
  return renew();
}
