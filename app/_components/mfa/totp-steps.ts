import "server-only";

// The server half both authenticator-app set-ups share (/account, signed in, and /signin/enroll,
// during a sign-in): what the steps answer, the code's shape and the first step. The actions stay
// thin: who may call them and what follows a confirmed set-up differ (lib/flows/totp.ts does the
// work, audits and mails).
import { z } from "zod";
import { formText } from "@/lib/actions/action-client";
import { startTotpSetup } from "@/lib/flows/totp";
import type { ActionResult } from "@/lib/action-result";

export type TotpSetupData = { secret: string; qrDataUrl: string };
export type RecoveryCodesData = { recoveryCodes: string[] | null };
/** What starting a set-up answers: the QR code and setup key. */
export type TotpSetupResult = ActionResult<TotpSetupData>;
/** What confirming a set-up (or renewing the codes) answers: the recovery codes, shown once. */
export type CodesResult = ActionResult<RecoveryCodesData>;

/** The confirming form's one field: the code the app shows (lib/flows/totp.ts says what is wrong with it). */
export const totpCodeInput = z.object({ code: formText });

/** A new QR code and setup key for the person; nothing counts until confirmed with a code. */
export async function totpSetupStarted(userId: string): Promise<TotpSetupResult> {
  const { secret, qrDataUrl } = await startTotpSetup(userId);
  return { ok: true, data: { secret, qrDataUrl } };
}
