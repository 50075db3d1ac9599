// A citizen account (User.isCitizen, ./citizen-signup.ts) follows its own reports and nothing
// else: it never holds a membership or a platform group. The flows that would grant one (an
// invitation, accepting one, a self-registration, a platform grant) refuse it here with one clear
// message; lib/auth/load-principal.ts also drops any membership or platform group a citizen row
// might carry (defence in depth), so a missed flow could not widen a citizen's access.
import "server-only";
import { ConflictError } from "@/lib/errors";
import type { Tx } from "./tx";

export const CITIZEN_REFUSAL = (email: string) =>
  `${email} is a citizen account (for following reports to municipalities), which cannot work in a municipality. Use a work address instead.`;

/** Throws CITIZEN_REFUSAL when `user` is a citizen account. */
export function refuseCitizen(user: { isCitizen: boolean } | null | undefined, email: string): void {
  if (user?.isCitizen) throw new ConflictError(CITIZEN_REFUSAL(email));
}

/** The same, for a user known by id inside a transaction. */
export async function refuseCitizenById(tx: Tx, userId: string, email: string): Promise<void> {
  refuseCitizen(await tx.user.findUnique({ where: { id: userId }, select: { isCitizen: true } }), email);
}
