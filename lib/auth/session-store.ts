// Server-side sessions. The browser's (encrypted) next-auth cookie carries only a random session
// id; the Session row, stored under the id's SHA-256, decides on every request whether it is
// still valid. Revoking the row signs that browser out at its next request. The rows: create,
// check, list, revoke; who is asking in the current request is ./current-session.ts.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { newSecret, sha256 } from "@/lib/crypto/tokens";

export const SESSION_HOURS = 12;
const TOUCH_EVERY_MS = 5 * 60_000;

export async function createSession(
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
): Promise<string> {
  const sid = newSecret();
  await db.session.create({
    data: {
      sessionToken: sha256(sid),
      userId,
      expires: new Date(Date.now() + SESSION_HOURS * 3_600_000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return sid;
}

export type SessionCheck =
  { status: "active"; userId: string; sessionId: string } | { status: "none" | "expired" | "revoked" | "deactivated" };

export async function checkSession(sid: string | undefined): Promise<SessionCheck> {
  if (!sid) return { status: "none" };
  // The session and its user's active flag in one statement (Prisma would send two).
  const rows = await db.$queryRaw<
    { id: string; userId: string; expires: Date; revokedAt: Date | null; lastSeenAt: Date; isActive: boolean }[]
  >`
    select s.id, s."userId", s.expires, s."revokedAt", s."lastSeenAt", u."isActive"
    from "Session" s join "User" u on u.id = s."userId" where s."sessionToken" = ${sha256(sid)}`;
  const row = rows[0];
  if (!row) return { status: "none" };
  if (!row.isActive) return { status: "deactivated" };
  if (row.revokedAt) return { status: "revoked" };
  if (row.expires < new Date()) return { status: "expired" };
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date() } });
  }
  return { status: "active", userId: row.userId, sessionId: row.id };
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
