// Setting up and removing a person's authenticator app, and renewing their recovery codes: each
// one transaction with its audit event and a mail to the person (a factor added or removed by
// someone who got hold of their password must not go unseen). The TOTP rules themselves — sealing,
// drift, one use per code — are lib/auth/totp.ts; recovery codes lib/auth/recovery-codes.ts.
//
// Set-up happens in two steps so that a factor only counts once it works: start makes a secret
// (kept sealed on an unconfirmed TotpFactor; starting again replaces it), confirm checks a code
// from the app and only then sets confirmedAt. The first factor a person sets up comes with ten
// recovery codes, returned once to be shown once. Callers check step-up (lib/auth/step-up.ts) on
// /account; at sign-in enrollment (/signin/enroll) the partial session is that check.
import "server-only";
import { db } from "@/lib/db";
import { auditAndMailOwnChange } from "./own-change";
import { recoveryCodesRenewedMail, totpAddedMail, totpRemovedMail } from "@/lib/mail/factor-mail";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  checkTotpCode,
  newTotpSecret,
  openTotpSecret,
  sealTotpSecret,
  TOTP_MESSAGES,
  totpSetupView,
} from "@/lib/auth/totp";
import { recoveryCodesLeft, replaceRecoveryCodes } from "@/lib/auth/recovery-codes";
import { countCodeAttempt, countWrongCode } from "@/lib/auth/code-attempts";
import { secondFactorsOf, hasSecondFactor } from "@/lib/auth/assurance";

/** How long a started set-up waits for its confirming code. */
export const TOTP_SETUP_MINUTES = 15;

type Meta = { ip?: string | null };
type Who = { userId: string; sessionId: string };

const codeError = (message: string) => new ValidationError(message, { code: [message] });

/** Starts (or restarts) setting up an authenticator app: the QR code and secret to show once. */
export async function startTotpSetup(userId: string): Promise<{ secret: string; qrDataUrl: string; uri: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const secret = newTotpSecret();
  await db.$transaction(async (tx) => {
    const existing = await tx.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt)
      throw new ConflictError("An authenticator app is already set up. Remove it first to set up another.");
    await tx.totpFactor.deleteMany({ where: { userId, confirmedAt: null } });
    await tx.totpFactor.create({ data: { userId, secretCipher: sealTotpSecret(secret) } });
  });
  return totpSetupView(secret, user.email);
}

/**
 * Confirms the started set-up with a code from the app. Returns the new recovery codes when this
 * is the person's first factor (to be shown once), else null. A wrong, reused or expired code, or
 * a set-up that is gone or too old, is refused with its message and changes nothing.
 */
export async function confirmTotpSetup(
  who: Who,
  code: string,
  meta: Meta = {},
): Promise<{ recoveryCodes: string[] | null }> {
  await countCodeAttempt(who.userId, who.sessionId);
  const factor = await db.totpFactor.findUnique({ where: { userId: who.userId } });
  if (!factor || factor.confirmedAt) throw codeError(TOTP_MESSAGES.noSetup);
  if (Date.now() - factor.createdAt.getTime() > TOTP_SETUP_MINUTES * 60_000)
    throw codeError("This set-up has expired. Start again to get a new QR code.");
  const check = await checkTotpCode(openTotpSecret(factor.secretCipher), code, factor.lastUsedStep);
  if (!check.ok) {
    await countWrongCode(who.userId);
    throw codeError(TOTP_MESSAGES[check.reason]);
  }
  return db.$transaction(async (tx) => {
    // Only the set-up that was checked, still unconfirmed: a restart or a second confirm in between loses.
    const done = await tx.totpFactor.updateMany({
      where: { id: factor.id, confirmedAt: null, secretCipher: factor.secretCipher },
      data: { confirmedAt: new Date(), lastUsedStep: check.step },
    });
    if (done.count !== 1) throw codeError(TOTP_MESSAGES.noSetup);
    const first = (await tx.webAuthnCredential.count({ where: { userId: who.userId } })) === 0;
    const needCodes = first || (await recoveryCodesLeft(tx, who.userId)) === 0;
    const recoveryCodes = needCodes ? await replaceRecoveryCodes(tx, who.userId) : null;
    await auditAndMailOwnChange(
      tx,
      who.userId,
      {
        action: "auth.mfa.totp_added",
        ip: meta.ip,
        data: { sessionId: who.sessionId, recoveryCodesMade: recoveryCodes !== null },
      },
      totpAddedMail(),
    );
    return { recoveryCodes };
  });
}

/** Removes the person's authenticator app; with it their last factor, also their recovery codes. */
export async function removeTotp(userId: string, meta: Meta = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const gone = await tx.totpFactor.deleteMany({ where: { userId, confirmedAt: { not: null } } });
    if (gone.count === 0) throw new NotFoundError(TOTP_MESSAGES.noFactor);
    await tx.totpFactor.deleteMany({ where: { userId } });
    // Recovery codes stand in for a factor; with none left they would only be a way around enrolling.
    const passkeys = await tx.webAuthnCredential.count({ where: { userId } });
    const codesVoided = passkeys === 0 ? (await tx.recoveryCode.deleteMany({ where: { userId } })).count : 0;
    await auditAndMailOwnChange(
      tx,
      userId,
      { action: "auth.mfa.totp_removed", ip: meta.ip, data: { recoveryCodesVoided: codesVoided } },
      totpRemovedMail(),
    );
  });
}

/** Ten new recovery codes (the old ones stop working), for a person with a second factor. */
export async function renewRecoveryCodes(userId: string, meta: Meta = {}): Promise<string[]> {
  if (!hasSecondFactor(await secondFactorsOf(userId)))
    throw new ValidationError("Set up an authenticator app or a passkey first: recovery codes go with one.");
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await auditAndMailOwnChange(
      tx,
      userId,
      { action: "auth.mfa.recovery_renewed", ip: meta.ip },
      recoveryCodesRenewedMail(),
    );
    return codes;
  });
}
