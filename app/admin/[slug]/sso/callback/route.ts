// Where the provider sends the browser back after the console's "Try sign-in" (never next-auth's
// callback: nothing here signs anyone in). Signed out: to sign in. Outside the caller's reach: not
// found. Otherwise the code is exchanged (lib/flows/sso-console.ts) and the browser goes back to
// the console, which shows the claims and mapped groups from a sealed, session-bound cookie.
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/current-session";
import { VIEW_AS_READ_ONLY } from "@/lib/auth/view-as";
import { TRY_MINUTES, TRY_RESULT_COOKIE, TRY_STATE_COOKIE, sealTryResult, tryCookiePath } from "@/lib/auth/sso-try";
import { usesSecureCookies } from "@/lib/auth/session-cookie";
import { finishTrySignIn } from "@/lib/flows/sso-console";
import { ssoConsoleAccess } from "@/lib/data/sso-connections";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  const app = env().APP_URL.replace(/\/$/, "");
  const url = new URL(req.url);
  // Signed out (or the session ended meanwhile): requireUser sends the browser to sign in.
  const { viewer, principal, sessionId } = await requireUser();
  // Read-only while viewing as someone (lib/auth/view-as.ts): no sign-in is finished as them.
  if (principal.viewAs) return new Response(VIEW_AS_READ_ONLY, { status: 403 });
  let muni;
  try {
    muni = await adminMunicipality(viewer, slug);
  } catch (e) {
    if (isAppError(e)) return new Response("Not found", { status: 404 });
    throw e;
  }
  if (!ssoConsoleAccess(viewer, muni.id).manage) return new Response("Not found", { status: 404 });
  const cookie = (await cookies()).get(TRY_STATE_COOKIE)?.value;
  const result = await finishTrySignIn(viewer, principal.userId, muni, sessionId, cookie, url.search);
  const res = NextResponse.redirect(`${app}/admin/${muni.slug}/sso?tried=${result ? "1" : "expired"}#try-sign-in`);
  const options = {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: usesSecureCookies(),
    path: tryCookiePath(muni.slug),
  };
  // The state is used once, whatever happened.
  res.cookies.set(TRY_STATE_COOKIE, "", { ...options, maxAge: 0 });
  if (result)
    res.cookies.set(TRY_RESULT_COOKIE, sealTryResult(result, sessionId), { ...options, maxAge: TRY_MINUTES * 60 });
  return res;
}
