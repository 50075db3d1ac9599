// Who is asking, reduced to what authorization needs. Built once per request by
// lib/auth/current-session.ts (session cookie) or lib/auth/api-token.ts (bearer token).
// lib/identity is the leaf of the layers (DESIGN.md): it imports nothing else from lib, so
// lib/policy, lib/data and lib/auth can all name a principal without importing each other.
import type { MembershipStatus, ServiceCategory } from "@/lib/generated/prisma/enums";

/** One ACTIVE membership's contribution. Suspended or pending memberships are never included. */
export type MembershipGrant = {
  membershipId: string;
  municipalityId: string;
  departmentId: string | null;
  /** Empty: all categories. */
  allowedCategories: ServiceCategory[];
  groups: string[];
  /** Optional; when present and not ACTIVE, lib/policy grants nothing for this membership (defence in depth). */
  status?: MembershipStatus;
};

/**
 * trackedRequestId: the request a valid tracking link opened (lib/auth/tracking.ts); it gives the
 * public-scope `citizen` group's `$tracking.requestId` rules their value for this request only.
 */
export type AnonymousPrincipal = { kind: "anonymous"; trackedRequestId?: string };

/**
 * A read-only "view as" (lib/auth/view-as.ts): the principal is the viewed person's, restricted to
 * their one membership in `municipalityId`; the administrator who opened the view is named here so
 * pages can say so. While it is present every change is refused (lib/actions/action-client.ts,
 * lib/http/api.ts, the OIDC provider).
 */
export type ViewAsMark = {
  /** The ViewAsSession id. */
  id: string;
  adminUserId: string;
  adminName: string;
  /** The viewed person's name (or email). */
  targetName: string;
  municipalityId: string;
  membershipId: string;
  startedAt: string;
};

export type UserPrincipal = {
  kind: "user";
  userId: string;
  email: string;
  name: string | null;
  /** superuser, platform_admin: held on the user, valid in every municipality. */
  platformGroups: string[];
  memberships: MembershipGrant[];
  /** Changes whenever anything that affects this person's access changes (cache key). */
  accessVersion: number;
  via: "session" | "token";
  /** Optional; false makes lib/policy grant nothing at all, not even the public rules (defence in depth). */
  isActive?: boolean;
  tokenId?: string;
  /** A citizen account: holds the public-scope `citizen` group (never memberships or platform groups). */
  isCitizen?: boolean;
  /** Present while an administrator views the workspace as this person (read-only). */
  viewAs?: ViewAsMark;
};

export type Principal = AnonymousPrincipal | UserPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: "anonymous" };

/** The default landing after sign-in and the home link: the platform console for platform groups, /my for citizens, else the workspace chooser. */
export const WORKSPACE_HOME = "/w";
export const PLATFORM_HOME = "/platform";
/** A citizen account's home: their reports and the ones they follow (app/my). */
export const CITIZEN_HOME = "/my";
export function homePathOf(principal: Principal): string {
  if (principal.kind === "user" && principal.isCitizen) return CITIZEN_HOME;
  return principal.kind === "user" && principal.platformGroups.length > 0 ? PLATFORM_HOME : WORKSPACE_HOME;
}
