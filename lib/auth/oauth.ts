// Google and Microsoft Entra ID sign-in for people Gatehouse already knows (invited or created by
// an admin): OAuth never creates accounts. The provider's subject is linked to the user once, and
// after that the link, not the email, decides who signs in, so an address re-assigned at the
// provider cannot take over the account.
//
// Joining an existing account by email follows the rule SSO follows (DESIGN.md trust rules): the
// provider vouches for the address, and the account has no password and no other identity — an
// account someone can already sign in to is never handed to whoever the provider says owns its
// address. Such a person signs in as before and links the provider from /account
// (lib/auth/identity-links.ts).
//
// Microsoft Entra ID sends no `email_verified`: its `email` claim is whatever the signing-in
// user's tenant administrators typed, unverified across tenants ("nOAuth"). So Entra is
// single-tenant here — only MICROSOFT_ENTRA_TENANT_ID, the organisation running this Gatehouse,
// is accepted, at every sign-in — and inside that tenant its administrators' word counts as the
// verification (they are the people who issue the addresses in the first place). A token from any
// other tenant, or with no tenant configured, is refused before any account is looked at.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { recordSignIn } from "./sign-in-record";

export type OAuthRefusal =
  | "OAuthNoEmail"
  | "OAuthEmailUnverified"
  | "OAuthWrongTenant"
  | "OAuthNotInvited"
  | "OAuthIdentityConflict"
  | "OAuthLinkRequired";
export type OAuthOutcome = { ok: true; userId: string } | { ok: false; error: OAuthRefusal };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra: the token comes from the one tenant configured for this deployment. */
export function entraTenantAccepted(profile: Record<string, unknown>): boolean {
  const tenant = env().MICROSOFT_ENTRA_TENANT_ID ?? "";
  return GUID.test(tenant) && profile.tid === tenant;
}

/** Whether the provider itself says the address belongs to this person. */
function emailVouched(provider: string, profile: Record<string, unknown>): true | OAuthRefusal {
  if (provider === "google") return profile.email_verified === true ? true : "OAuthEmailUnverified";
  if (provider === "azure-ad") return entraTenantAccepted(profile) ? true : "OAuthWrongTenant";
  return "OAuthEmailUnverified";
}

export async function applyOAuthSignIn(
  provider: string,
  providerAccountId: string,
  emailInput: string | null | undefined,
  profile: Record<string, unknown>,
  ip: string | null,
): Promise<OAuthOutcome> {
  const email = emailInput?.trim().toLowerCase() ?? "";
  const refuse = async (error: OAuthRefusal, userId?: string) => {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        action: "auth.oauth.refused",
        actorType: "anonymous",
        subjectUserId: userId ?? null,
        ip,
        data: { provider, email, reason: error },
      }),
    );
    return { ok: false as const, error };
  };
  // Single-tenant at every sign-in, not only the first.
  if (provider === "azure-ad" && !entraTenantAccepted(profile)) return refuse("OAuthWrongTenant");
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: { id: true, isActive: true } } },
  });
  if (linked) {
    if (!linked.user.isActive) return refuse("OAuthNotInvited", linked.user.id);
    await recordSignIn(linked.user.id);
    return { ok: true, userId: linked.user.id };
  }
  if (!email) return refuse("OAuthNoEmail");
  const vouched = emailVouched(provider, profile);
  if (vouched !== true) return refuse(vouched);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, isActive: true, passwordHash: true, accounts: { select: { provider: true } } },
  });
  // Same answer for "no such user" and "deactivated": the page must not reveal which.
  if (!user || !user.isActive) return refuse("OAuthNotInvited", user?.id);
  if (user.accounts.some((a) => a.provider === provider)) return refuse("OAuthIdentityConflict", user.id);
  if (user.passwordHash || user.accounts.length > 0) return refuse("OAuthLinkRequired", user.id);
  const joined = await db.$transaction(async (tx) => {
    // Still nobody's to sign in to: a password set meanwhile is seen by this conditional update.
    const free = await tx.user.updateMany({
      where: { id: user.id, passwordHash: null, accounts: { none: {} } },
      data: { emailVerified: new Date() },
    });
    if (free.count !== 1) return false;
    await tx.account.create({ data: { userId: user.id, type: "oauth", provider, providerAccountId } });
    await recordAudit(tx, {
      action: "auth.oauth.linked",
      actorType: "system",
      subjectUserId: user.id,
      targetType: "User",
      targetId: user.id,
      ip,
      data: { provider, email },
    });
    return true;
  });
  if (!joined) return refuse("OAuthLinkRequired", user.id);
  await recordSignIn(user.id);
  return { ok: true, userId: user.id };
}
