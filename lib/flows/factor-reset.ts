// An administrator's reset of a person's sign-in factors (issue 15): the way back for someone who
// lost their passkeys or authenticator app and has no recovery code left, without ever letting
// email alone stand in for a factor. Removes every passkey, the authenticator app and the
// recovery codes (and the person's open challenges), ends all their sessions — whoever holds a
// session made with the lost device is out — audits it and tells the person by mail through the
// outbox. At their next sign-in, a person who must use MFA is sent to enroll a new factor
// (lib/auth/assurance.ts stageAfterFirstFactor).
//
// Who: the same rule as deactivation (./membership-tx.ts accountInReach): someone who may suspend
// every membership the person holds, and for people with platform groups someone who may act on
// the user record itself (platform admins). Nobody resets their own factors this way (the
// self-grant rule's spirit: a stolen admin session must not swap the admin's own factors), and the
// action asks for a step-up first (app/admin/[slug]/people/[membershipId]/factor-actions.ts).
// The page shows which factors exist — counts, names, dates — never a secret or a hash.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { factorsResetMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import type { Viewer } from "@/lib/identity/viewer";
import { subjectOf } from "@/lib/policy/casl";
import { refuseSelfGrant } from "./grants";
import { accountInReach, actingUser, auditAccount, membershipInReachWhere, parseReason } from "./membership-tx";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; synced: boolean };
export type FactorSummary = {
  passkeys: PasskeySummary[];
  /** When the authenticator app was confirmed; null: none. */
  totpSince: Date | null;
  recoveryCodesLeft: number;
  /** Whether this viewer may reset them (not their own, the account in their reach). */
  canReset: boolean;
};

const ELSEWHERE = "This account also works elsewhere; ask a platform administrator to reset its sign-in methods.";
const reasonSchema = z.string().trim().min(3, "Give a reason (3 characters or more).").max(500);

/** The factors of the membership's person, for those who manage that membership; null for others. */
export async function factorsOf(viewer: Viewer, membershipId: string): Promise<FactorSummary | null> {
  const m = await db.membership.findFirst({ where: membershipInReachWhere(viewer, membershipId) });
  if (!m) throw new NotFoundError();
  if (!viewer.ability.can("suspend", subjectOf("Membership", { ...m }))) return null;
  const [passkeys, totp, recoveryCodesLeft] = await Promise.all([
    db.webAuthnCredential.findMany({
      where: { userId: m.userId },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true },
      orderBy: { createdAt: "asc" },
    }),
    db.totpFactor.findFirst({ where: { userId: m.userId, confirmedAt: { not: null } }, select: { confirmedAt: true } }),
    db.recoveryCode.count({ where: { userId: m.userId, usedAt: null } }),
  ]);
  const self = viewer.principal.kind === "user" && viewer.principal.userId === m.userId;
  const inReach = self
    ? false
    : await accountInReach(viewer, m.userId, ELSEWHERE).then(
        () => true,
        () => false,
      );
  return {
    passkeys: passkeys.map(({ deviceType, ...p }) => ({ ...p, synced: deviceType === "multiDevice" })),
    totpSince: totp?.confirmedAt ?? null,
    recoveryCodesLeft,
    canReset: inReach,
  };
}

export type FactorResetResult = {
  passkeys: number;
  totp: number;
  recoveryCodes: number;
  sessionsEnded: number;
};

/** Removes the person's passkeys, authenticator app and recovery codes; ends their sessions; mails them. */
export async function resetFactors(viewer: Viewer, userId: string, reasonInput: string): Promise<FactorResetResult> {
  const me = actingUser(viewer);
  const reason = parseReason(reasonSchema, reasonInput);
  const user = await accountInReach(viewer, userId, ELSEWHERE);
  if (user.id === me.userId)
    await refuseSelfGrant(
      me.userId,
      "factor_reset",
      { municipalityId: null, targetType: "User", targetId: me.userId },
      "You cannot reset your own sign-in methods here: manage them on your account page, or ask another administrator.",
    );
  const result = await db.$transaction(async (tx) => {
    // The user row first: two administrators resetting at once are serialized on it.
    await tx.user.update({ where: { id: user.id }, data: { accessVersion: { increment: 1 } } });
    const passkeys = await tx.webAuthnCredential.deleteMany({ where: { userId: user.id } });
    const totp = await tx.totpFactor.deleteMany({ where: { userId: user.id } });
    const recoveryCodes = await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.authChallenge.deleteMany({ where: { userId: user.id } });
    const sessions = await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const removed = {
      passkeys: passkeys.count,
      totp: totp.count,
      recoveryCodes: recoveryCodes.count,
      sessionsEnded: sessions.count,
    };
    await auditAccount(tx, me, user.id, "auth.factors.reset", { reason, ...removed });
    // A deactivated person gets no mail (lib/flows/deactivation.ts).
    if (user.isActive)
      await enqueueMail(tx, {
        to: user.email,
        userId: user.id,
        ...factorsResetMail({ removed: removedNames(removed) }),
      });
    return removed;
  });
  if (user.isActive) await kickMailer();
  return result;
}

function removedNames(r: { passkeys: number; totp: number; recoveryCodes: number }): string[] {
  return [
    r.passkeys ? `passkeys (${r.passkeys})` : null,
    r.totp ? "authenticator app" : null,
    r.recoveryCodes ? "recovery codes" : null,
  ].filter((x): x is string => x !== null);
}
