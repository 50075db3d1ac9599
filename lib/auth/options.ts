// next-auth configuration. The JWT strategy is only an envelope: the encrypted cookie holds a
// random server-side session id (lib/auth/session-store.ts) that is checked on every request, so
// sessions can be listed and revoked and a deactivation takes effect at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import AzureADProvider from "next-auth/providers/azure-ad";
import { z } from "zod";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { countSignIn, signInMethodOf } from "@/lib/ops/metrics";
import { clientIpFrom, clientIpFromRecord, headerValue } from "./client-ip";
import { safeAuthRedirect } from "./safe-redirect";
import { usesSecureCookies } from "./session-cookie";
import { verifyCredentials } from "./credentials";
import { applyOAuthSignIn } from "./oauth";
import { createSession, revokeSessionBySid, SESSION_HOURS } from "./session-store";
import { endViewAsOfSid } from "./view-as";
import { applySsoSignIn, ssoProviders, type SsoProfile } from "./sso";
import { consumeLinkIntent, linkIdentity, linkIntentFromCookies } from "./identity-links";
import { getSession } from "./current-session";
import { AMR, stageAfterFirstFactor, type Amr } from "./assurance";
import { signInWithPasskey } from "./passkey-sign-in";
import { PASSKEY_SIGNIN_ERRORS } from "./passkey-messages";
import { redeemSamlTicket, samlBindingFrom } from "./saml";

const credentialsInput = z.object({ email: z.string().trim().email().max(200), password: z.string().min(1).max(500) });

/** Providers that decide the sign-in in their authorize() and make the session there. */
const LOCAL_PROVIDERS = new Set(["credentials", "passkey", "saml"]);

/** What the sign-in hands to the jwt callback: our user id and the new session id. */
type SignedInUser = { id: string; sid?: string };

/**
 * Built per request: providers come from the database (municipal SSO connections) and from the
 * environment, and the request's address and browser are recorded with the new session.
 */
export async function authOptions(req?: Request): Promise<NextAuthOptions> {
  const e = env();
  const reqIp = req ? clientIpFrom(req.headers) : null;
  const reqUa = req?.headers.get("user-agent") ?? null;
  // The user id an OAuth/SSO sign-in resolved to, handed from the signIn to the jwt callback
  // (both run within this one request).
  let resolvedUserId: string | null = null;
  // What the identity provider proved (amr values), where an SSO connection is set to trust its claims.
  let resolvedAmr: string[] | null = null;

  // The session a local provider's authorize() starts, in the stage its factors call for (a
  // passkey, or an IdP's word on MFA where trusted, is COMPLETE at once: lib/auth/assurance.ts).
  const startSession = async (
    userId: string,
    amr: Amr[],
    ip: string | null,
    headers: Record<string, unknown> | undefined,
  ): Promise<SignedInUser> => ({
    id: userId,
    sid: await createSession(
      userId,
      { ip, userAgent: reqUa ?? headerValue(headers, "user-agent") },
      { stage: await stageAfterFirstFactor(userId, amr), authMethods: amr },
    ),
  });

  /**
   * A provider of one posted value whose authorize() decides the sign-in itself: `decide` answers
   * whose sign-in it is and how they proved it, or throws the code the sign-in page explains.
   */
  const localProvider = (
    id: string,
    name: string,
    field: string,
    decide: (
      value: unknown,
      ip: string,
      headers: Record<string, unknown> | undefined,
    ) => Promise<{ userId: string; amr: Amr[] }>,
  ) =>
    CredentialsProvider({
      id,
      name,
      credentials: { [field]: { label: field, type: "text" } },
      async authorize(credentials, request) {
        const ip = reqIp ?? clientIpFromRecord(request?.headers);
        // A SAML sign-in is counted where it is decided, at the assertion consumer service (lib/auth/saml.ts).
        const counted = id === "saml" ? null : signInMethodOf(id);
        const { userId, amr } = await decide(
          (credentials as Record<string, unknown> | undefined)?.[field],
          ip,
          request?.headers,
        ).catch((e: unknown) => {
          if (counted) countSignIn(counted, "failure");
          throw e;
        });
        if (counted) countSignIn(counted, "success");
        return startSession(userId, amr, ip, request?.headers);
      },
    });

  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsInput.safeParse(credentials);
        if (!parsed.success) {
          countSignIn("password", "failure");
          return null;
        }
        const ip = reqIp ?? clientIpFromRecord(request?.headers);
        const result = await verifyCredentials(parsed.data.email, parsed.data.password, ip);
        countSignIn("password", result.ok ? "success" : "failure");
        if (!result.ok) throw new Error(result.reason === "rate_limited" ? "RateLimited" : "CredentialsSignin");
        return startSession(result.userId, [AMR.password], ip, request?.headers);
      },
    }),
    // A passkey alone (discoverable credential, user verification): lib/auth/passkey-sign-in.ts
    // verifies the answer and keeps the limits; the session is COMPLETE (it is multi-factor).
    localProvider("passkey", "Passkey", "response", async (answer, ip) => {
      const result = await signInWithPasskey(answer, ip);
      if (!result.ok) throw new Error(PASSKEY_SIGNIN_ERRORS[result.reason]);
      return { userId: result.userId, amr: [AMR.passkey] };
    }),
    // A SAML sign-in decided at the assertion consumer service (lib/auth/saml.ts), which handed the
    // browser a one-time ticket: redeemed once, it starts the session in the stage the person's
    // factors call for (the IdP's word on MFA counts only where the connection trusts it).
    localProvider("saml", "SAML", "ticket", async (ticket, _ip, headers) => {
      const redeemed = await redeemSamlTicket(ticket, samlBindingFrom(headers?.cookie));
      if (!redeemed) throw new Error("SamlTicket");
      return redeemed;
    }),
  ];
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(
      GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET, checks: ["pkce", "state"] }),
    );
  }
  if (e.MICROSOFT_ENTRA_CLIENT_ID && e.MICROSOFT_ENTRA_CLIENT_SECRET && e.MICROSOFT_ENTRA_TENANT_ID) {
    providers.push(
      AzureADProvider({
        clientId: e.MICROSOFT_ENTRA_CLIENT_ID,
        clientSecret: e.MICROSOFT_ENTRA_CLIENT_SECRET,
        tenantId: e.MICROSOFT_ENTRA_TENANT_ID,
        checks: ["pkce", "state"],
      }),
    );
  }
  providers.push(...(await ssoProviders(e.AUTH_SECRET)));

  return {
    secret: e.AUTH_SECRET,
    providers,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    // Decided with the cookie name lib/auth/current-session.ts reads, so the two always agree.
    useSecureCookies: usesSecureCookies(),
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      redirect: safeAuthRedirect,
      async signIn({ user, account, profile }) {
        if (!account || LOCAL_PROVIDERS.has(account.provider)) return true;
        const claims = (profile ?? {}) as Record<string, unknown>;
        const sso = account.provider.startsWith("sso-");
        // Link mode: the person signed in here started this flow from /account (a single-use
        // intent bound to their session and this provider). The identity joins *their* account
        // and no new session is made: the string answer redirects without signing in anew.
        const intent = linkIntentFromCookies(req?.headers.get("cookie"));
        if (intent) {
          const s = await getSession();
          const linkFor = await consumeLinkIntent(
            intent,
            account.provider,
            s.status === "active" ? { userId: s.userId, sessionId: s.sessionId } : null,
          );
          if (linkFor) {
            const linked = await linkIdentity(
              linkFor,
              {
                provider: account.provider,
                providerAccountId: account.providerAccountId,
                email: sso ? (claims.email as string | undefined) : user.email,
                profile: claims,
              },
              { ip: reqIp },
            );
            return linked.ok
              ? `/account?linked=${encodeURIComponent(account.provider)}`
              : `/account?link_error=${linked.reason}&provider=${encodeURIComponent(account.provider)}`;
          }
        }
        if (sso) {
          const outcome = await applySsoSignIn(account.provider.slice(4), claims as SsoProfile, { ip: reqIp });
          countSignIn("oidc", outcome.ok ? "success" : "failure");
          if (!outcome.ok)
            return `/signin/refused?reason=${outcome.reason}&provider=${encodeURIComponent(account.provider)}`;
          resolvedUserId = outcome.userId;
          if (outcome.mfa) resolvedAmr = [AMR.federated, AMR.mfa];
          return true;
        }
        const outcome = await applyOAuthSignIn(account.provider, account.providerAccountId, user.email, claims, reqIp);
        countSignIn(signInMethodOf(account.provider), outcome.ok ? "success" : "failure");
        // An account that exists but must be linked first gets the page that says how.
        if (!outcome.ok)
          return outcome.error === "OAuthLinkRequired"
            ? `/signin/refused?reason=link_required&provider=${encodeURIComponent(account.provider)}`
            : `/signin?error=${outcome.error}`;
        resolvedUserId = outcome.userId;
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const signedIn = user as SignedInUser;
          const userId = LOCAL_PROVIDERS.has(account.provider) ? signedIn.id : resolvedUserId;
          if (!userId) throw new Error("sign-in did not resolve a user");
          // A federated sign-in counts as multi-factor only when the identity provider said so
          // (resolvedAmr, from the SSO connection's claims); else Gatehouse asks its own factor.
          const amr = resolvedAmr ?? [AMR.federated];
          const sid =
            signedIn.sid ??
            (await createSession(
              userId,
              { ip: reqIp, userAgent: reqUa },
              { stage: await stageAfterFirstFactor(userId, amr), authMethods: amr },
            ));
          if (!LOCAL_PROVIDERS.has(account.provider) && !account.provider.startsWith("sso-")) {
            // Password, passkey and SSO sign-ins are audited where they are decided, with their details.
            await db.$transaction((tx) =>
              recordAudit(tx, {
                action: "auth.login",
                actorId: userId,
                actorType: "user",
                subjectUserId: userId,
                ip: reqIp,
                data: { method: account.provider },
              }),
            );
          }
          // Only the ids: no name, email or groups in the cookie, so nothing in it goes stale.
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
        const sid = typeof token?.sid === "string" ? token.sid : null;
        if (sid) await endViewAsOfSid(sid);
        if (sid) await revokeSessionBySid(sid);
        if (token?.sub)
          await db.$transaction((tx) =>
            recordAudit(tx, {
              action: "auth.logout",
              actorId: token.sub!,
              actorType: "user",
              subjectUserId: token.sub!,
              ip: reqIp,
            }),
          );
      },
    },
  };
}
