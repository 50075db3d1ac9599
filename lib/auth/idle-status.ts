// What the browser's idle warning asks the server (SP 800-53 AC-11 session lock, AC-12 session
// termination; SP 800-63B §7.2): how long this session has left before its idle limit, read
// WITHOUT counting as activity — unlike every other request (./session-store.ts checkSession
// moves lastSeenAt), so a tab that only watches the clock cannot keep a session alive. A person's
// click in another tab moves the deadline on; the warning re-checks here before it shows and
// before it signs out. "Stay signed in" is the explicit activity (touchSession).
import "server-only";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sha256 } from "@/lib/crypto/tokens";
import { IDLE_WARNING_SECONDS } from "./session-limits";
import { sessionCookieName } from "./session-cookie";

export type IdleStatus =
  | { status: "active"; idleExpiresAt: string; remainingSeconds: number; warningSeconds: number }
  | { status: "none" | "idle" | "revoked" | "expired" | "deactivated" };

/** The session of this request's cookie, without touching it. */
export async function idleStatus(now = new Date()): Promise<IdleStatus> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return { status: "none" };
  const token = await decode({ token: raw, secret: env().AUTH_SECRET }).catch(() => null);
  if (typeof token?.sid !== "string") return { status: "none" };
  const s = await db.session.findUnique({
    where: { sessionToken: sha256(token.sid) },
    select: {
      lastSeenAt: true,
      idleMinutes: true,
      expires: true,
      revokedAt: true,
      user: { select: { isActive: true } },
    },
  });
  if (!s) return { status: "none" };
  if (!s.user.isActive) return { status: "deactivated" };
  const idleAt = s.lastSeenAt.getTime() + s.idleMinutes * 60_000;
  if (s.revokedAt) return { status: s.revokedAt.getTime() >= idleAt ? "idle" : "revoked" };
  if (s.expires <= now) return { status: "expired" };
  if (now.getTime() > idleAt) return { status: "idle" };
  const end = Math.min(idleAt, s.expires.getTime());
  return {
    status: "active",
    idleExpiresAt: new Date(end).toISOString(),
    remainingSeconds: Math.max(0, Math.floor((end - now.getTime()) / 1000)),
    warningSeconds: IDLE_WARNING_SECONDS,
  };
}

/** "Stay signed in": activity now, whatever the last touch was. Only a live session moves. */
export async function touchSession(sessionId: string, now = new Date()): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
}
