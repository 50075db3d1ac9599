// Per-municipality OpenID Connect SSO (authorization code + PKCE + state) and just-in-time
// membership: every SSO sign-in re-applies policies/sso.yaml, adding and removing groups to match
// the identity provider's claims (docs/requirements.md#sso-job-codes), each change audited.
//
// Who is who: a person is recognised by the IdP's subject (`sub`), linked once to a Gatehouse
// user through an Account row. The email joins a *first* sign-in to an existing user only when
// all of these hold (DESIGN.md trust rules): the address is in the municipality's own email
// domains, the IdP asserts `email_verified: true`, and the account has no password and no other
// identity (no Account row of any provider) — so nobody else can already sign in to it. Anyone
// else signs in the way they already can and links the IdP from their account page
// (lib/auth/identity-links.ts). Otherwise whoever set a password on an account for someone's
// address (or linked their own identity to it) would be handed that person's sign-ins.
// Platform accounts never sign in through a municipality's IdP, checked at every sign-in.
import "server-only";
import { withoutNewDeprecatedGroups } from "@/lib/policy/grantable";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { open } from "@/lib/crypto/secret-box";
import { groupsFromMappings, municipalityMapping } from "./claim-mapping";
import { loadSsoMap, type SsoMap } from "./sso-map";
import { ssoClaimsShowMfa } from "./sso-mfa";

export type SsoProfile = { sub: string; email?: string; name?: string } & Record<string, unknown>;

export const ssoProviderId = (slug: string) => `sso-${slug}`;

export async function enabledSsoConnections() {
  return db.ssoConnection.findMany({
    where: {
      enabled: true,
      protocol: "OIDC",
      issuer: { not: null },
      clientId: { not: null },
      clientSecretCipher: { not: null },
      municipality: { archivedAt: null },
    },
    select: {
      issuer: true,
      clientId: true,
      clientSecretCipher: true,
      displayName: true,
      scopes: true,
      municipality: { select: { slug: true, name: true } },
    },
    orderBy: { municipality: { name: "asc" } },
  });
}

/** The sign-in button's name: the connection's display name, else "<municipality> SSO". */
export const ssoButtonName = (c: { displayName: string | null; municipality: { name: string } }) =>
  c.displayName?.trim() || `${c.municipality.name} SSO`;

/**
 * next-auth's providers for every enabled connection, read from the database on each request
 * (lib/auth/options.ts builds its options per request): a connection saved in the console signs
 * people in at once, without a restart. A secret that no longer opens (AUTH_SECRET rotated) drops
 * that one provider instead of every sign-in.
 */
export async function ssoProviders(authSecret: string): Promise<OAuthConfig<SsoProfile>[]> {
  return (await enabledSsoConnections())
    .flatMap((c) => {
      // The query asks for all three; the check narrows their types.
      if (!c.issuer || !c.clientId || !c.clientSecretCipher) return [];
      try {
        return [{ ...c, issuer: c.issuer, clientId: c.clientId, clientSecret: open(c.clientSecretCipher, authSecret) }];
      } catch {
        return [];
      }
    })
    .map((c) => ({
      id: ssoProviderId(c.municipality.slug),
      name: ssoButtonName(c),
      type: "oauth" as const,
      wellKnown: `${c.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      authorization: {
        params: { scope: (c.scopes.includes("openid") ? c.scopes : ["openid", ...c.scopes]).join(" ") },
      },
      // PKCE binds the code to this browser; state protects the callback against CSRF; the
      // ID token's nonce-less validation is done by openid-client against the issuer's keys.
      checks: ["pkce", "state"],
      idToken: true,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      profile: (p: SsoProfile) => ({ id: p.sub, email: p.email?.toLowerCase() ?? null, name: p.name ?? null }),
    }));
}

export type SsoRefusal =
  | "not_configured"
  | "no_email"
  | "email_domain"
  | "no_mapped_claim"
  | "deactivated"
  | "identity_conflict"
  | "platform_account"
  | "citizen_account"
  | "email_unverified"
  | "link_required";
const existingUser = {
  id: true,
  isActive: true,
  platformGroups: true,
  isCitizen: true,
  passwordHash: true,
  accounts: { select: { provider: true, providerAccountId: true } },
} as const;

/** `mfa`: the provider's amr/acr claims show multi-factor, as the connection is set to trust (./sso-mfa.ts). */
export type SsoOutcome =
  { ok: true; userId: string; groups: string[]; mfa: boolean } | { ok: false; reason: SsoRefusal };

/**
 * `provider`: the Account provider id the identity is linked under — `sso-<slug>` for OIDC (the
 * default), `saml-<slug>` for SAML (lib/auth/saml.ts), whose verified assertion arrives here as
 * normalized claims; `protocol` picks the connection whose MFA trust applies.
 */
export async function applySsoSignIn(
  slug: string,
  profile: SsoProfile,
  opts: { map?: SsoMap; ip?: string | null; provider?: string; protocol?: "OIDC" | "SAML" } = {},
): Promise<SsoOutcome> {
  const map = opts.map ?? loadSsoMap();
  const provider = opts.provider ?? ssoProviderId(slug);
  const protocol = opts.protocol ?? "OIDC";
  const sub = typeof profile.sub === "string" ? profile.sub.slice(0, 255) : "";
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  const ip = opts.ip ?? null;
  const refuse = async (reason: SsoRefusal, extra: { userId?: string; municipalityId?: string } = {}) => {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        action: "auth.sso.refused",
        actorType: "anonymous",
        subjectUserId: extra.userId ?? null,
        municipalityId: extra.municipalityId ?? null,
        ip,
        data: { municipality: slug, email, reason, sub, ...(protocol === "SAML" ? { provider } : {}) },
      }),
    );
    return { ok: false as const, reason };
  };
  const municipality = await db.municipality.findUnique({
    where: { slug },
    select: {
      id: true,
      ssoConnections: { where: { protocol }, select: { mfaAmrValues: true, mfaAcrValues: true } },
    },
  });
  const rules = await municipalityMapping(slug, map);
  if (!rules || !municipality || !sub) return refuse("not_configured");
  if (!email) return refuse("no_email", { municipalityId: municipality.id });
  if (!rules.emailDomains.includes(email.split("@")[1] ?? ""))
    return refuse("email_domain", { municipalityId: municipality.id });

  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: sub } },
    select: { userId: true },
  });
  const existing = linked
    ? await db.user.findUniqueOrThrow({ where: { id: linked.userId }, select: existingUser })
    : await db.user.findUnique({ where: { email }, select: existingUser });
  if (existing) {
    const at = { userId: existing.id, municipalityId: municipality.id };
    // The address is already linked to another person at this IdP (an address handed on).
    if (!linked && existing.accounts.some((a) => a.provider === provider && a.providerAccountId !== sub))
      return refuse("identity_conflict", at);
    // Superusers and platform admins sign in with their own credentials, never through a
    // municipality's IdP, which would otherwise hold the keys to every municipality — checked at
    // every sign-in, so a platform group granted after the link closes this door too.
    if (existing.platformGroups.length > 0) return refuse("platform_account", at);
    // A citizen account never joins a municipality (lib/flows/citizen-guard.ts).
    if (existing.isCitizen) return refuse("citizen_account", at);
    if (!existing.isActive) return refuse("deactivated", at);
    if (!linked) {
      // Joining by email: only the IdP's explicit word that the address is this person's, and
      // only an account nobody can sign in to yet (see the opening comment).
      if (existing.passwordHash || existing.accounts.length > 0) return refuse("link_required", at);
      if (profile.email_verified !== true) return refuse("email_unverified", at);
    }
  }

  const { groups: mapped, matched } = groupsFromMappings(rules.mappings, profile);
  // The stricter of the reviewed file and the municipality's own setting (its admins may turn
  // the requirement on without a policy change, but not off against the file).
  if (mapped.length === 0 && rules.requireMappedClaim) {
    // No mapped claim, no access (docs/requirements.md#sso-job-codes) — also for someone who had groups here before:
    // their groups go now, so sessions they still hold lose that access at the next request.
    if (existing) await syncMembership(existing.id, municipality.id, [], [], ip, { createIfMissing: false });
    return refuse("no_mapped_claim", { userId: existing?.id, municipalityId: municipality.id });
  }

  const userId = await db.$transaction(async (tx) => {
    if (existing && !linked) {
      // Still nobody's to sign in to (a password set meanwhile would be seen here: this update
      // waits for, then re-reads, a concurrent change of the row).
      const free = await tx.user.updateMany({
        where: { id: existing.id, passwordHash: null, accounts: { none: {} } },
        data: { emailVerified: new Date() },
      });
      if (free.count !== 1) return null;
    }
    // A new person (just in time, as before): no existing account to join, so nothing to take over.
    const user =
      existing ??
      (await tx.user.create({
        data: {
          email,
          name: typeof profile.name === "string" ? profile.name.slice(0, 200) : null,
          emailVerified: profile.email_verified === true ? new Date() : null,
        },
        select: { id: true },
      }));
    if (!linked) {
      await tx.account.create({
        data: { userId: user.id, type: protocol === "SAML" ? "saml" : "oauth", provider, providerAccountId: sub },
      });
      await recordAudit(tx, {
        action: "auth.sso.linked",
        actorType: "system",
        municipalityId: municipality.id,
        subjectUserId: user.id,
        targetType: "User",
        targetId: user.id,
        ip,
        data: { municipality: slug, sub, email, newUser: !existing, ...(protocol === "SAML" ? { provider } : {}) },
      });
    }
    return user.id;
  });
  if (!userId) return refuse("link_required", { userId: existing?.id, municipalityId: municipality.id });
  const connection = municipality.ssoConnections[0];
  const mfa = connection ? ssoClaimsShowMfa(connection, profile) : false;
  // The groups applied: the mapping's, less a deprecated group the person does not already hold.
  const groups = await syncMembership(userId, municipality.id, mapped, matched, ip, { createIfMissing: true });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { lastLoginAt: new Date(), failedLoginCount: 0 } });
    await recordAudit(tx, {
      action: "auth.login",
      actorId: userId,
      actorType: "user",
      subjectUserId: userId,
      municipalityId: municipality.id,
      ip,
      data: { method: `${protocol === "SAML" ? "saml" : "sso"}:${slug}`, groups, matched, mfa },
    });
  });
  return { ok: true, userId, groups, mfa };
}

/** The person's open invitation to the municipality, claimed (accepted) in `tx`; null when there is none. */
async function claimOpenInvitation(
  tx: Parameters<Parameters<typeof db.$transaction>[0]>[0],
  userId: string,
  municipalityId: string,
) {
  const { email } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const now = new Date();
  const pending = await tx.invitation.findFirst({
    where: {
      municipalityId,
      email: { equals: email, mode: "insensitive" },
      // Self-registrations wait for an admin's approval; only an admin's invitation is accepted here.
      kind: "admin",
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    orderBy: { lastSentAt: "desc" },
    select: { id: true, departmentId: true, allowedCategories: true, kind: true },
  });
  if (!pending) return null;
  // Conditional, like the invitation link's own accept: of two at once, one claims it.
  const claimed = await tx.invitation.updateMany({
    where: { id: pending.id, acceptedAt: null, revokedAt: null },
    data: { acceptedAt: now, acceptedUserId: userId },
  });
  return claimed.count === 1 ? pending : null;
}

/** Makes the membership's groups equal to what the claims grant; each change is one audit event. */
async function syncMembership(
  userId: string,
  municipalityId: string,
  mapped: string[],
  matched: string[],
  ip: string | null,
  opts: { createIfMissing: boolean },
): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const m = await tx.membership.findUnique({
      where: { userId_municipalityId: { userId, municipalityId } },
      select: { id: true, groups: true, status: true },
    });
    if (!m && !opts.createIfMissing) return [];
    const before = m?.groups ?? [];
    // A deprecated group stays with those who hold it; a mapping never gives it to anyone new.
    const groups = withoutNewDeprecatedGroups(mapped, before);
    const added = groups.filter((g) => !before.includes(g));
    const removed = before.filter((g) => !groups.includes(g));
    if (m && added.length === 0 && removed.length === 0) return groups;
    // An open invitation for this address is what brought the person here: the SSO sign-in
    // accepts it (the IdP vouched for the address), so it leaves the admins' open list and cannot
    // be used again. The invitation's department and categories apply; the groups are the
    // mapping's, as at every sign-in.
    const invitation = m ? null : await claimOpenInvitation(tx, userId, municipalityId);
    // A suspended or not-yet-approved membership keeps its status: the IdP decides groups, the
    // municipality decides whether the membership is active.
    const membership = m
      ? await tx.membership.update({ where: { id: m.id }, data: { groups }, select: { id: true } })
      : await tx.membership.create({
          data: {
            userId,
            municipalityId,
            groups,
            status: "ACTIVE",
            source: "sso",
            approvedAt: new Date(),
            profileCompletedAt: new Date(),
            departmentId: invitation?.departmentId ?? null,
            allowedCategories: invitation?.allowedCategories ?? [],
          },
          select: { id: true },
        });
    if (invitation)
      await recordAudit(tx, {
        action: "invitation.accept",
        actorId: userId,
        actorType: "user",
        municipalityId,
        targetType: "Membership",
        targetId: membership.id,
        subjectUserId: userId,
        ip,
        data: { invitationId: invitation.id, status: "ACTIVE", groups, via: "sso", kind: invitation.kind },
      });
    await tx.user.update({ where: { id: userId }, data: { accessVersion: { increment: 1 } } });
    await recordAudit(tx, {
      action: "membership.sso_sync",
      actorType: "system",
      municipalityId,
      targetType: "Membership",
      targetId: membership.id,
      subjectUserId: userId,
      ip,
      data: { added, removed, matched, created: !m, status: m?.status ?? "ACTIVE" },
    });
    return groups;
  });
}
