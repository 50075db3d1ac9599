// A signed-in person's own memberships that give no access (suspended, waiting for approval,
// refused, invitation not finished), so the pages that refuse them can say which, and whom to ask.
// Deliberately outside the ability: a membership that is not ACTIVE contributes no rule, so no
// policy would let its holder read it; the query is pinned to the person's own user id instead, and
// answers only what concerns them — their status and dates, the reason given to them (a rejection is
// mailed with its reason; a suspension's reason only where the municipality shows it) and the
// municipality's configured contact. Never who decided, nor anyone else's data. A municipality they
// never belonged to (or an archived one) answers nothing, so a page stays "not found" for it.
import "server-only";
import { db } from "@/lib/db";
import type { UserPrincipal } from "@/lib/identity/principal";

export type RefusedStatus = "SUSPENDED" | "PENDING_APPROVAL" | "REJECTED" | "INVITED";

export type AccessState = {
  slug: string;
  municipality: string;
  status: RefusedStatus;
  /** When it came to this: suspended, rejected, or asked for approval. */
  since: Date | null;
  /** The reason given to the person, when they may see it. */
  reason: string | null;
  /** The municipality's contact for access questions (Municipality.accessContact). */
  contact: string | null;
};

const SLUG = /^[a-z0-9-]{1,64}$/;

async function statesOf(userId: string, slug?: string): Promise<AccessState[]> {
  const rows = await db.membership.findMany({
    where: {
      userId,
      status: { not: "ACTIVE" },
      municipality: { archivedAt: null, ...(slug ? { slug } : {}) },
    },
    select: {
      status: true,
      createdAt: true,
      profileCompletedAt: true,
      suspendedAt: true,
      suspensionReason: true,
      rejectedAt: true,
      rejectionReason: true,
      municipality: { select: { slug: true, name: true, accessContact: true, showSuspensionReason: true } },
    },
    orderBy: { municipality: { name: "asc" } },
  });
  return rows.map((r) => {
    const status = r.status as RefusedStatus;
    const m = r.municipality;
    return {
      slug: m.slug,
      municipality: m.name,
      status,
      since:
        status === "SUSPENDED"
          ? r.suspendedAt
          : status === "REJECTED"
            ? r.rejectedAt
            : (r.profileCompletedAt ?? r.createdAt),
      reason:
        status === "SUSPENDED"
          ? m.showSuspensionReason
            ? r.suspensionReason
            : null
          : status === "REJECTED"
            ? r.rejectionReason
            : null,
      contact: m.accessContact,
    };
  });
}

/** Every membership of the person's that gives no access, by municipality name. */
export async function ownAccessStates(principal: UserPrincipal): Promise<AccessState[]> {
  return statesOf(principal.userId);
}

/** The person's own membership in `slug` when it gives no access; null when they hold none there. */
export async function ownAccessStateIn(principal: UserPrincipal, slug: string): Promise<AccessState | null> {
  if (!SLUG.test(slug)) return null;
  return (await statesOf(principal.userId, slug))[0] ?? null;
}

/**
 * The contact a municipality shows people refused there (for a sign-in refused before there is a
 * session: its provider names the municipality). Chosen by the municipality for exactly this page.
 */
export async function accessContactOf(slug: string): Promise<string | null> {
  if (!SLUG.test(slug)) return null;
  const m = await db.municipality.findFirst({ where: { slug, archivedAt: null }, select: { accessContact: true } });
  return m?.accessContact ?? null;
}
