import "server-only";
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

/** Pending (not accepted, not revoked) invitations of a municipality, scoped by the ability. */
export async function listPendingInvitations(viewer: Viewer, municipalityId: string): Promise<InvitationRow[]> {
  const rows = await db.invitation.findMany({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("Invitation"),
        { municipalityId, acceptedAt: null, revokedAt: null },
      ],
    },
    select: { id: true, email: true, groups: true, expiresAt: true, lastSentAt: true, sendCount: true, kind: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const now = new Date();
  return rows.map((r) => ({ ...r, state: r.expiresAt < now ? "expired" : "pending" }));
}
