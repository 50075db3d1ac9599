// "Last sign-in": every way of signing in records it here, so the people list and the
// inactive-accounts job (lib/flows/inactivity.ts, NIST SP 800-53 AC-2(3)) see one truth. SSO
// (./sso.ts) writes `User.lastLoginAt` inside its own sign-in transaction; OAuth (./oauth.ts)
// calls recordSignIn; password (./credentials.ts) and passkey (./passkey-sign-in.ts) sign-ins call
// recordLogin, which also writes their "auth.login" audit event in the same transaction. Written only once the sign-in
// is decided (never for a refused attempt), and never by reading a session: using a session is
// not signing in.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput, type AuditTx } from "@/lib/audit/record";

type UserWriter = {
  user: {
    update(args: { where: { id: string }; data: { lastLoginAt: Date }; select: { id: true } }): PromiseLike<unknown>;
  };
};

/** Records that `userId` signed in now (or at `at`), inside `tx` when the caller has a transaction. */
export async function recordSignIn(userId: string, opts: { tx?: UserWriter; at?: Date } = {}): Promise<void> {
  const writer: UserWriter = opts.tx ?? db;
  await writer.user.update({
    where: { id: userId },
    data: { lastLoginAt: opts.at ?? new Date() },
    select: { id: true },
  });
}

/** A decided sign-in of `userId` from `ip`: last sign-in and its "auth.login" event (`data` says how), in `tx`. */
export async function recordLogin(
  tx: UserWriter & AuditTx,
  userId: string,
  ip: string | null,
  data: AuditInput["data"],
): Promise<void> {
  await recordSignIn(userId, { tx });
  await recordAudit(tx, { action: "auth.login", actorId: userId, actorType: "user", subjectUserId: userId, ip, data });
}
