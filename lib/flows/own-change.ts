// A change to a person's own sign-in factors (authenticator app added or removed, recovery codes
// renewed or one used) is audited and mailed to them in the same transaction: someone who got hold
// of their password must not be able to add or remove a factor unseen.
import "server-only";
import { auditOwnChange, type OwnChange } from "@/lib/audit/own-change";
import { enqueueMail } from "@/lib/mail/outbox";
import type { MailContent } from "@/lib/mail/templates";
import type { Tx } from "./tx";

/** The audit event (lib/audit/own-change.ts), and `mail` to the person's current address through the outbox. */
export async function auditAndMailOwnChange(
  tx: Tx,
  userId: string,
  change: OwnChange,
  mail: MailContent,
): Promise<void> {
  await auditOwnChange(tx, userId, change);
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  await enqueueMail(tx, { to: user.email, userId, ...mail });
}
