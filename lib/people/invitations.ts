import "server-only";
import { pagePosition } from "@/lib/records/list";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/identity/viewer";

export type InvitationRow = {
  id: string;
  email: string;
  groups: string[];
  expiresAt: Date;
  lastSentAt: Date;
  sendCount: number;
  kind: string;
  state: "pending" | "expired";
};

/** One page of the pending (not accepted, not revoked) invitations of a municipality, scoped by the ability. */
export async function listPendingInvitations(
  viewer: Viewer,
  municipalityId: string,
  q: { page: number; pageSize: number } = { page: 1, pageSize: 25 },
): Promise<{ rows: InvitationRow[]; total: number; page: number; pageSize: number; pageCount: number }> {
  const where = {
    AND: [
      accessibleBy(viewer.ability, "read").ofType("Invitation"),
      { municipalityId, acceptedAt: null, revokedAt: null },
    ],
  };
  const total = await db.invitation.count({ where });
  const rows = await db.invitation.findMany({
    where,
    select: { id: true, email: true, groups: true, expiresAt: true, lastSentAt: true, sendCount: true, kind: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (q.page - 1) * q.pageSize,
    take: q.pageSize,
  });
  const now = new Date();
  const out = rows.map((r): InvitationRow => ({ ...r, state: r.expiresAt < now ? "expired" : "pending" }));
  return { rows: out, ...pagePosition(total, q) };
}
