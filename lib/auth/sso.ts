// Per-municipality OpenID Connect SSO (authorization code + PKCE + state) and just-in-time
// membership: every SSO sign-in re-applies policies/sso.yaml, adding and removing groups to match
// the identity provider's claims (seed 001), each change audited.
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { open } from "./secret-box";
import { groupsFromClaims, loadSsoMap } from "./sso-map";

export type SsoProfile = { sub: string; email?: string; name?: string } & Record<string, unknown>;

export async function enabledSsoConnections() {
  return db.ssoConnection.findMany({ where: { enabled: true }, select: { issuer: true, clientId: true, clientSecretCipher: true, municipality: { select: { slug: true, name: true } } }, orderBy: { municipality: { name: "asc" } } });
}

export async function ssoProviders(authSecret: string): Promise<OAuthConfig<SsoProfile>[]> {
  return (await enabledSsoConnections()).map((c) => ({
    id: `sso-${c.municipality.slug}`,
    name: `${c.municipality.name} SSO`,
    type: "oauth" as const,
    wellKnown: `${c.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile groups" } },
    checks: ["pkce", "state"],
    idToken: true,
    clientId: c.clientId,
    clientSecret: open(c.clientSecretCipher, authSecret),
    profile: (p: SsoProfile) => ({ id: p.sub, email: p.email?.toLowerCase() ?? null, name: p.name ?? null }),
  }));
}

export type SsoOutcome = { ok: true; userId: string; groups: string[] } | { ok: false; reason: "no_email" | "email_domain" | "no_mapped_claim" | "deactivated" };

export async function applySsoSignIn(slug: string, profile: SsoProfile): Promise<SsoOutcome> {
  const map = loadSsoMap();
  const rules = map.municipalities[slug];
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  const refuse = async (reason: Exclude<SsoOutcome, { ok: true }>["reason"]) => {
    await db.$transaction((tx) => recordAudit(tx, { action: "auth.sso.refused", actorType: "anonymous", data: { municipality: slug, email, reason, sub: profile.sub } }));
    return { ok: false as const, reason };
  };
  if (!email) return refuse("no_email");
  if (rules?.emailDomains.length && !rules.emailDomains.includes(email.split("@")[1] ?? "")) return refuse("email_domain");
  const { groups, matched } = groupsFromClaims(map, slug, profile);
  if (groups.length === 0 && (rules?.requireMappedClaim ?? true)) return refuse("no_mapped_claim");
  const municipality = await db.municipality.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, isActive: true } });
  if (existing && !existing.isActive) return refuse("deactivated");

  return db.$transaction(async (tx) => {
    const user = existing ?? (await tx.user.create({ data: { email, name: typeof profile.name === "string" ? profile.name : null, emailVerified: new Date() }, select: { id: true, isActive: true } }));
    const m = await tx.membership.findUnique({ where: { userId_municipalityId: { userId: user.id, municipalityId: municipality.id } } });
    const before = m?.groups ?? [];
    const added = groups.filter((g) => !before.includes(g));
    const removed = before.filter((g) => !groups.includes(g));
    if (!m) {
      await tx.membership.create({ data: { userId: user.id, municipalityId: municipality.id, groups, status: "ACTIVE", source: "sso", approvedAt: new Date(), profileCompletedAt: new Date() } });
    } else if (added.length || removed.length) {
      await tx.membership.update({ where: { id: m.id }, data: { groups } });
    }
    if (!m || added.length || removed.length) {
      await tx.user.update({ where: { id: user.id }, data: { accessVersion: { increment: 1 } } });
      await recordAudit(tx, { action: "membership.sso_sync", actorType: "system", municipalityId: municipality.id, subjectUserId: user.id, data: { added, removed, matched, created: !m } });
    }
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, { action: "auth.login", actorId: user.id, actorType: "user", subjectUserId: user.id, municipalityId: municipality.id, data: { method: `sso:${slug}`, groups } });
    return { ok: true as const, userId: user.id, groups };
  });
}
