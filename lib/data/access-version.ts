// The writer's access is confirmed inside every write transaction (records here, people in
// lib/flows): a write never commits with rights a concurrent change has removed.
import "server-only";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";

type LockTx = { $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T> };

/**
 * Inside every write transaction, before the write: the access the ability was built from must
 * still be the access the person holds. Every change of access (group change, suspension,
 * approval, deactivation, SSO sync) bumps User.accessVersion in its own transaction, which takes
 * the User row's update lock. FOR SHARE here conflicts with that lock, so PostgreSQL orders the
 * two: either this write holds the share lock first and commits before the change can, or the
 * change committed first and this read sees the new version — and the write is refused as "not
 * found", exactly what the person would get on their next request. Never a write that commits
 * after a removal with the rights it removed. A token is held the same way against revocation.
 * Any version change refuses (also one that added rights): the caller simply retries with the
 * fresh ability of the next request. The people flows (lib/flows: suspension, deactivation,
 * erasure, group change, approval) confirm their actor the same way.
 */
export async function assertAccessCurrent(tx: LockTx, viewer: Viewer): Promise<void> {
  const p = viewer.principal;
  if (p.kind !== "user") return;
  const rows = await tx.$queryRaw<{ accessVersion: number; isActive: boolean }[]>`
    select "accessVersion", "isActive" from "User" where id = ${p.userId} for share`;
  const now = rows[0];
  if (!now || !now.isActive || now.accessVersion !== p.accessVersion) throw new NotFoundError();
  if (p.tokenId) {
    const live = await tx.$queryRaw<{ id: string }[]>`
      select id from "ApiToken" where id = ${p.tokenId} and "revokedAt" is null and "expiresAt" > now() for share`;
    if (live.length !== 1) throw new NotFoundError();
  }
}
