// A change a person makes to their own account (profile, password, email address, a factor added
// or removed, a recovery code used, a step-up) is audited as one event with them as both actor and
// subject, written in the change's own transaction. (The mail that tells them of a change to their
// factors: lib/flows/own-change.ts.)
import "server-only";
import { recordAudit, type AuditInput, type AuditTx } from "./record";

export type OwnChange = Pick<AuditInput, "action" | "data" | "targetType" | "targetId"> & { ip?: string | null };

/** The audit event of `userId` acting on their own account. */
export async function auditOwnChange(tx: AuditTx, userId: string, change: OwnChange): Promise<void> {
  await recordAudit(tx, {
    ...change,
    actorId: userId,
    actorType: "user",
    subjectUserId: userId,
    ip: change.ip ?? null,
  });
}
