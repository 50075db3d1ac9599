// Google and Microsoft Entra ID sign-in for people Gatehouse already knows (invited or created by
// an admin): OAuth never creates accounts. The provider's subject is linked to the user once, on
// a first sign-in whose email the provider vouches for; after that the link, not the email,
// decides who signs in, so an address re-assigned at the provider cannot take over the account.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";

export type OAuthRefusal = "OAuthNoEmail" | "OAuthEmailUnverified" | "OAuthWrongTenant" | "OAuthNotInvited" | "OAuthIdentityConflict";
export type OAuthOutcome = { ok: true; userId: string } | { ok: false; error: OAuthRefusal };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the provider itself says the address belongs to this person. */
function emailVouched(provider: string, profile: Record<string, unknown>): true | OAuthRefusal {
  if (provider === "google") return profile.email_verified === true ? true : "OAuthEmailUnverified";
  if (provider === "azure-ad") {
    // Entra's email claim is editable by the user's tenant admin and unverified across tenants
    // ("nOAuth"): accept it only from the one tenant configured for this deployment.
    const tenant = env().MICROSOFT_ENTRA_TENANT_ID ?? "";
    if (!GUID.test(tenant) || profile.tid !== tenant) return "OAuthWrongTenant";
    return true;
  }
  return "OAuthEmailUnverified";
}

export async function applyOAuthSignIn(provider: string, providerAccountId: string, emailInput: string | null | undefined, profile: Record<string, unknown>, ip: string | null): Promise<OAuthOutcome> {
  const email = emailInput?.trim().toLowerCase() ?? "";
  const refuse = async (error: OAuthRefusal, userId?: string) => {
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.oauth.refused", actorType: "anonymous", subjectUserId: userId ?? null, ip, data: { provider, email, reason: error } }));
    return { ok: false as const, error };
  };
  const linked = await db.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } }, select: { user: { select: { id: true, isActive: true } } } });
  if (linked) {
    if (!linked.user.isActive) return refuse("OAuthNotInvited", linked.user.id);
    return { ok: true, userId: linked.user.id };
  }
  if (!email) return refuse("OAuthNoEmail");
  const vouched = emailVouched(provider, profile);
  if (vouched !== true) return refuse(vouched);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, isActive: true, accounts: { where: { provider }, select: { providerAccountId: true } } } });
  // Same answer for "no such user" and "deactivated": the page must not reveal which.
  if (!user || !user.isActive) return refuse("OAuthNotInvited", user?.id);
  if (user.accounts.length > 0) return refuse("OAuthIdentityConflict", user.id);
  await db.$transaction(async (tx) => {
    await tx.account.create({ data: { userId: user.id, type: "oauth", provider, providerAccountId } });
    await recordAudit(tx, { action: "auth.oauth.linked", actorType: "system", subjectUserId: user.id, targetType: "User", targetId: user.id, ip, data: { provider, email } });
  });
  return { ok: true, userId: user.id };
}
