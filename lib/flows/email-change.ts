// Changing one's own email address from /account. The address is how a person signs in, gets
// mail and is matched to municipalities, so: a fresh authentication (step-up) and, for a person
// with a password, the current password; the new address must be confirmed from a link mailed to
// it (one use, EMAIL_CHANGE_HOURS, stored hashed, sealed in the outbox); the old address is told
// when the change is asked for and again when it is done. Audited at both steps.
//
// Rules the new address must keep (DESIGN.md trust rules):
// - An email domain belongs to one municipality (its SSO domains in policies/sso.yaml and its
//   self-registration domains): a person cannot move themselves into a domain owned by a
//   municipality they are not a member of — that is the start of an account takeover through
//   that municipality's identity provider, as an invitation into it would be (lib/flows/invite.ts).
// - Addresses are unique. Whether an address already has an account is not revealed: the answer
//   is the same "confirmation sent", the address's owner gets a note instead of a link, and the
//   confirmation re-checks uniqueness (a unique index backs it).
// - SSO-managed accounts (a municipal SSO identity linked): the address comes from the
//   municipality's identity provider, so it is changed there, not here. Accounts with only
//   Google or Microsoft linked may change it (those links go by the provider's subject).
import "server-only";
import { db } from "@/lib/db";
import { auditOwnChange } from "@/lib/audit/own-change";
import { enqueueMail } from "@/lib/mail/outbox";
import { emailChangeMail, emailChangedMail, emailChangeRequestedMail, emailTakenMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { hitRateLimit } from "@/lib/rate-limit";
import { verifyPassword } from "@/lib/crypto/password";
import { loadSsoMap, ssoDomainOwner } from "@/lib/auth/sso-map";
import type { ActiveSession } from "@/lib/auth/session-store";
import { ConflictError, ValidationError } from "@/lib/errors";
import { emailChangeInput, type EmailChangeInput } from "@/lib/schemas/account";
import { claimToken, endOpenTokens, inspectToken, issueToken, validToken, type LinkMessages } from "./account-tokens";
import { countLinkAttempt, TooManyAttemptsError } from "./password-reset";
import { ownChangeInput, wrongCurrentPassword } from "./own-account";

export const EMAIL_CHANGE_HOURS = 24;
/** Change requests per person: each mails two addresses. */
export const EMAIL_CHANGES_PER_USER = { limit: 5, windowSeconds: 24 * 3600 };

export const EMAIL_LINK_MESSAGES: LinkMessages = {
  invalid: "This confirmation link is not valid. Ask for the change again on your account page.",
  used: "This confirmation link was already used: the address was confirmed.",
  replaced: "You asked for another address after this one, so this link no longer works. Use the newest mail.",
  expired: `This confirmation link has expired: links work for ${EMAIL_CHANGE_HOURS} hours. Ask for the change again on your account page.`,
};

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/** Why this person may not change their address here (an SSO-managed account), or null: for /account. */
export const emailManagedBy = (userId: string) => ssoManaged(userId);

/** Why this person may not change their address here, or null. */
async function ssoManaged(userId: string): Promise<string | null> {
  const sso = await db.account.findFirst({
    where: { userId, provider: { startsWith: "sso-" } },
    select: { provider: true },
  });
  if (!sso) return null;
  const m = await db.municipality.findUnique({ where: { slug: sso.provider.slice(4) }, select: { name: true } });
  return `Your address comes from ${m?.name ?? "your municipality"}'s single sign-on: change it there, and it is updated here at your next sign-in.`;
}

/** The municipalities that own the domain of `email` (SSO or self-registration) and that the person is not a member of. */
async function foreignOwner(userId: string, email: string): Promise<string | null> {
  const domain = domainOf(email);
  const slug = ssoDomainOwner(loadSsoMap(), domain);
  const owners = await db.municipality.findMany({
    where: { OR: [...(slug ? [{ slug }] : []), { selfRegistrationDomains: { has: domain } }] },
    select: { id: true, name: true },
  });
  if (owners.length === 0) return null;
  const mine = await db.membership.findMany({
    where: { userId, municipalityId: { in: owners.map((o) => o.id) }, status: { not: "REJECTED" } },
    select: { municipalityId: true },
  });
  const foreign = owners.find((o) => !mine.some((m) => m.municipalityId === o.id));
  return foreign ? `${domain} belongs to ${foreign.name}: only its own staff can use addresses there.` : null;
}

/** Mails a confirmation link to the new address (or, if it is taken, a note to its owner); the answer is the same. */
export async function requestEmailChange(
  session: ActiveSession,
  input: EmailChangeInput,
  ip: string,
): Promise<{ newEmail: string }> {
  const { newEmail, currentPassword } = await ownChangeInput(session, emailChangeInput, input);
  const userId = session.userId;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  const managed = await ssoManaged(userId);
  if (managed) throw new ValidationError(managed, { newEmail: [managed] });
  if (newEmail === user.email)
    throw new ValidationError("That is already your address.", { newEmail: ["That is already your address."] });
  const foreign = await foreignOwner(userId, newEmail);
  if (foreign) throw new ValidationError(foreign, { newEmail: [foreign] });
  const limit = await hitRateLimit(
    `email-change:user:${userId}`,
    EMAIL_CHANGES_PER_USER.limit,
    EMAIL_CHANGES_PER_USER.windowSeconds,
  );
  if (!limit.allowed)
    throw new TooManyAttemptsError("You asked for several address changes today. Try again tomorrow.");
  if (user.passwordHash) {
    if (!currentPassword)
      throw new ValidationError("Enter your current password to change your address.", {
        currentPassword: ["Enter your current password."],
      });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw wrongCurrentPassword();
  }
  const owner = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } });
  await db.$transaction(async (tx) => {
    if (owner) {
      // Taken: its owner is told, nobody gets a link, and the requester sees the usual answer.
      await enqueueMail(tx, { to: newEmail, userId: owner.id, ...emailTakenMail() });
    } else {
      const token = await issueToken(tx, userId, "email_change", EMAIL_CHANGE_HOURS * 60, newEmail);
      await enqueueMail(tx, { to: newEmail, userId, ...emailChangeMail({ token, hours: EMAIL_CHANGE_HOURS }) });
      await enqueueMail(tx, { to: user.email, userId, ...emailChangeRequestedMail({ newEmail }) });
    }
    await auditOwnChange(tx, userId, {
      action: "account.email.change_requested",
      ip,
      data: { newEmail, ...(owner ? { outcome: "address in use: its owner was told" } : {}) },
    });
  });
  await kickMailer();
  return { newEmail };
}

/** For the confirmation page. */
export async function emailChangeLink(token: string) {
  const r = await inspectToken(token, "email_change");
  return {
    state: r.state,
    newEmail: r.newEmail ?? null,
    message: r.state === "valid" ? null : EMAIL_LINK_MESSAGES[r.state],
  };
}

/** Confirms the new address from the mailed link (anyone holding the link: it proves the mailbox). */
export async function confirmEmailChange(token: string, ip: string): Promise<{ newEmail: string }> {
  await countLinkAttempt(ip);
  const row = await validToken(token, "email_change", EMAIL_LINK_MESSAGES);
  const newEmail = row.newEmail!;
  // The rules again: memberships, identities and other accounts may have changed since the request.
  const managed = await ssoManaged(row.userId);
  if (managed) throw new ConflictError(managed);
  const foreign = await foreignOwner(row.userId, newEmail);
  if (foreign) throw new ConflictError(`${foreign} Nothing was changed.`);
  const taken = "That address now belongs to another account, so it was not changed.";
  try {
    await db.$transaction(async (tx) => {
      await claimToken(tx, row.id, EMAIL_LINK_MESSAGES.used);
      if (await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } }))
        throw new ConflictError(taken);
      await tx.user.update({
        where: { id: row.userId },
        data: { email: newEmail, emailVerified: new Date(), accessVersion: { increment: 1 } },
      });
      await endOpenTokens(tx, row.userId, "email_change", "the address was changed");
      // Reset links went to the old address: they end with it.
      await endOpenTokens(tx, row.userId, "password_reset", "the address was changed");
      await enqueueMail(tx, { to: row.user.email, userId: row.userId, ...emailChangedMail({ newEmail }) });
      await auditOwnChange(tx, row.userId, {
        action: "account.email.changed",
        ip,
        data: { from: row.user.email, to: newEmail },
      });
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new ConflictError(taken);
    throw e;
  }
  await kickMailer();
  return { newEmail };
}
