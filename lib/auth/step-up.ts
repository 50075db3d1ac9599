// Step-up authentication (NIST SP 800-63B §4.2.3 / SP 800-53 IA-11 re-authentication): granting
// groups, deactivating or erasing people, creating API tokens, changing sign-in settings and
// changing one's own credentials need an authentication within STEP_UP_MINUTES, made with the
// strongest factor the person has — a passkey if they have one, else their authenticator app,
// else their password. A session's authMethods are those of its most recent authentication
// (lib/auth/assurance.ts), so "recent and strong enough" is read from the Session row alone.
import "server-only";
import { db } from "@/lib/db";
import { StepUpRequiredError } from "@/lib/errors";
import { auditOwnChange } from "@/lib/audit/own-change";
import { AMR, secondFactorsOf, type Amr } from "./assurance";
import type { ActiveSession } from "./session-store";

export const STEP_UP_MINUTES = 15;

/** The factor a step-up must use for this person, strongest first. */
export type StepUpFactor = "passkey" | "totp" | "password" | "sso";

export async function strongestFactorOf(userId: string): Promise<StepUpFactor> {
  const f = await secondFactorsOf(userId);
  if (f.passkeys > 0) return "passkey";
  if (f.totp) return "totp";
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return user?.passwordHash ? "password" : "sso";
}

/** Which amr values prove each factor (a passkey also satisfies "totp": it is stronger). */
const SATISFIES: Record<StepUpFactor, readonly string[]> = {
  passkey: [AMR.passkey],
  totp: [AMR.passkey, AMR.totp],
  password: [AMR.passkey, AMR.totp, AMR.password, AMR.federated],
  sso: [AMR.passkey, AMR.totp, AMR.federated],
};

export async function isRecentlyAuthenticated(session: ActiveSession, now = new Date()): Promise<boolean> {
  if (now.getTime() - session.authenticatedAt.getTime() > STEP_UP_MINUTES * 60_000) return false;
  const needed = SATISFIES[await strongestFactorOf(session.userId)];
  return session.authMethods.some((m) => needed.includes(m));
}

/** Throws StepUpRequiredError (the form shows the "confirm it's you" prompt) unless recent enough. */
export async function requireRecentAuth(session: ActiveSession): Promise<void> {
  if (!(await isRecentlyAuthenticated(session))) throw new StepUpRequiredError();
}

/** A step-up passed: the session's authentication is now, made with `amr`. */
export async function recordReauthentication(
  session: ActiveSession,
  amr: readonly Amr[],
  meta: { ip?: string | null } = {},
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.session.update({
      where: { id: session.sessionId },
      data: { authenticatedAt: new Date(), authMethods: [...amr] },
    });
    await auditOwnChange(tx, session.userId, {
      action: "auth.step_up",
      ip: meta.ip,
      data: { sessionId: session.sessionId, methods: [...amr] },
    });
  });
}
