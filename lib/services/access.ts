// Whether a person may use a connected service, and from which sources (seed 003): group files
// (`can: access` on Service), the person's membership state, and direct grants. The permission
// lasts until its last source is gone; an inactive person has none, whatever the sources say.
//
// FOUNDATION STUB — helper "access" replaces the body (sources: membership state and direct
// grants, explained per source). The signature is the contract the OpenID Provider and AuthZEN
// code against.
import "server-only";
import { db } from "@/lib/db";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { buildAbility } from "@/lib/policy/ability";
import { subjectOf } from "@/lib/policy/casl";

export type ServiceForAccess = { id: string; slug: string; municipalityId: string | null; disabledAt: Date | null };

/** May this person use this service right now? */
export async function hasServiceAccess(userId: string, service: ServiceForAccess): Promise<boolean> {
  if (service.disabledAt) return false;
  const principal = await loadUserPrincipal(userId);
  if (principal.kind !== "user") return false;
  const row = await db.service.findUnique({ where: { id: service.id } });
  if (!row) return false;
  return buildAbility(principal, { includePublic: false }).can("access", subjectOf("Service", row));
}
