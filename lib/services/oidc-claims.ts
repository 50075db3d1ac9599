// What Gatehouse tells a connected service about the person signing in (ID token and userinfo).
// Read fresh from PostgreSQL every time claims are asked for, so a group change shows in the next
// token or userinfo answer. The person's own reach decides nothing here: this is the provider
// speaking about the person to a service an admin registered, so the rows are read directly.
//
// Claims by scope:
//   openid   sub (the Gatehouse user id; stable, never the email)
//   email    email, email_verified
//   profile  name
//   gatehouse
//     municipality  { id, slug, name } of the service's municipality; null for a platform-wide service
//     groups        the person's groups in that municipality's ACTIVE membership, plus their platform
//                   groups (a platform-wide service sees the platform groups only)
//     permissions   what the group files grant on the service's own resource types
//                   (policies/services/<slug>.yaml), one entry per resource type and kind of grant:
//                     [{ "resource": "permit", "actions": ["view", "edit", "submit"], "conditional": true }]
//                   `conditional: false`: allowed for every resource of that type;
//                   `conditional: true`: allowed only for some (a `where` on the resource's
//                   attributes, e.g. ownerID = the person's email, or a `cannot` with one) — the
//                   service asks AuthZEN (POST /access/v1/evaluation) about the resource itself.
//                   Actions granted on no resource of the type are left out.
import "server-only";
import { db } from "@/lib/db";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { serviceAbility } from "@/lib/policy/ability";
import { loadServicePolicies, serviceSubjectName } from "@/lib/policy/service-policies";
import type { Principal } from "@/lib/identity/principal";

export const GATEHOUSE_SCOPE = "gatehouse";

/** Which claim each scope releases (oidc-provider's `claims` setting). */
export const SCOPE_CLAIMS = {
  openid: ["sub"],
  email: ["email", "email_verified"],
  profile: ["name"],
  [GATEHOUSE_SCOPE]: ["municipality", "groups", "permissions"],
} as const;

export type ServicePermission = { resource: string; actions: string[]; conditional: boolean };

export type ClaimsService = { slug: string; municipalityId: string | null; resourceTypes: string[] };

/** The `permissions` claim: see the file's opening comment for its shape. */
export function servicePermissions(principal: Principal, service: ClaimsService): ServicePermission[] {
  const policy = loadServicePolicies().get(service.slug);
  if (!policy) return [];
  const ability = serviceAbility(principal, service);
  const out: ServicePermission[] = [];
  for (const [name, type] of policy.resources) {
    if (service.resourceTypes.length > 0 && !service.resourceTypes.includes(name)) continue;
    const subject = serviceSubjectName(service.slug, name);
    const always: string[] = [];
    const sometimes: string[] = [];
    for (const action of type.actions) {
      if (!ability.can(action, subject)) continue;
      const conditional = ability.rulesFor(action, subject).some((r) => r.conditions !== undefined);
      (conditional ? sometimes : always).push(action);
    }
    if (always.length) out.push({ resource: name, actions: always, conditional: false });
    if (sometimes.length) out.push({ resource: name, actions: sometimes, conditional: true });
  }
  return out;
}

export type GatehouseClaims = {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string | null;
  municipality: { id: string; slug: string; name: string } | null;
  groups: string[];
  permissions: ServicePermission[];
};

/** Every claim Gatehouse can state about the person for this service; oidc-provider keeps the scoped ones. */
export async function serviceClaims(userId: string, service: ClaimsService): Promise<GatehouseClaims | null> {
  const [user, principal, municipality] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, emailVerified: true } }),
    loadUserPrincipal(userId),
    service.municipalityId
      ? db.municipality.findUnique({
          where: { id: service.municipalityId },
          select: { id: true, slug: true, name: true },
        })
      : null,
  ]);
  if (!user || principal.kind !== "user") return null;
  const groups = new Set(principal.platformGroups);
  for (const m of principal.memberships)
    if (service.municipalityId && m.municipalityId === service.municipalityId) m.groups.forEach((g) => groups.add(g));
  return {
    sub: user.id,
    email: user.email,
    email_verified: user.emailVerified !== null,
    name: user.name,
    municipality: municipality ?? null,
    groups: [...groups].sort(),
    permissions: servicePermissions(principal, service),
  };
}
