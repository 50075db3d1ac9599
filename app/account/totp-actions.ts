"use server";

// The authenticator app and recovery codes on /account: each changes how the person signs in, so
// each needs a fresh authentication first (step-up, lib/auth/step-up.ts). The lib flows audit and
// mail; the actions only take the caller's own session (no ids: nothing here can name someone else).
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction, formText } from "@/lib/actions/action-client";
import { requireRecentAuth } from "@/lib/auth/step-up";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { confirmTotpSetup, removeTotp, renewRecoveryCodes, startTotpSetup } from "@/lib/flows/totp";
import type { ActionResult } from "@/lib/action-result";

const ip = async () => clientIpFrom(await headers());

export type TotpSetupData = { secret: string; qrDataUrl: string };
export type RecoveryCodesData = { recoveryCodes: string[] | null };

const start = defineAction({ who: "user" }, async ({ principal, session }) => {
  await requireRecentAuth(session);
  const { secret, qrDataUrl } = await startTotpSetup(principal.userId);
  return { ok: true, data: { secret, qrDataUrl } };
});
/** Shows a new QR code and setup key; nothing counts until confirmed with a code. */
export async function startTotpSetupAction(): Promise<ActionResult<TotpSetupData>> {
  return start();
}

const confirm = defineAction(
  { who: "user", form: true, input: z.object({ code: formText }) },
  async ({ principal, sessionId, session, input }) => {
    await requireRecentAuth(session);
    const { recoveryCodes } = await confirmTotpSetup({ userId: principal.userId, sessionId }, input.code, {
      ip: await ip(),
    });
    return { ok: true, data: { recoveryCodes }, message: "Your authenticator app is set up." };
  },
);
export async function confirmTotpSetupAction(
  _: ActionResult<RecoveryCodesData> | null,
  form: FormData,
): Promise<ActionResult<RecoveryCodesData>> {
  return confirm(form);
}

const mustConfirm = "Tick the box to confirm that you want to remove it.";
const remove = defineAction(
  {
    who: "user",
    form: true,
    input: z.object({ confirm: z.literal("yes", { error: mustConfirm }) }),
    invalid: mustConfirm,
    revalidate: () => "/account",
  },
  async ({ principal, session }) => {
    await requireRecentAuth(session);
    await removeTotp(principal.userId, { ip: await ip() });
    return { ok: true, message: "The authenticator app was removed." };
  },
);
export async function removeTotpAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return remove(form);
}

const renew = defineAction({ who: "user" }, async ({ principal, session }) => {
  await requireRecentAuth(session);
  const recoveryCodes = await renewRecoveryCodes(principal.userId, { ip: await ip() });
  return { ok: true, data: { recoveryCodes }, message: "New recovery codes made; the old ones no longer work." };
});
/** Ten new recovery codes, shown once; the old ones stop working. */
export async function renewRecoveryCodesAction(): Promise<ActionResult<RecoveryCodesData>> {
  return renew();
}
