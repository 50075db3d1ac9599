// "Forgot password" (SP 800-63B §6.1.2.3 account recovery; SP 800-53 IA-5(1)): a person asks for
// a link by email; the answer is the same text, after about the same time, whether the address
// has an account or not, so the form cannot be used to find out who has one. A link goes out only
// for an active person account with a password — deactivated, erased and service accounts, and
// accounts that sign in only through SSO or OAuth, get nothing (audited). The link works once,
// for RESET_MINUTES, stored hashed (./account-tokens.ts) and sealed in the outbox (never readable
// there). Setting the new password ends EVERY session of the person (whoever held one is out at
// their next click), ends other open reset links, mails the person and is audited.
//
// What a reset does NOT do: touch second factors. The link resets the password only — passkeys,
// the authenticator app and recovery codes stay, and the next sign-in still asks for them. A lost
// device is recovered with a recovery code or by an administrator's factor reset, never by email
// alone (issue 15, "Bad input and faults"), so a stolen mailbox does not open an MFA account.
//
// Limits (lib/rate-limit): requests per address (a clear "too many" answer: it says nothing about
// any account) and per email (silently: the same neutral answer, so the limit cannot tell whether
// the address exists, and a mailbox cannot be flooded); link attempts per address.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { enqueueMail } from "@/lib/mail/outbox";
import { passwordChangedMail, passwordResetMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { firstInWindow, hitRateLimit } from "@/lib/rate-limit";
import { sha256 } from "@/lib/crypto/tokens";
import { addressForLimits } from "@/lib/auth/client-ip";
import { endSessionsInTx } from "@/lib/auth/session-store";
import { AppError, parseFormInput } from "@/lib/errors";
import {
  resetPasswordInput,
  resetRequestInput,
  type ResetPasswordInput,
  type ResetRequestInput,
} from "@/lib/schemas/account";
import { acceptableNewPasswordHash } from "./new-password";
import { claimToken, endOpenTokens, inspectToken, issueToken, validToken, type LinkMessages } from "./account-tokens";

export const RESET_MINUTES = 30;
/** Reset requests from one address (an IPv4 address or IPv6 /64). */
export const RESET_REQUESTS_PER_IP = { limit: 10, windowSeconds: 3600 };
/** Reset mails to one address: a mailbox cannot be flooded; further requests get the same answer and no mail. */
export const RESET_REQUESTS_PER_EMAIL = { limit: 3, windowSeconds: 3600 };
/** Attempts to use a reset or confirmation link from one address (wrong, used, expired links included). */
export const LINK_ATTEMPTS_PER_IP = { limit: 30, windowSeconds: 15 * 60 };
/** Every answer to a request takes at least this long, so the time does not tell a sent mail from none. */
export const MIN_ANSWER_MS = 600;

export const RESET_LINK_MESSAGES: LinkMessages = {
  invalid: "This password reset link is not valid. Ask for a new one on the sign-in page.",
  used: "This password reset link was already used. If you need to reset your password again, ask for a new link.",
  replaced: "A newer password reset link was sent after this one, so this one no longer works. Use the newest mail.",
  expired: `This password reset link has expired: links work for ${RESET_MINUTES} minutes. Ask for a new one.`,
};

export class TooManyAttemptsError extends AppError {
  override readonly status = 429;
  constructor(message = "Too many attempts from here. Please wait a few minutes and try again.") {
    super(message);
    this.name = "TooManyAttemptsError";
  }
}

/** The neutral answer the form shows, whatever happened. */
export const resetRequestAnswer = (email: string) =>
  `If ${email} belongs to an account that can sign in with a password, a link to reset it is on its way. It works once, for ${RESET_MINUTES} minutes. Check your spam folder if nothing arrives.`;

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

export type ResetRequestOutcome = "sent" | "not_sent";

/** Sends a reset link if the address has an account that may reset; the caller shows resetRequestAnswer either way. */
export async function requestPasswordReset(input: ResetRequestInput, ip: string): Promise<ResetRequestOutcome> {
  const started = Date.now();
  const { email } = parseFormInput(resetRequestInput, input);
  const where = addressForLimits(ip);
  const byIp = await hitRateLimit(
    `reset:ip:${where}`,
    RESET_REQUESTS_PER_IP.limit,
    RESET_REQUESTS_PER_IP.windowSeconds,
  );
  if (!byIp.allowed)
    throw new TooManyAttemptsError("Too many password reset requests from here. Please try again later.");
  try {
    return await sendIfEligible(email, ip);
  } finally {
    // The same floor for every answer: sent, not sent, unknown address, limited address.
    await sleepUntil(started + MIN_ANSWER_MS);
  }
}

async function sendIfEligible(email: string, ip: string): Promise<ResetRequestOutcome> {
  const byEmail = await hitRateLimit(
    `reset:email:${sha256(email)}`,
    RESET_REQUESTS_PER_EMAIL.limit,
    RESET_REQUESTS_PER_EMAIL.windowSeconds,
  );
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, isActive: true, isServiceAccount: true, erasedAt: true, passwordHash: true },
  });
  if (!user) return "not_sent"; // nothing to record about an address nobody has
  const why = !byEmail.allowed
    ? "too many requests for this address"
    : !user.isActive || user.erasedAt
      ? "account deactivated"
      : user.isServiceAccount
        ? "service account"
        : !user.passwordHash
          ? "no password (signs in through SSO or OAuth)"
          : null;
  if (why) {
    // Once per window per person and reason: a flood of requests is one line in the trail.
    if (await firstInWindow(`reset:refused:${user.id}:${why}`, RESET_REQUESTS_PER_EMAIL.windowSeconds))
      await db.$transaction((tx) =>
        recordAudit(tx, {
          action: "auth.password_reset.not_sent",
          actorType: "anonymous",
          subjectUserId: user.id,
          ip,
          data: { why },
        }),
      );
    return "not_sent";
  }
  await db.$transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "password_reset", RESET_MINUTES);
    await enqueueMail(tx, { to: email, userId: user.id, ...passwordResetMail({ token, minutes: RESET_MINUTES }) });
    await recordAudit(tx, {
      action: "auth.password_reset.requested",
      actorType: "anonymous",
      subjectUserId: user.id,
      ip,
      data: { minutes: RESET_MINUTES },
    });
  });
  await kickMailer();
  return "sent";
}

/** For the link page: whether the link can be used, and for whom (to rate the password against their name and address). */
export async function resetLink(token: string) {
  const r = await inspectToken(token, "password_reset");
  return {
    state: r.state,
    email: r.email,
    name: r.name ?? null,
    message: r.state === "valid" ? null : RESET_LINK_MESSAGES[r.state],
  };
}

/** Every attempt to use a mailed link counts against the address (a wrong token is a guess). */
export async function countLinkAttempt(ip: string): Promise<void> {
  const r = await hitRateLimit(
    `account-link:ip:${addressForLimits(ip)}`,
    LINK_ATTEMPTS_PER_IP.limit,
    LINK_ATTEMPTS_PER_IP.windowSeconds,
  );
  if (!r.allowed) throw new TooManyAttemptsError();
}

/** Sets the new password through a reset link: every session ends; second factors stay (see the top). */
export async function resetPassword(
  token: string,
  input: ResetPasswordInput,
  ip: string,
): Promise<{ email: string; sessionsEnded: number }> {
  await countLinkAttempt(ip);
  const row = await validToken(token, "password_reset", RESET_LINK_MESSAGES);
  const parsed = parseFormInput(resetPasswordInput, input);
  // Outside the transaction: argon2 is slow on purpose, and must not hold row locks.
  const passwordHash = await acceptableNewPasswordHash(parsed.password, {
    name: row.user.name,
    email: row.user.email,
  });
  const sessionsEnded = await db.$transaction(async (tx) => {
    await claimToken(tx, row.id, RESET_LINK_MESSAGES.used);
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    const ended = await endSessionsInTx(tx, row.userId);
    await endOpenTokens(tx, row.userId, "password_reset", "the password was reset");
    await enqueueMail(tx, { to: row.user.email, userId: row.userId, ...passwordChangedMail({ how: "reset" }) });
    await recordAudit(tx, {
      action: "auth.password_reset.completed",
      actorId: row.userId,
      actorType: "user",
      subjectUserId: row.userId,
      ip,
      data: { sessionsEnded: ended, secondFactorsKept: true },
    });
    return ended;
  });
  await kickMailer();
  return { email: row.user.email, sessionsEnded };
}
