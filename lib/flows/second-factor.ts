// The second step of a sign-in (/signin/verify), and a step-up with the authenticator app: an
// authenticator code or a recovery code moves a SECOND_FACTOR session on to COMPLETE
// (lib/auth/assurance.ts finishSignIn). Every attempt is rate limited (lib/auth/code-attempts.ts);
// a wrong, reused or expired code is refused with its own message, audited, and changes nothing.
// A used recovery code is audited and mailed to the person with how many are left: someone else
// using one must not go unnoticed.
import "server-only";
import { db } from "@/lib/db";
import { countSignIn } from "@/lib/ops/metrics";
import { auditOwnChange } from "@/lib/audit/own-change";
import { auditAndMailOwnChange } from "./own-change";
import { recoveryCodeUsedMail } from "@/lib/mail/factor-mail";
import { ValidationError } from "@/lib/errors";
import { AMR, finishSignIn } from "@/lib/auth/assurance";
import { acceptTotpStep, checkTotpCode, openTotpSecret, TOTP_MESSAGES } from "@/lib/auth/totp";
import { consumeRecoveryCode, RECOVERY_MESSAGES } from "@/lib/auth/recovery-codes";
import { countCodeAttempt, countWrongCode } from "@/lib/auth/code-attempts";
import { recordReauthentication } from "@/lib/auth/step-up";
import type { ActiveSession } from "@/lib/auth/session-store";

type Meta = { ip?: string | null };
type Who = Pick<ActiveSession, "userId" | "sessionId">;

const codeError = (message: string) => new ValidationError(message, { code: [message] });

type Refusal =
  | { method: "totp"; reason: keyof typeof TOTP_MESSAGES }
  | { method: "recovery"; reason: keyof typeof RECOVERY_MESSAGES };

async function refused(who: Who, { method, reason }: Refusal, meta: Meta): Promise<never> {
  await countWrongCode(who.userId);
  await db.$transaction((tx) =>
    auditOwnChange(tx, who.userId, {
      action: "auth.mfa.code_refused",
      ip: meta.ip,
      data: { sessionId: who.sessionId, method, reason },
    }),
  );
  throw codeError(method === "totp" ? TOTP_MESSAGES[reason] : RECOVERY_MESSAGES[reason]);
}

/** Checks an authenticator code and records its step as used; throws the refusal's message. */
export async function redeemTotpCode(who: Who, code: string, meta: Meta = {}): Promise<void> {
  await countCodeAttempt(who.userId, who.sessionId);
  const factor = await db.totpFactor.findUnique({ where: { userId: who.userId } });
  if (!factor?.confirmedAt) throw codeError(TOTP_MESSAGES.noFactor);
  const check = await checkTotpCode(openTotpSecret(factor.secretCipher), code, factor.lastUsedStep);
  if (!check.ok) return refused(who, { method: "totp", reason: check.reason }, meta);
  // Another request may have accepted this very code since we read lastUsedStep: only one wins.
  if (!(await acceptTotpStep(db, factor.id, check.step)))
    return refused(who, { method: "totp", reason: "reused" }, meta);
}

/** Uses one recovery code (audited, mailed); returns how many are left. */
export async function redeemRecoveryCode(who: Who, code: string, meta: Meta = {}): Promise<number> {
  await countCodeAttempt(who.userId, who.sessionId);
  const used = await db.$transaction(async (tx) => {
    const r = await consumeRecoveryCode(tx, who.userId, code);
    if (!r.ok) return r;
    await auditAndMailOwnChange(
      tx,
      who.userId,
      { action: "auth.mfa.recovery_used", ip: meta.ip, data: { sessionId: who.sessionId, left: r.left } },
      recoveryCodeUsedMail({ left: r.left }),
    );
    return r;
  });
  if (!used.ok) return refused(who, { method: "recovery", reason: used.reason }, meta);
  return used.left;
}

/** /signin/verify: the second step with an authenticator or recovery code; the session is then complete. */
export async function passSecondFactor(
  who: Who,
  input: { method: "totp" | "recovery"; code: string },
  meta: Meta = {},
): Promise<{ recoveryCodesLeft?: number }> {
  const method = input.method === "totp" ? "totp" : "recovery_code";
  const step = async () => {
    if (input.method === "totp") {
      await redeemTotpCode(who, input.code, meta);
      await finishSignIn(who.sessionId, "SECOND_FACTOR", [AMR.totp], meta);
      return {};
    }
    const left = await redeemRecoveryCode(who, input.code, meta);
    await finishSignIn(who.sessionId, "SECOND_FACTOR", [AMR.recovery], meta);
    return { recoveryCodesLeft: left };
  };
  const result = await step().catch((e: unknown) => {
    countSignIn(method, "failure");
    throw e;
  });
  countSignIn(method, "success");
  return result;
}

/** A step-up (/signin/confirm) with the authenticator app. */
export async function stepUpWithTotp(session: ActiveSession, code: string, meta: Meta = {}): Promise<void> {
  await redeemTotpCode(session, code, meta);
  await recordReauthentication(session, [AMR.totp], meta);
}
