// "View as" (issue 20): an administrator opens a read-only view of the workspace as another person
// of their municipality, to see exactly what that person sees — and why fields are hidden from
// them — without asking for their password or a screen share. Bound to the administrator's own
// Session row (ViewAsSession.sessionId): while one is open, ./current-session.ts hands pages the
// TARGET's principal, restricted to their one membership there and marked `viewAs`, and every
// change is refused on the server (lib/actions/action-client.ts, lib/http/api.ts, the OIDC
// provider's sign-in). Start and end are audited with the administrator as the actor and the
// person as the subject, so the person sees it in their own history (/account).
//
// Rules for starting (startViewAs):
// - the administrator may read and update the membership by policy (a membership outside their
//   reach, another municipality's included, is "not found");
// - the membership is ACTIVE, its user active, not the administrator, not a platform account
//   (platformGroups), not a citizen, not a service account;
// - never more than the administrator holds: every action × subject × field the person's groups
//   grant in that municipality, the administrator's groups (there, plus platform groups) grant too
//   (lib/policy/covers.ts; service access is left out: no service sign-in happens during view-as);
//   else refused, naming the person's groups that grant more;
// - not while a view-as is already open in this session (no chaining);
// - step-up: the action asks for a recent authentication (stepUp: true).
// It ends by the banner's button, when the session ends (sign-out, revocation, expiry), after
// VIEW_AS_MINUTES, or when either person's access changes so that the rules above no longer hold.
//
// The ViewAsSession rows are infrastructure like Session (not a policy subject): read here with
// `db` directly, as ./session-store.ts reads Session rows. The membership itself is read through
// the administrator's ability (accessibleBy), as lib/data would.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { sha256 } from "@/lib/crypto/tokens";
import { grantsBeyond, type Uncovered } from "@/lib/policy/covers";
import { buildAbility } from "@/lib/policy/ability";
import { groupLabel } from "@/lib/policy/summary";
import type { CompiledPolicies } from "@/lib/policy/load";
import type { Principal, UserPrincipal, ViewAsMark } from "@/lib/identity/principal";
import type { Viewer } from "@/lib/identity/viewer";
import { loadUserPrincipal } from "./load-principal";

/** A view-as ends by itself this long after it started. */
export const VIEW_AS_MINUTES = 60;

export type ViewAsEndReason = "ended" | "signed-out" | "session-ended" | "expired" | "access-changed";

/** The refusal every change meets while viewing as someone. */
export const VIEW_AS_READ_ONLY = "You are viewing as someone else: nothing can be changed. End “view as” first.";

const ACTIVE_ROW = {
  id: true,
  sessionId: true,
  adminUserId: true,
  targetUserId: true,
  municipalityId: true,
  membershipId: true,
  startedAt: true,
} as const;

/** The principal restricted to its grants in one municipality (platform groups stay: they hold everywhere). */
function withinMunicipality(p: UserPrincipal, municipalityId: string, opts: { platform: boolean }): UserPrincipal {
  return {
    ...p,
    memberships: p.memberships.filter((m) => m.municipalityId === municipalityId),
    platformGroups: opts.platform ? p.platformGroups : [],
  };
}

// `access` (signing in to a connected service) is never exercised during view-as: the OIDC
// provider refuses every sign-in while one is open (lib/services/oidc-sign-in.ts), so a group's
// service access shows the administrator nothing and is not compared.
const NOT_COMPARED = ["access"] as const;

const staffAbility = (p: UserPrincipal, policies?: CompiledPolicies) =>
  buildAbility(p, { includePublic: false, ...(policies ? { policies } : {}) });

/**
 * What the person's groups grant in the municipality beyond the administrator's, per group of
 * theirs (an empty list: nothing, view-as may start). Exported for the tests and the person page.
 */
export function groupsBeyond(
  admin: UserPrincipal,
  target: UserPrincipal,
  municipalityId: string,
  /** Another policy folder's compiled policies (tests); absent: the deployed ones. */
  policies?: CompiledPolicies,
): { group: string; label: string; beyond: Uncovered[] }[] {
  const mine = staffAbility(withinMunicipality(admin, municipalityId, { platform: true }), policies);
  const theirs = withinMunicipality(target, municipalityId, { platform: false });
  const groups = theirs.memberships.flatMap((m) => m.groups);
  return groups
    .map((group) => {
      const one = { ...theirs, memberships: theirs.memberships.map((m) => ({ ...m, groups: [group] })) };
      const beyond = grantsBeyond(staffAbility(one, policies), mine, { skip: NOT_COMPARED });
      return { group, label: groupLabel(group, policies), beyond };
    })
    .filter((g) => g.beyond.length > 0);
}

type Target = { membershipId: string; municipalityId: string; userId: string; name: string };

/**
 * Why `admin` may not view as the person of this membership, or the person. Throws NotFoundError
 * for a membership outside the administrator's reach (read and update), ValidationError or
 * ForbiddenError (the message says why) for the other rules.
 */
async function checkTarget(admin: Viewer, municipalityId: string, membershipId: string): Promise<Target> {
  if (admin.principal.kind !== "user") throw new NotFoundError();
  const me = admin.principal;
  const membership = await db.membership.findFirst({
    where: {
      AND: [
        accessibleBy(admin.ability, "read").ofType("Membership"),
        accessibleBy(admin.ability, "update").ofType("Membership"),
        { id: membershipId, municipalityId },
      ],
    },
    select: {
      id: true,
      status: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          isActive: true,
          isCitizen: true,
          isServiceAccount: true,
          platformGroups: true,
        },
      },
    },
  });
  if (!membership) throw new NotFoundError();
  const u = membership.user;
  if (u.id === me.userId) throw new ValidationError("You cannot view as yourself.");
  if (u.platformGroups.length > 0) throw new ForbiddenError("You cannot view as a platform account.");
  if (u.isCitizen) throw new ForbiddenError("You cannot view as a citizen account.");
  if (u.isServiceAccount) throw new ForbiddenError("You cannot view as a service account.");
  if (!u.isActive || membership.status !== "ACTIVE")
    throw new ValidationError("Only an active member can be viewed as: this membership is not active.");
  const target = await loadUserPrincipal(u.id, "session");
  if (target.kind !== "user") throw new ValidationError("Only an active member can be viewed as.");
  const beyond = groupsBeyond(me, target, municipalityId);
  if (beyond.length)
    throw new ForbiddenError(
      `You cannot view as this person: their group${beyond.length === 1 ? "" : "s"} ${beyond.map((b) => b.label).join(", ")} ${beyond.length === 1 ? "grants" : "grant"} more than yours do.`,
    );
  return { membershipId: membership.id, municipalityId, userId: u.id, name: u.name ?? u.email };
}

/** Whether the person page offers "View as" (the same rules as starting, without side effects). */
export async function viewAsRefusal(
  admin: Viewer,
  municipalityId: string,
  membershipId: string,
): Promise<string | null> {
  try {
    await checkTarget(admin, municipalityId, membershipId);
    return null;
  } catch (err) {
    if (err instanceof NotFoundError) return "Not found";
    if (err instanceof ValidationError || err instanceof ForbiddenError) return err.message;
    throw err;
  }
}

/** A view-as event: the administrator is the actor, the person (their membership) the subject. */
function auditViewAs(
  tx: Parameters<typeof recordAudit>[0],
  action: "governance.view_as.started" | "governance.view_as.ended",
  who: { adminUserId: string; municipalityId: string; membershipId: string; userId?: string; targetUserId?: string },
  how: { actorType: "user" | "system"; ip?: string | null; data: Record<string, string | number> },
) {
  return recordAudit(tx, {
    action,
    actorId: who.adminUserId,
    actorType: how.actorType,
    municipalityId: who.municipalityId,
    targetType: "Membership",
    targetId: who.membershipId,
    subjectUserId: who.targetUserId ?? who.userId ?? null,
    ip: how.ip ?? null,
    data: how.data,
  });
}

/** Opens a view-as in the administrator's session. The action wrapper asked for step-up first. */
export async function startViewAs(
  admin: Viewer,
  sessionId: string,
  municipalityId: string,
  membershipId: string,
  meta: { ip?: string | null } = {},
): Promise<{ id: string }> {
  if (admin.principal.kind !== "user") throw new NotFoundError();
  if (admin.principal.viewAs) throw new ForbiddenError("You are already viewing as someone: end that first.");
  const target = await checkTarget(admin, municipalityId, membershipId);
  const me = admin.principal;
  return db.$transaction(async (tx) => {
    // One open view-as per session: the row lock on the session makes two starts at once take turns.
    await tx.$queryRaw`select id from "Session" where id = ${sessionId} for update`;
    const open = await tx.viewAsSession.findFirst({ where: { sessionId, endedAt: null }, select: { id: true } });
    if (open) throw new ForbiddenError("You are already viewing as someone: end that first.");
    const row = await tx.viewAsSession.create({
      data: {
        sessionId,
        adminUserId: me.userId,
        targetUserId: target.userId,
        municipalityId,
        membershipId: target.membershipId,
      },
      select: { id: true },
    });
    await auditViewAs(
      tx,
      "governance.view_as.started",
      { ...target, adminUserId: me.userId },
      {
        actorType: "user",
        ip: meta.ip,
        data: { viewAsId: row.id },
      },
    );
    return row;
  });
}

/** Ends the session's open view-as (if any), audited; answers whether one was open. */
export async function endViewAs(sessionId: string, reason: ViewAsEndReason, meta: { ip?: string | null } = {}) {
  return db.$transaction(async (tx) => {
    const open = await tx.viewAsSession.findFirst({ where: { sessionId, endedAt: null }, select: ACTIVE_ROW });
    if (!open) return false;
    const now = new Date();
    // Only the first of two racing ends records the event.
    const ended = await tx.viewAsSession.updateMany({
      where: { id: open.id, endedAt: null },
      data: { endedAt: now, endReason: reason },
    });
    if (ended.count === 0) return false;
    await auditViewAs(tx, "governance.view_as.ended", open, {
      actorType: reason === "ended" ? "user" : "system",
      ip: meta.ip,
      data: { viewAsId: open.id, reason, seconds: Math.round((now.getTime() - open.startedAt.getTime()) / 1000) },
    });
    return true;
  });
}

/** Whether this session has a view-as open (the OIDC provider refuses sign-ins to services then). */
export async function isViewingAs(sessionId: string): Promise<boolean> {
  return (await db.viewAsSession.count({ where: { sessionId, endedAt: null } })) > 0;
}

/** Sign-out (next-auth's signOut event, by the cookie's session id): the view-as of that session ends. */
export async function endViewAsOfSid(sid: string): Promise<void> {
  const s = await db.session.findUnique({ where: { sessionToken: sha256(sid) }, select: { id: true } });
  if (s) await endViewAs(s.id, "signed-out");
}

/**
 * The principal a request of this session acts with: the administrator's own, or — while a
 * view-as is open and still valid — the person's, within that one municipality, marked `viewAs`.
 * A view-as whose time is up, or whose rules no longer hold, is ended here (and the
 * administrator's own principal answers).
 */
export async function principalForSession(sessionId: string, admin: Principal): Promise<Principal> {
  if (admin.kind !== "user") return admin;
  const open = await db.viewAsSession.findFirst({ where: { sessionId, endedAt: null }, select: ACTIVE_ROW });
  if (!open) return admin;
  if (Date.now() - open.startedAt.getTime() > VIEW_AS_MINUTES * 60_000) {
    await endViewAs(sessionId, "expired");
    return admin;
  }
  const target = await loadUserPrincipal(open.targetUserId, "session");
  const membership = target.kind === "user" && target.memberships.find((m) => m.membershipId === open.membershipId);
  const still =
    target.kind === "user" &&
    membership &&
    target.platformGroups.length === 0 &&
    !target.isCitizen &&
    groupsBeyond(admin, target, open.municipalityId).length === 0 &&
    staffAbility(withinMunicipality(admin, open.municipalityId, { platform: true })).can(
      "update",
      subjectOf("Membership", { municipalityId: open.municipalityId, userId: open.targetUserId }),
    );
  if (!still || target.kind !== "user" || !membership) {
    await endViewAs(sessionId, "access-changed");
    return admin;
  }
  const mark: ViewAsMark = {
    id: open.id,
    adminUserId: admin.userId,
    adminName: admin.name ?? admin.email,
    targetName: target.name ?? target.email,
    municipalityId: open.municipalityId,
    membershipId: open.membershipId,
    startedAt: open.startedAt.toISOString(),
  };
  return { ...target, memberships: [membership], platformGroups: [], viewAs: mark };
}

/**
 * A view-as whose session has ended (signed out, revoked, expired, idle) is closed with the
 * session's end as its own: the history below must not show it as still open. Idempotent.
 */
async function closeViewAsOfEndedSessions(where: { targetUserId?: string; adminUserId?: string }): Promise<void> {
  const open = await db.viewAsSession.findMany({ where: { ...where, endedAt: null }, select: ACTIVE_ROW });
  if (!open.length) return;
  const sessions = await db.session.findMany({
    where: { id: { in: open.map((o) => o.sessionId) } },
    select: { id: true, revokedAt: true, expires: true, lastSeenAt: true, idleMinutes: true },
  });
  const now = Date.now();
  for (const s of sessions) {
    const idleAt = s.lastSeenAt.getTime() + s.idleMinutes * 60_000;
    if (s.revokedAt || s.expires.getTime() < now || idleAt < now) await endViewAs(s.id, "session-ended");
  }
}

export type ViewAsHistoryEntry = {
  id: string;
  adminName: string;
  municipalityName: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
};

/**
 * "Who looked at your access" (/account): the view-as sessions opened as this person, newest first.
 * The person's own history: read by their own user id only.
 */
export async function viewAsHistoryFor(userId: string, take = 20): Promise<ViewAsHistoryEntry[]> {
  await closeViewAsOfEndedSessions({ targetUserId: userId });
  const rows = await db.viewAsSession.findMany({
    where: { targetUserId: userId },
    orderBy: { startedAt: "desc" },
    take,
    select: { id: true, adminUserId: true, municipalityId: true, startedAt: true, endedAt: true, endReason: true },
  });
  const [admins, munis] = await Promise.all([
    db.user.findMany({
      where: { id: { in: rows.map((r) => r.adminUserId) } },
      select: { id: true, name: true, email: true },
    }),
    db.municipality.findMany({
      where: { id: { in: rows.map((r) => r.municipalityId) } },
      select: { id: true, name: true },
    }),
  ]);
  const adminName = new Map(admins.map((a) => [a.id, a.name ?? a.email]));
  const muniName = new Map(munis.map((m) => [m.id, m.name]));
  return rows.map((r) => ({
    id: r.id,
    adminName: adminName.get(r.adminUserId) ?? "An administrator",
    municipalityName: muniName.get(r.municipalityId) ?? "",
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    endReason: r.endReason,
  }));
}
