// "Last sign-in": every way of signing in records it here, so the people list and the
// inactive-accounts job (lib/flows/inactivity.ts, NIST SP 800-53 AC-2(3)) see one truth. Password
// (./credentials.ts) and SSO (./sso.ts) write `User.lastLoginAt` inside their own sign-in
// transaction; OAuth (./oauth.ts) and passkeys call recordSignIn. Written only once the sign-in
// is decided (never for a refused attempt), and never by reading a session: using a session is
// not signing in.
import "server-only";
import { db } from "@/lib/db";

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
