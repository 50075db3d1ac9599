// next-auth configuration. JWT strategy only as an envelope: the token holds a server-side
// session id (lib/auth/sessions.ts), checked on every request, so sessions can be listed and
// revoked and a deactivation is enforced at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import AzureADProvider from "next-auth/providers/azure-ad";
import { z } from "zod";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { verifyCredentials } from "./credentials";
import { createSession, revokeSessionBySid } from "./sessions";
import { SESSION_HOURS } from "./sessions";
import { applySsoSignIn, ssoProviders, type SsoProfile } from "./sso";

const credentialsInput = z.object({ email: z.string().trim().email().max(200), password: z.string().min(1).max(500) });

function headerOf(req: { headers?: Record<string, unknown> } | undefined, name: string): string | null {
  const v = req?.headers?.[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
}

export async function authOptions(): Promise<NextAuthOptions> {
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsInput.safeParse(credentials);
        if (!parsed.success) return null;
        const ip = headerOf(req, "x-forwarded-for")?.split(",")[0]?.trim() ?? headerOf(req, "x-real-ip") ?? "local";
        const result = await verifyCredentials(parsed.data.email, parsed.data.password, ip);
        if (!result.ok) throw new Error(result.reason === "rate_limited" ? "RateLimited" : "CredentialsSignin");
        const ua = headerOf(req, "user-agent");
        return { id: result.userId, sid: await createSession(result.userId, { ip, userAgent: ua }) } as { id: string };
      },
    }),
  ];
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  if (e.MICROSOFT_ENTRA_CLIENT_ID && e.MICROSOFT_ENTRA_CLIENT_SECRET) {
    providers.push(AzureADProvider({ clientId: e.MICROSOFT_ENTRA_CLIENT_ID, clientSecret: e.MICROSOFT_ENTRA_CLIENT_SECRET, tenantId: e.MICROSOFT_ENTRA_TENANT_ID }));
  }
  providers.push(...(await ssoProviders(e.AUTH_SECRET)));
  return {
    secret: e.AUTH_SECRET,
    providers,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === "credentials") return true;
        if (account?.provider.startsWith("sso-")) {
          const outcome = await applySsoSignIn(account.provider.slice(4), profile as SsoProfile);
          return outcome.ok ? true : `/signin/refused?reason=${outcome.reason}`;
        }
        // OAuth: only people who already have an account (invited) may sign in with it.
        const email = user.email?.toLowerCase();
        if (!email) return "/signin?error=OAuthNoEmail";
        const existing = await db.user.findUnique({ where: { email }, select: { id: true, isActive: true } });
        if (!existing || !existing.isActive) return "/signin?error=OAuthNotInvited";
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          let userId = user.id;
          let sid = (user as { sid?: string }).sid;
          if (account.provider !== "credentials") {
            const existing = await db.user.findUniqueOrThrow({ where: { email: user.email!.toLowerCase() }, select: { id: true } });
            userId = existing.id;
            sid = await createSession(userId, {});
            // SSO sign-ins are audited by applySsoSignIn, with the groups they carried.
            if (!account.provider.startsWith("sso-")) {
              await db.$transaction((tx) => recordAudit(tx, { action: "auth.login", actorId: userId, actorType: "user", subjectUserId: userId, data: { method: account.provider } }));
            }
          }
          return { sub: userId, sid };
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { id: token.sub } } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as { sid?: string } | null)?.sid;
        if (sid) await revokeSessionBySid(sid);
        if (token?.sub) await db.$transaction((tx) => recordAudit(tx, { action: "auth.logout", actorId: token.sub!, actorType: "user", subjectUserId: token.sub! }));
      },
    },
  };
}
