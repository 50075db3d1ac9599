// A person's own account on /account: their name, job title and phone (the profile an
// administrator sees), and their password. Changing the password needs the current one AND a
// fresh authentication (step-up, lib/auth/step-up.ts: SP 800-63B §4.2.3, SP 800-53 IA-11), ends
// every other session (the one in use stays), ends open reset links, mails the person and is
// audited. Current-password guesses are limited per person like sign-in attempts.
//
// Job title and phone live on the person's memberships (onboarding writes them there): edited
// here, they are set on every membership the person has, so the profile reads the same in each
// municipality. The audit trail records which fields changed, not their values (erasure
// anonymises the person's fields and keeps the trail: a value in an event would outlive it).
import "server-only";
import { db } from "@/lib/db";
import { auditOwnChange } from "@/lib/audit/own-change";
import { enqueueMail } from "@/lib/mail/outbox";
import { passwordChangedMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { hitRateLimit } from "@/lib/rate-limit";
import { verifyPassword } from "@/lib/crypto/password";
import { endSessionsInTx, type ActiveSession } from "@/lib/auth/session-store";
import { ValidationError, parseFormInput } from "@/lib/errors";
import { changePasswordInput, profileInput, type ChangePasswordInput, type ProfileInput } from "@/lib/schemas/account";
import { acceptableNewPasswordHash } from "./new-password";
import { ownChangeInput, wrongCurrentPassword } from "./own-account";
import { endOpenTokens } from "./account-tokens";
import { TooManyAttemptsError } from "./password-reset";

/** Wrong current passwords per person before the form waits (like the sign-in pair lockout). */
export const CURRENT_PASSWORD_ATTEMPTS = { limit: 10, windowSeconds: 15 * 60 };

export type OwnProfile = { name: string; email: string; jobTitle: string; phone: string; hasPassword: boolean };

/** What the profile form starts from: the person's name and the first membership's job title and phone. */
export async function ownProfile(userId: string): Promise<OwnProfile> {
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      passwordHash: true,
      memberships: { select: { jobTitle: true, phone: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const withDetails = u.memberships.find((m) => m.jobTitle || m.phone) ?? u.memberships[0];
  return {
    name: u.name ?? "",
    email: u.email,
    jobTitle: withDetails?.jobTitle ?? "",
    phone: withDetails?.phone ?? "",
    hasPassword: !!u.passwordHash,
  };
}

export async function updateOwnProfile(userId: string, input: ProfileInput): Promise<{ changed: string[] }> {
  const { name, jobTitle = null, phone = null } = parseFormInput(profileInput, input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, memberships: { select: { jobTitle: true, phone: true } } },
    });
    const changed = [
      ...(before.name !== name ? ["name"] : []),
      ...(before.memberships.some((m) => m.jobTitle !== jobTitle) ? ["jobTitle"] : []),
      ...(before.memberships.some((m) => m.phone !== phone) ? ["phone"] : []),
    ];
    if (changed.length === 0) return { changed };
    await tx.user.update({ where: { id: userId }, data: { name } });
    await tx.membership.updateMany({ where: { userId }, data: { jobTitle, phone } });
    await auditOwnChange(tx, userId, {
      action: "account.profile.updated",
      data: { fields: changed },
    });
    return { changed };
  });
}

/** Changes the password of the signed-in person (current password and a recent authentication needed). */
export async function changeOwnPassword(
  session: ActiveSession,
  input: ChangePasswordInput,
  ip: string,
): Promise<{ sessionsEnded: number }> {
  const parsed = await ownChangeInput(session, changePasswordInput, input);
  const userId = session.userId;
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, passwordHash: true },
  });
  if (!user.passwordHash)
    throw new ValidationError(
      "Your account has no password: you sign in through your municipality's sign-in or a linked provider.",
      { currentPassword: ["Your account has no password."] },
    );
  const attempts = await hitRateLimit(
    `pwchange:user:${userId}`,
    CURRENT_PASSWORD_ATTEMPTS.limit,
    CURRENT_PASSWORD_ATTEMPTS.windowSeconds,
  );
  if (!attempts.allowed) throw new TooManyAttemptsError();
  if (!(await verifyPassword(user.passwordHash, parsed.currentPassword))) {
    await db.$transaction((tx) =>
      auditOwnChange(tx, userId, {
        action: "account.password.change_refused",
        ip,
        data: { why: "wrong current password" },
      }),
    );
    throw wrongCurrentPassword();
  }
  if (parsed.password === parsed.currentPassword)
    throw new ValidationError("Choose a password different from your current one.", {
      password: ["Choose a password different from your current one."],
    });
  const passwordHash = await acceptableNewPasswordHash(parsed.password, { name: user.name, email: user.email });
  const sessionsEnded = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    await tx.rateLimitBucket.deleteMany({ where: { key: `pwchange:user:${userId}` } });
    const ended = await endSessionsInTx(tx, userId, session.sessionId);
    await endOpenTokens(tx, userId, "password_reset", "the password was changed");
    await enqueueMail(tx, { to: user.email, userId, ...passwordChangedMail({ how: "change" }) });
    await auditOwnChange(tx, userId, {
      action: "account.password.changed",
      ip,
      data: { otherSessionsEnded: ended },
    });
    return ended;
  });
  await kickMailer();
  return { sessionsEnded };
}
