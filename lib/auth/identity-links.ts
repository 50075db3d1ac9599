// Linking an external identity (a municipality's SSO, Google, Microsoft) to the account of the
// person who is signed in — the explicit, audited step for everyone the automatic join by email
// refuses (an account with a password or another identity, or an IdP that does not verify the
// address; lib/auth/sso.ts, lib/auth/oauth.ts). The person proves the account by being signed in
// and the identity by completing the provider's flow in the same browser.
//
// What carries "this provider flow is a link, for this person" from /account to next-auth's
// callback is a link intent: 32 random bytes in an HttpOnly cookie scoped to the callback path,
// stored only as their SHA-256 (in next-auth's VerificationToken table), bound to the session
// that asked and to one provider, valid for ten minutes and consumed by the first callback that
// presents it. A callback without a valid intent is an ordinary sign-in, never a link; an intent
// without the same session (signed out meanwhile, another person in this browser) links nothing.
//
// Unlinking is audited too, and refused when it would leave the person no way to sign in.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { entraTenantAccepted } from "./oauth";
import { signInProviders } from "./providers";
import { loadSsoMap, type SsoMap } from "./sso-map";

export const LINK_INTENT_MINUTES = 10;
export const LINK_COOKIE = "gatehouse.link-intent";
const PREFIX = "link:";

type SessionRef = { userId: string; sessionId: string };
const identifierOf = (provider: string, s: SessionRef) => `${PREFIX}${provider}:${s.userId}:${s.sessionId}`;

/** A new intent for this session and provider (an earlier one of theirs for it is replaced). */
export async function createLinkIntent(session: SessionRef, provider: string): Promise<string> {
  const secret = newSecret(32);
  await db.$transaction(async (tx) => {
    await tx.verificationToken.deleteMany({
      where: {
        OR: [
          { identifier: identifierOf(provider, session) },
          { identifier: { startsWith: PREFIX }, expires: { lt: new Date() } },
        ],
      },
    });
    await tx.verificationToken.create({
      data: {
        identifier: identifierOf(provider, session),
        token: sha256(secret),
        expires: new Date(Date.now() + LINK_INTENT_MINUTES * 60_000),
      },
    });
  });
  return secret;
}

/**
 * The user id the intent was made for, if it is valid for this provider and this very session;
 * consumed either way it matches (one statement: two callbacks cannot both use it).
 */
export async function consumeLinkIntent(
  secret: string | null | undefined,
  provider: string,
  current: SessionRef | null,
): Promise<string | null> {
  if (!secret || !current || secret.length > 100) return null;
  const r = await db.verificationToken.deleteMany({
    where: { token: sha256(secret), identifier: identifierOf(provider, current), expires: { gt: new Date() } },
  });
  return r.count === 1 ? current.userId : null;
}

/** The intent cookie's options: sent only to next-auth's callbacks, never readable by scripts. */
export function linkCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().APP_URL.startsWith("https:"),
    path: "/api/auth/callback",
    maxAge: LINK_INTENT_MINUTES * 60,
  };
}

/** The intent secret from a request's Cookie header, if any. */
export function linkIntentFromCookies(header: string | null | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === LINK_COOKIE) return part.slice(i + 1).trim() || null;
  }
  return null;
}

export type LinkRefusal =
  | "not_available"
  | "deactivated"
  | "platform_account"
  | "email_domain"
  | "wrong_tenant"
  | "identity_taken"
  | "provider_already_linked"
  | "email_mismatch";
export type LinkOutcome = { ok: true; alreadyLinked: boolean } | { ok: false; reason: LinkRefusal };
export type LinkInput = {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  profile: Record<string, unknown>;
};

/** Attaches the identity to this (signed-in) person, or says why not; both audited. */
export async function linkIdentity(
  userId: string,
  input: LinkInput,
  opts: { map?: SsoMap; ip?: string | null } = {},
): Promise<LinkOutcome> {
  const { provider } = input;
  const sub = input.providerAccountId.slice(0, 255);
  const email = typeof input.email === "string" ? input.email.trim().toLowerCase() : "";
  const ip = opts.ip ?? null;
  let municipalityId: string | null = null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, isActive: true, platformGroups: true, accounts: { select: { provider: true } } },
  });
  const refuse = async (reason: LinkRefusal) => {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        action: "auth.identity.link_refused",
        actorId: user?.id ?? null,
        actorType: "user",
        subjectUserId: user?.id ?? null,
        municipalityId,
        ip,
        data: { provider, providerAccountId: sub, email, reason },
      }),
    );
    return { ok: false as const, reason };
  };
  if (!user || !user.isActive) return refuse("deactivated");
  if (!sub) return refuse("not_available");
  if (provider.startsWith("sso-")) {
    const slug = provider.slice(4);
    const rules = (opts.map ?? loadSsoMap()).municipalities[slug];
    const muni = rules ? await db.municipality.findUnique({ where: { slug }, select: { id: true } }) : null;
    if (!rules || !muni) return refuse("not_available");
    municipalityId = muni.id;
    // The same rules as signing in through it: no platform accounts, only its own domains.
    if (user.platformGroups.length > 0) return refuse("platform_account");
    if (!rules.emailDomains.includes(email.slice(email.lastIndexOf("@") + 1))) return refuse("email_domain");
  } else if (provider === "azure-ad") {
    if (!entraTenantAccepted(input.profile)) return refuse("wrong_tenant");
  } else if (provider !== "google") {
    return refuse("not_available");
  }
  const holder = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: sub } },
    select: { userId: true },
  });
  if (holder) return holder.userId === user.id ? { ok: true, alreadyLinked: true } : refuse("identity_taken");
  if (user.accounts.some((a) => a.provider === provider)) return refuse("provider_already_linked");
  // The identity must be for this account's own address: a linked identity signs in as this
  // person, so it must not be someone else's (or a colleague's) identity at the provider.
  if (email !== user.email.toLowerCase()) return refuse("email_mismatch");
  try {
    await db.$transaction(async (tx) => {
      await tx.account.create({ data: { userId: user.id, type: "oauth", provider, providerAccountId: sub } });
      await recordAudit(tx, {
        action: "auth.identity.linked",
        actorId: user.id,
        actorType: "user",
        subjectUserId: user.id,
        municipalityId,
        targetType: "User",
        targetId: user.id,
        ip,
        data: { provider, providerAccountId: sub, email },
      });
    });
  } catch (e) {
    // Linked to someone else at the same moment (the unique provider + subject).
    if ((e as { code?: string }).code === "P2002") return refuse("identity_taken");
    throw e;
  }
  return { ok: true, alreadyLinked: false };
}

/** Removes one of the person's own identities; never the last way they can sign in. */
export async function unlinkIdentity(
  userId: string,
  accountId: string,
  opts: { ip?: string | null } = {},
): Promise<{ provider: string }> {
  const id = accountId.slice(0, 64);
  return db.$transaction(async (tx) => {
    // Two unlinks at once must not each leave "the other one": one waits for the other here.
    await tx.$queryRaw`select id from "User" where id = ${userId} for update`;
    const acc = await tx.account.findFirst({
      where: { id, userId },
      select: { id: true, provider: true, providerAccountId: true },
    });
    if (!acc) throw new NotFoundError("That sign-in is not linked to your account.");
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { passwordHash: true, _count: { select: { accounts: true } } },
    });
    if (!user.passwordHash && user._count.accounts <= 1)
      throw new ConflictError(
        "This is the only way you can sign in: link another sign-in first, then unlink this one.",
      );
    await tx.account.delete({ where: { id: acc.id } });
    await recordAudit(tx, {
      action: "auth.identity.unlinked",
      actorId: userId,
      actorType: "user",
      subjectUserId: userId,
      targetType: "User",
      targetId: userId,
      ip: opts.ip ?? null,
      data: { provider: acc.provider, providerAccountId: acc.providerAccountId },
    });
    return { provider: acc.provider };
  });
}

export type OwnIdentities = {
  hasPassword: boolean;
  identities: { id: string; provider: string; canUnlink: boolean }[];
};

/** The person's sign-in methods for the account page (no subjects or tokens: nothing to leak). */
export async function listOwnIdentities(userId: string): Promise<OwnIdentities> {
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, accounts: { select: { id: true, provider: true }, orderBy: { provider: "asc" } } },
  });
  const hasPassword = !!u.passwordHash;
  return {
    hasPassword,
    identities: u.accounts.map((a) => ({
      id: a.id,
      provider: a.provider,
      canUnlink: hasPassword || u.accounts.length > 1,
    })),
  };
}

/**
 * Providers this person may link now: configured and not linked yet; a municipality's IdP only
 * for an address in its own email domains, and never for platform accounts (as linkIdentity).
 */
export async function linkableProviders(
  userId: string,
  map: SsoMap = loadSsoMap(),
): Promise<{ id: string; name: string }[]> {
  const [u, providers] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, platformGroups: true, isCitizen: true, accounts: { select: { provider: true } } },
    }),
    signInProviders(),
  ]);
  const domain = u.email.slice(u.email.lastIndexOf("@") + 1).toLowerCase();
  const municipal = (id: string) =>
    u.platformGroups.length === 0 && !u.isCitizen && !!map.municipalities[id.slice(4)]?.emailDomains.includes(domain);
  return providers.filter(
    (p) => !u.accounts.some((a) => a.provider === p.id) && (!p.id.startsWith("sso-") || municipal(p.id)),
  );
}
