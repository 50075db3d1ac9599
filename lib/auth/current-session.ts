// The identity choke point (CONVENTIONS.md): who is asking in this request. The session is read
// once per request (React cache), the principal and ability derived from it, fresh from the
// database every request. The Session rows themselves live in ./session-store.ts.
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { env } from "@/lib/env";
import type { Viewer } from "@/lib/identity/viewer";
import { ANONYMOUS, homePathOf, WORKSPACE_HOME, type Principal, type UserPrincipal } from "@/lib/identity/principal";
import { loadUserPrincipal } from "./load-principal";
import { checkSession, type ActiveSession, type SessionCheck } from "./session-store";
import { principalFromBearer } from "./api-token";
import { clientIpFrom } from "./client-ip";
import { safeNextPath } from "./safe-redirect";
import { sessionCookieName } from "./session-cookie";
import { staffViewerFor, viewerFor } from "./viewer";
import { principalForSession } from "./view-as";

export const getSession = cache(async (): Promise<SessionCheck & { sid?: string }> => {
  const jar = await cookies();
  // Only the name next-auth writes for this origin (lib/auth/session-cookie.ts).
  const raw = jar.get(sessionCookieName())?.value;
  if (!raw) return { status: "none" };
  const token = await decode({ token: raw, secret: env().AUTH_SECRET }).catch(() => null);
  const sid = typeof token?.sid === "string" ? token.sid : undefined;
  return { ...(await checkSession(sid)), sid };
});

export const getPrincipal = cache(async (): Promise<Principal> => {
  const s = await getSession();
  if (s.status !== "active") return ANONYMOUS;
  // While this session views as someone (./view-as.ts), the person's principal, marked `viewAs`.
  return principalForSession(s.sessionId, await loadUserPrincipal(s.userId, "session"));
});

export const getViewer = cache(async (): Promise<Viewer> => viewerFor(await getPrincipal()));

/** For the staff workspace: the person's own groups only (see AbilityContext.includePublic). */
export const getStaffViewer = cache(async (): Promise<Viewer> => staffViewerFor(await getPrincipal()));

/** Why a page sends someone to the sign-in page; shown there in plain words. */
export type SignInReason = "required" | "revoked" | "expired" | "idle" | "deactivated";

/** Where a partial session (lib/auth/assurance.ts) finishes signing in. */
export const FINISH_SIGN_IN_PATH = { SECOND_FACTOR: "/signin/verify", ENROLL: "/signin/enroll" } as const;

const currentPath = async () => (await headers()).get("x-pathname") ?? "/";

/**
 * For pages and actions that need a signed-in person: the session gone, revoked, expired, idle or
 * the account deactivated → the sign-in page, which explains which of these happened; a sign-in
 * still waiting for its second factor or enrollment → the page that finishes it.
 */
export async function requireUser(): Promise<{
  principal: UserPrincipal;
  viewer: Viewer;
  staffViewer: Viewer;
  sessionId: string;
  /** For step-up checks (lib/auth/step-up.ts requireRecentAuth). */
  session: ActiveSession;
}> {
  const s = await getSession();
  if (s.status === "partial")
    redirect(`${FINISH_SIGN_IN_PATH[s.stage]}?next=${encodeURIComponent(await currentPath())}`);
  if (s.status !== "active") {
    const reason: SignInReason = s.status === "none" ? "required" : s.status;
    redirect(`/signin?reason=${reason}&next=${encodeURIComponent(await currentPath())}`);
  }
  const viewer = await getViewer();
  if (viewer.principal.kind !== "user") redirect("/signin?reason=deactivated");
  const { status: _active, sid: _sid, ...session } = s;
  return { principal: viewer.principal, viewer, staffViewer: await getStaffViewer(), sessionId: s.sessionId, session };
}

/**
 * For the pages that finish a sign-in (/signin/verify, /signin/enroll) and their actions: the
 * partial session in `stage`. A complete session goes on to `next`, anything else to sign-in.
 */
export async function requirePartialSession(
  stage: keyof typeof FINISH_SIGN_IN_PATH,
  next = "/",
): Promise<ActiveSession & { stage: keyof typeof FINISH_SIGN_IN_PATH }> {
  const s = await getSession();
  if (s.status === "active") redirect(safeNextPath(next));
  if (s.status !== "partial") redirect(`/signin?reason=${s.status === "none" ? "required" : s.status}`);
  if (s.stage !== stage) redirect(`${FINISH_SIGN_IN_PATH[s.stage]}?next=${encodeURIComponent(next)}`);
  const { status: _partial, sid: _sid, ...session } = s;
  return session;
}

/** The signed-in person's principal, or a redirect to the sign-in page with the reason. */
export async function requirePrincipal(): Promise<UserPrincipal> {
  return (await requireUser()).principal;
}

/**
 * Route handlers (JSON API): a bearer token if one is presented, else the session cookie. A token
 * that is presented but unknown, expired or revoked is `invalidToken` — callers answer 401 rather
 * than quietly treating the caller as anonymous.
 */
export async function getViewerForRequest(
  req: Request,
  opts: { staff?: boolean } = {},
): Promise<Viewer & { invalidToken: boolean }> {
  const bearer = await principalFromBearer(req.headers.get("authorization"), clientIpFrom(req.headers));
  const principal = bearer.presented ? bearer.principal : await getPrincipal();
  const viewer = opts.staff ? await staffViewerFor(principal) : await viewerFor(principal);
  return { ...viewer, invalidToken: bearer.presented && principal.kind === "anonymous" };
}

/** Where this session's person lands when no page was asked for (lib/identity/principal.ts homePathOf); a partial sign-in too. */
export async function sessionHomePath(): Promise<string> {
  const s = await getSession();
  if (s.status !== "active" && s.status !== "partial") return WORKSPACE_HOME;
  return homePathOf(await loadUserPrincipal(s.userId, "session"));
}
