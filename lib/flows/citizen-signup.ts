// Citizen accounts (docs/requirements.md#municipal-platform, seed 002: "citizens who register get
// basic permissions"): anyone may make one with an email address, to follow their reports. What
// the account may see is the public-scope `citizen` group (policies/groups/citizen.yaml); the
// account itself is User.isCitizen, which never holds a membership or a platform group
// (./citizen-guard.ts refuses the flows that would grant one), and a staff account never becomes one.
//
// Two steps. The request mails a one-use link (CitizenSignup: only the SHA-256 stored, SIGNUP_HOURS,
// sealed in the outbox); NO User row exists until the link is used, so an unconfirmed sign-up never
// claims an address a future staff member needs. Opening the link and choosing a password (the
// project's rules: ./new-password.ts, zxcvbn on the server) makes the account, its address
// verified. The answer to the request is the same text, after about the same time, whether or not
// the address has an account: an existing account gets a mail saying so (no link), a deactivated
// one nothing. Limits: per client address (a clear "too many"), per email (silently, the same answer).
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { enqueueMail, withdrawAddressMailLinks } from "@/lib/mail/outbox";
import { citizenAccountExistsMail, citizenSignupMail, citizenWelcomeMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { hitRateLimit } from "@/lib/rate-limit";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { addressForLimits } from "@/lib/auth/client-ip";
import { ConflictError, NotFoundError, parseFormInput } from "@/lib/errors";
import {
  citizenPasswordInput,
  citizenSignupInput,
  type CitizenPasswordInput,
  type CitizenSignupInput,
} from "@/lib/schemas/citizen";
import { acceptableNewPasswordHash } from "./new-password";
import { countLinkAttempt, MIN_ANSWER_MS, TooManyAttemptsError } from "./password-reset";
import { ACCOUNT_TOKEN_RE, type LinkMessages, type LinkState } from "./account-tokens";
import type { Tx } from "./tx";

export const SIGNUP_HOURS = 24;
const TEMPLATE = "citizen-signup";
/**
 * perIp: requests from one client address (IPv4, or IPv6 /64), refused as "too many"; perEmail:
 * mails to one address, so a mailbox cannot be flooded (further requests: the same answer, no mail).
 */
export const SIGNUP_LIMITS = {
  perIp: { limit: 10, windowSeconds: 3600 },
  perEmail: { limit: 3, windowSeconds: 24 * 3600 },
} as const;

const ASK_AGAIN = "Ask for a new one.";
export const SIGNUP_LINK_MESSAGES: LinkMessages = {
  invalid: `This sign-up link is not valid. ${ASK_AGAIN}`,
  used: "This sign-up link was already used, or the address already has an account. Sign in, or choose a new password if you forgot it.",
  replaced: "A newer sign-up link was sent after this one, so this one no longer works. Use the newest mail.",
  expired: `This sign-up link has expired: links work for ${SIGNUP_HOURS} hours. ${ASK_AGAIN}`,
};

/** The neutral answer the form shows, whatever happened. */
export const signupAnswer = (email: string) =>
  `Check your mail: if ${email} can get a citizen account, a link to confirm it is on its way. It works once, for ${SIGNUP_HOURS} hours. Check your spam folder if nothing arrives.`;

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

export type SignupOutcome = "sent" | "existing" | "not_sent";

/** Mails a confirmation link (or, for an existing account, the way in); the caller shows signupAnswer either way. */
export async function requestCitizenSignup(input: CitizenSignupInput, ip: string): Promise<SignupOutcome> {
  const started = Date.now();
  const { email } = parseFormInput(citizenSignupInput, input);
  const { perIp, perEmail } = SIGNUP_LIMITS;
  const byIp = await hitRateLimit(`citizen-signup:ip:${addressForLimits(ip)}`, perIp.limit, perIp.windowSeconds);
  if (!byIp.allowed) throw new TooManyAttemptsError("Too many sign-up requests from here. Please try again later.");
  try {
    const byEmail = await hitRateLimit(`citizen-signup:email:${sha256(email)}`, perEmail.limit, perEmail.windowSeconds);
    return byEmail.allowed ? await sendIfEligible(email, ip) : "not_sent";
  } finally {
    // The same floor for every answer: new address, existing account, limited address.
    await sleepUntil(started + MIN_ANSWER_MS);
  }
}

/** Who asked is not known: the trail says what was done, from which address, about whom if anyone. */
const anonymousAudit = (tx: Tx, action: string, ip: string, about: object) =>
  recordAudit(tx, { action, actorType: "anonymous", ip, ...about });

async function sendIfEligible(email: string, ip: string): Promise<SignupOutcome> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, isActive: true, erasedAt: true, isServiceAccount: true },
  });
  if (user) {
    // Staff or citizen, the address is taken: never a second account, never a staff account turned citizen.
    if (!user.isActive || user.erasedAt || user.isServiceAccount) return "not_sent";
    await db.$transaction(async (tx) => {
      await enqueueMail(tx, { to: email, userId: user.id, ...citizenAccountExistsMail() });
      await anonymousAudit(tx, "citizen.signup.existing_account", ip, { subjectUserId: user.id });
    });
    await kickMailer();
    return "existing";
  }
  const token = newSecret(32);
  await db.$transaction(async (tx) => {
    // One open link per address: a new request replaces the previous one (and its waiting mail).
    await tx.citizenSignup.updateMany({
      where: { email, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await withdrawAddressMailLinks(tx, email, TEMPLATE, "a newer link was sent");
    const row = await tx.citizenSignup.create({
      data: { email, tokenHash: sha256(token), expiresAt: new Date(Date.now() + SIGNUP_HOURS * 3_600_000) },
      select: { id: true },
    });
    await enqueueMail(tx, { to: email, ...citizenSignupMail({ token, hours: SIGNUP_HOURS }) });
    // The address is not in the trail: it is not confirmed, and may not be the requester's.
    await anonymousAudit(tx, "citizen.signup.requested", ip, { targetType: "CitizenSignup", targetId: row.id });
  });
  await kickMailer();
  return "sent";
}

type SignupRow = { id: string; email: string; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null };

async function findSignup(token: string): Promise<{ row: SignupRow | null; state: LinkState }> {
  if (!ACCOUNT_TOKEN_RE.test(token)) return { row: null, state: "invalid" };
  const row = await db.citizenSignup.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, email: true, expiresAt: true, usedAt: true, revokedAt: true },
  });
  if (!row) return { row, state: "invalid" };
  if (row.usedAt) return { row, state: "used" };
  if (row.revokedAt) return { row, state: "replaced" };
  if (row.expiresAt <= new Date()) return { row, state: "expired" };
  // An account made since (an invitation, another sign-up): this link has nothing left to do.
  if (await db.user.findUnique({ where: { email: row.email }, select: { id: true } })) return { row, state: "used" };
  return { row, state: "valid" };
}

/** For the link page: whether the link can be used, and for which address. */
export async function citizenSignupLink(token: string) {
  const { row, state } = await findSignup(token);
  return {
    state,
    email: state === "valid" ? row!.email : null,
    message: state === "valid" ? null : SIGNUP_LINK_MESSAGES[state],
  };
}

/** Uses the link: the citizen account is made with the chosen password, its address verified. */
export async function completeCitizenSignup(token: string, input: CitizenPasswordInput, ip: string) {
  // Every try counts against the client address (a wrong token is a guess).
  await countLinkAttempt(ip);
  const { row, state } = await findSignup(token);
  if (state === "invalid" || !row) throw new NotFoundError(SIGNUP_LINK_MESSAGES.invalid);
  if (state !== "valid") throw new ConflictError(SIGNUP_LINK_MESSAGES[state]);
  const parsed = parseFormInput(citizenPasswordInput, input);
  const name = parsed.name || null;
  // Outside the transaction: argon2 is slow on purpose, and must not hold row locks.
  const passwordHash = await acceptableNewPasswordHash(parsed.password, { name, email: row.email });
  const userId = await db
    .$transaction(async (tx) => {
      const claimed = await tx.citizenSignup.updateMany({
        where: { id: row.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        data: { usedAt: new Date() },
      });
      if (claimed.count !== 1) throw new ConflictError(SIGNUP_LINK_MESSAGES.used);
      const now = new Date();
      // The unique email decides a race with an invitation or a second tab: one account, once.
      const user = await tx.user.create({
        data: { email: row.email, name, passwordHash, passwordChangedAt: now, emailVerified: now, isCitizen: true },
        select: { id: true },
      });
      await enqueueMail(tx, { to: row.email, userId: user.id, ...citizenWelcomeMail() });
      await recordAudit(tx, {
        action: "citizen.signup.completed",
        actorId: user.id,
        actorType: "user",
        subjectUserId: user.id,
        ip,
      });
      return user.id;
    })
    .catch((e: unknown) => {
      if ((e as { code?: string }).code === "P2002") throw new ConflictError(SIGNUP_LINK_MESSAGES.used);
      throw e;
    });
  await kickMailer();
  return { email: row.email, userId };
}
