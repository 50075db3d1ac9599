// How sure we are of who signed in, and what is still missing (NIST SP 800-63B AAL2, SP 800-53
// IA-2(1)/(2), CJIS 5.6.2.2). A sign-in happens in stages, recorded on the Session row:
//
//   first factor (password, SSO, Google/Microsoft) ──► SECOND_FACTOR ──► COMPLETE
//                                                  └─► ENROLL ─────────► COMPLETE
//   passkey (user-verified) or an IdP that says it did MFA ──────────────► COMPLETE
//
// Only a COMPLETE session carries access (lib/auth/current-session.ts treats the others as
// signed out, except for the pages that finish the sign-in). A person who has a second factor is
// always asked for it; a person who must use MFA (mfaRequired) and has none is sent to enroll one
// and can do nothing else. Recovery codes finish a SECOND_FACTOR stage but are not a factor of
// their own: they do not let a person skip enrollment.
//
// authMethods holds RFC 8176 amr values of the most recent authentication: pwd (password), otp
// (authenticator app), hwk (passkey: proof of a hardware-bound or synced key, with user
// verification), rec (a recovery code; not an RFC value), fed (a federated sign-in), mfa (the
// identity provider said it did multi-factor).
import "server-only";
import { db } from "@/lib/db";
import type { SessionStage } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";

export const AMR = {
  password: "pwd",
  totp: "otp",
  passkey: "hwk",
  recovery: "rec",
  federated: "fed",
  mfa: "mfa",
} as const;
export type Amr = (typeof AMR)[keyof typeof AMR];

/**
 * Groups that count as "admins and managers" for the ADMINS_AND_MANAGERS setting: the groups that
 * grant or approve others' access (policies/groups/municipality_admin.yaml, manager.yaml).
 */
export const PRIVILEGED_GROUPS = ["municipality_admin", "manager"] as const;

export type SecondFactors = { passkeys: number; totp: boolean; recoveryCodesLeft: number };

export async function secondFactorsOf(userId: string): Promise<SecondFactors> {
  const [passkeys, totp, recoveryCodesLeft] = await Promise.all([
    db.webAuthnCredential.count({ where: { userId } }),
    db.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { passkeys, totp: totp > 0, recoveryCodesLeft };
}

export const hasSecondFactor = (f: SecondFactors) => f.passkeys > 0 || f.totp;

/**
 * What decides whether the person must use MFA: their platform groups, and their memberships
 * (active or awaiting approval) in municipalities that ask for MFA, with the groups they hold there.
 * Read by mfaRequired and, for its words, by ./mfa-reasons.ts.
 */
export async function mfaRulesOf(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: {
      platformGroups: true,
      memberships: {
        where: { status: { in: ["ACTIVE", "PENDING_APPROVAL"] }, municipality: { mfaRequirement: { not: "OFF" } } },
        select: { groups: true, municipality: { select: { name: true, mfaRequirement: true } } },
      },
    },
  });
}

/**
 * Whether the person must use MFA: always with a platform group; else when a municipality they
 * belong to (active or awaiting approval) requires it of everyone, or of admins and managers and
 * they hold one of those groups there.
 */
export async function mfaRequired(userId: string): Promise<boolean> {
  const user = await mfaRulesOf(userId);
  if (!user) return false;
  if (user.platformGroups.length > 0) return true;
  return user.memberships.some(
    (m) =>
      m.municipality.mfaRequirement === "EVERYONE" ||
      m.groups.some((g) => (PRIVILEGED_GROUPS as readonly string[]).includes(g)),
  );
}

/** The stage a session starts in after its first factor. */
export async function stageAfterFirstFactor(userId: string, amr: readonly string[]): Promise<SessionStage> {
  if (amr.includes(AMR.passkey) || amr.includes(AMR.mfa)) return "COMPLETE";
  if (hasSecondFactor(await secondFactorsOf(userId))) return "SECOND_FACTOR";
  return (await mfaRequired(userId)) ? "ENROLL" : "COMPLETE";
}

/**
 * Moves a partial session on to COMPLETE after its second factor (from SECOND_FACTOR) or its first
 * enrolled factor (from ENROLL). Only from the stage named, so a replayed request changes nothing;
 * false when the session was not in that stage.
 */
export async function finishSignIn(
  sessionId: string,
  from: Exclude<SessionStage, "COMPLETE">,
  amr: readonly Amr[],
  meta: { ip?: string | null } = {},
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const s = await tx.session.findUnique({ where: { id: sessionId }, select: { userId: true, authMethods: true } });
    if (!s) return false;
    const done = await tx.session.updateMany({
      where: { id: sessionId, stage: from, revokedAt: null },
      data: {
        stage: "COMPLETE",
        authMethods: [...new Set([...s.authMethods, ...amr])],
        authenticatedAt: new Date(),
      },
    });
    if (done.count !== 1) return false;
    await recordAudit(tx, {
      action: from === "ENROLL" ? "auth.mfa.enrolled_at_sign_in" : "auth.mfa.passed",
      actorId: s.userId,
      actorType: "user",
      subjectUserId: s.userId,
      ip: meta.ip ?? null,
      data: { sessionId, methods: [...amr] },
    });
    return true;
  });
}
