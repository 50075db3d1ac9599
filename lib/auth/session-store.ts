// Server-side sessions. The browser's (encrypted) next-auth cookie carries only a random session
// id; the Session row, stored under the id's SHA-256, decides on every request whether it is
// still valid. Revoking the row signs that browser out at its next request. The rows: create,
// check, list, revoke; who is asking in the current request is ./current-session.ts.
//
// Two limits end a session on the server (NIST SP 800-63B §7.2, SP 800-53 AC-11/AC-12): the
// absolute one (SESSION_HOURS after sign-in, whatever happens) and the idle one (the session's
// idleMinutes without a request; ./session-limits.ts picks it at sign-in). A session whose sign-in
// is not finished (a second factor or enrollment still to come, ./assurance.ts) is "partial": it
// carries no access at all, only the right to finish signing in.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import type { SessionStage } from "@/lib/generated/prisma/enums";
import { idleMinutesFor } from "./session-limits";

export const SESSION_HOURS = 12;
// lastSeenAt is written at most this often, so the idle limit is exact to within this much.
const TOUCH_EVERY_MS = 60_000;

export type NewSession = {
  /** How far the sign-in got (./assurance.ts stageAfterFirstFactor); COMPLETE when left out. */
  stage?: SessionStage;
  /** RFC 8176 amr values of what the person proved (./assurance.ts AMR). */
  authMethods?: string[];
};

export async function createSession(
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
  how: NewSession = {},
): Promise<string> {
  const sid = newSecret();
  await db.session.create({
    data: {
      sessionToken: sha256(sid),
      userId,
      expires: new Date(Date.now() + SESSION_HOURS * 3_600_000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      stage: how.stage ?? "COMPLETE",
      authMethods: how.authMethods ?? [],
      idleMinutes: await idleMinutesFor(userId),
    },
  });
  return sid;
}

/** What an active session tells the rest of the request about itself. */
export type ActiveSession = {
  userId: string;
  sessionId: string;
  /** Last (re-)authentication: step-up (./step-up.ts) wants it recent. */
  authenticatedAt: Date;
  authMethods: string[];
  /** When the session ends if nothing happens before (the idle limit, capped by the absolute one). */
  idleExpiresAt: Date;
  expires: Date;
};

export type SessionCheck =
  | ({ status: "active" } & ActiveSession)
  /** Signed in with a first factor only; see ./assurance.ts. */
  | ({ status: "partial"; stage: Exclude<SessionStage, "COMPLETE"> } & ActiveSession)
  | { status: "none" | "expired" | "idle" | "revoked" | "deactivated" };

type SessionRow = {
  id: string;
  userId: string;
  expires: Date;
  revokedAt: Date | null;
  lastSeenAt: Date;
  stage: SessionStage;
  idleMinutes: number;
  authenticatedAt: Date;
  authMethods: string[];
  isActive: boolean;
};

export async function checkSession(sid: string | undefined, now = new Date()): Promise<SessionCheck> {
  if (!sid) return { status: "none" };
  // The session and its user's active flag in one statement (Prisma would send two).
  const rows = await db.$queryRaw<SessionRow[]>`
    select s.id, s."userId", s.expires, s."revokedAt", s."lastSeenAt", s.stage::text as stage, s."idleMinutes",
      s."authenticatedAt", s."authMethods", u."isActive"
    from "Session" s join "User" u on u.id = s."userId" where s."sessionToken" = ${sha256(sid)}`;
  const row = rows[0];
  if (!row) return { status: "none" };
  if (!row.isActive) return { status: "deactivated" };
  const idleAt = row.lastSeenAt.getTime() + row.idleMinutes * 60_000;
  // A row the idle limit revoked keeps saying so (its revokedAt is past its idle deadline).
  if (row.revokedAt) return { status: row.revokedAt.getTime() >= idleAt ? "idle" : "revoked" };
  if (row.expires < now) return { status: "expired" };
  if (now.getTime() > idleAt) {
    await endIdleSession(row, now);
    return { status: "idle" };
  }
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    lastSeenAt = now;
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt } });
  }
  const active: ActiveSession = {
    userId: row.userId,
    sessionId: row.id,
    authenticatedAt: row.authenticatedAt,
    authMethods: row.authMethods ?? [],
    idleExpiresAt: new Date(Math.min(lastSeenAt.getTime() + row.idleMinutes * 60_000, row.expires.getTime())),
    expires: row.expires,
  };
  return row.stage === "COMPLETE"
    ? { status: "active", ...active }
    : { status: "partial", stage: row.stage, ...active };
}

/** The idle limit passed: the row is revoked (once, audited) so no later request revives it. */
async function endIdleSession(row: SessionRow, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const ended = await tx.session.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now } });
    if (ended.count === 1)
      await recordAudit(tx, {
        action: "auth.session.idle_timeout",
        actorType: "system",
        subjectUserId: row.userId,
        data: { sessionId: row.id, idleMinutes: row.idleMinutes, lastSeenAt: row.lastSeenAt.toISOString() },
      });
  });
}

export async function revokeSessionBySid(sid: string): Promise<void> {
  await db.session.updateMany({
    where: { sessionToken: sha256(sid), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export type SessionDTO = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

export async function listOwnSessions(userId: string, currentSessionId: string | null): Promise<SessionDTO[]> {
  const rows = await db.session.findMany({
    where: { userId, revokedAt: null, expires: { gt: new Date() } },
    select: { id: true, createdAt: true, lastSeenAt: true, expires: true, ip: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}

/** "Sign out everywhere" (or everywhere else): revokes the person's sessions, audited. */
export async function revokeOwnSessions(
  userId: string,
  opts: { keepSessionId?: string | null; onlySessionId?: string } = {},
): Promise<number> {
  return db.$transaction(async (tx) => {
    const res = await tx.session.updateMany({
      where: {
        userId,
        revokedAt: null,
        ...(opts.onlySessionId ? { id: opts.onlySessionId } : {}),
        ...(opts.keepSessionId ? { NOT: { id: opts.keepSessionId } } : {}),
      },
      data: { revokedAt: new Date() },
    });
    // Naming a session that is not (or no longer) one's own revokes nothing and is not an event.
    if (opts.onlySessionId && res.count === 0) return 0;
    await recordAudit(tx, {
      action: "auth.sessions.revoked",
      actorId: userId,
      actorType: "user",
      subjectUserId: userId,
      data: { count: res.count, ...(opts.onlySessionId ? { sessionId: opts.onlySessionId } : {}) },
    });
    return res.count;
  });
}

type SessionTx = {
  session: {
    updateMany(args: {
      where: { userId: string; revokedAt: null; NOT?: { id: string } };
      data: { revokedAt: Date };
    }): PromiseLike<{ count: number }>;
  };
};

/**
 * Ends the person's sessions (all, or all but `keepSessionId`) inside the caller's transaction —
 * a password reset or change, whose own audit event says why. Answers how many ended.
 */
export async function endSessionsInTx(tx: SessionTx, userId: string, keepSessionId?: string | null): Promise<number> {
  const r = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { NOT: { id: keepSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return r.count;
}
