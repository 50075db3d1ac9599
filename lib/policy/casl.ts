// The only runtime import of @casl/prisma/runtime (lib/identity/ability.ts takes its types),
// typed with our generated Prisma.TypeMap (the @casl/prisma README, "Custom PrismaClient output path"): a wrong model name cannot compile.
// Use accessibleBy(ability, action).ofType("Model") — the 1.x `.Model` form is undefined in
// 2.x and would match every row of every tenant (TOOLCHAIN.md).
import { accessibleBy, createPrismaAbility } from "@casl/prisma/runtime";
import { subject as asSubject, type Ability, type ForcedSubject, type RawRuleFrom } from "@casl/ability";
import type { AppSubject } from "@/lib/identity/ability";
import type { SubjectName } from "./subjects";

export { accessibleBy, createPrismaAbility };
// The ability's type lives in lib/identity (a leaf every layer may import); named here too, for
// the code that builds and queries with abilities.
export type { AppAbility, AppSubject, ModelSubjects, PrismaQuery, WhereInput } from "@/lib/identity/ability";

/**
 * A row (or test attributes) as a CASL subject of the given type. Rows here are partial — only the
 * selected or permitted columns — which the generated model types cannot express, so the one cast
 * lives here instead of at every call site. The type name is still checked (SubjectName).
 */
export function subjectOf(type: SubjectName, row: Record<string, unknown>): AppSubject {
  return asSubject(type, { ...row }) as unknown as AppSubject;
}

/**
 * A connected service's decisions (AuthZEN): actions and resource types are the service's own
 * names (`view` on `permits.permit`), declared in policies/services, so the ability is typed by
 * strings, apart from AppAbility. Conditions are the same Prisma where-syntax, matched in memory
 * against the attributes the service sends.
 */
export type ServiceResourceSubject = ForcedSubject<string> & Record<string, unknown>;
export type ServiceAbility = Ability<[string, string | ServiceResourceSubject], Record<string, unknown>>;
export type ServiceRawRule = RawRuleFrom<[string, string | ServiceResourceSubject], Record<string, unknown>>;

export function createServiceAbility(rules: ServiceRawRule[]): ServiceAbility {
  return createPrismaAbility<[string, string | ServiceResourceSubject], Record<string, unknown>>(rules);
}

/** A resource as the service described it, typed as `<service>.<type>` for the ability. */
export function serviceResource(type: string, attributes: Record<string, unknown>): ServiceResourceSubject {
  return asSubject(type, { ...attributes }) as ServiceResourceSubject;
}
