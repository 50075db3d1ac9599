// Archiving a municipality from the platform console. lib/data writes the archive; this adds what
// lib/data may not reach: everyone who used a connected service through that municipality is cut
// there at once (back-channel logout and webhook queued in the same transaction), as when a
// membership ends — archiving takes everyone's access there away, in Gatehouse and beyond.
import "server-only";
import { setMunicipalityArchived } from "@/lib/data/platform-municipalities";
import type { Viewer } from "@/lib/identity/viewer";
import { endLostAccess } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";

export async function setMunicipalityArchivedEverywhere(
  viewer: Viewer,
  input: { slug: string; archived: boolean; confirm?: string },
): Promise<{ changed: true }> {
  const done = await setMunicipalityArchived(viewer, input, async (tx, municipalityId) => {
    if (!input.archived) return;
    // The people with an open service link who are members there: each one's services are checked
    // again (platform-wide services too: their access may have come from this municipality alone).
    const members = await tx.membership.findMany({ where: { municipalityId }, select: { userId: true } });
    const linked = await tx.serviceLink.findMany({
      where: { endedAt: null, userId: { in: members.map((m) => m.userId) } },
      select: { userId: true },
      distinct: ["userId"],
      orderBy: { userId: "asc" },
    });
    for (const { userId } of linked) await endLostAccess(tx, userId, "municipality archived");
  });
  kickServiceDeliveries();
  return done;
}
