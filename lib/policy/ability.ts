// Principal → CASL ability. The union of: the public group (everyone sees public pages the same
// way), the user's platform groups, and each ACTIVE membership's groups instantiated with that
// membership's own municipality, department and categories. Inactive users and suspended
// memberships never reach here as grants (lib/auth only loads ACTIVE ones) and are skipped
// again defensively. Module switches turned off in a municipality remove their subjects there.
import type { RawRuleOf } from "@casl/ability";
import type { MembershipGrant, Principal } from "@/lib/identity/principal";
import {
  createPrismaAbility,
  createServiceAbility,
  type AppAbility,
  type ServiceAbility,
  type ServiceRawRule,
} from "./casl";
import { loadPolicies, type CompiledPolicies, type RuleTemplate, type ServiceRuleTemplate } from "./load";
import { ALL_CATEGORIES, MODULES, type ModuleName } from "./subjects";

/** Municipality id → modules switched off there. */
export type ModuleSwitches = Record<string, readonly string[]>;

/**
 * includePublic: false gives the staff view — only what the person's own groups grant. The staff
 * workspace uses it so an operator's list shows their categories, not also every public row.
 */
export type AbilityContext = { modules?: ModuleSwitches; policies?: CompiledPolicies; includePublic?: boolean };

type Raw = RawRuleOf<AppAbility>;

/** The public-scope group of citizen accounts and tracking-link visitors. */
export const CITIZEN_GROUP = "citizen";

/** A placeholder without a value for this principal (e.g. no department): the rule does not apply. */
const NO_VALUE = Symbol("no value");

function fill(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === "string" && value.startsWith("$")) {
    if (!(value in vars)) throw new Error(`placeholder ${value} has no value for this principal`);
    const v = vars[value];
    // `departmentId: null` would match every unrouted record — the opposite of "my department".
    return v === null || v === undefined ? NO_VALUE : v;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => fill(v, vars));
    return items.includes(NO_VALUE) ? NO_VALUE : items;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value).map(([k, v]) => [k, fill(v, vars)] as const);
    return entries.some(([, v]) => v === NO_VALUE) ? NO_VALUE : Object.fromEntries(entries);
  }
  return value;
}

/**
 * One template → one CASL rule, or null when a placeholder has no value for this principal. Dropping
 * is safe both ways: a `can` about "my department" grants nothing without one, and a `cannot` about
 * "my department" has nothing to forbid.
 */
function instantiate(t: RuleTemplate, vars: Record<string, unknown>): Raw | null {
  return instantiateAny(t, vars) as Raw | null;
}

function instantiateAny(
  t: RuleTemplate | ServiceRuleTemplate,
  vars: Record<string, unknown>,
): Raw | ServiceRawRule | null {
  const conditions = t.where ? fill(t.where, vars) : undefined;
  if (conditions === NO_VALUE) return null;
  return {
    action: t.actions,
    subject: t.subjects,
    ...(conditions ? { conditions: conditions as Raw["conditions"] } : {}),
    ...("fields" in t && t.fields ? { fields: t.fields } : {}),
    inverted: t.inverted,
    reason: t.origin,
  } as Raw | ServiceRawRule;
}

function membershipVars(userId: string, m: MembershipGrant, email?: string): Record<string, unknown> {
  return {
    "$user.id": userId,
    "$user.email": email,
    "$membership.municipalityId": m.municipalityId,
    "$membership.departmentId": m.departmentId,
    // No restriction means every category (docs/requirements.md#municipal-platform: restrictions are optional).
    "$membership.allowedCategories": m.allowedCategories.length ? m.allowedCategories : ALL_CATEGORIES,
  };
}

export function abilityRules(principal: Principal, ctx: AbilityContext = {}): Raw[] {
  const policies = ctx.policies ?? loadPolicies();
  const group = (name: string) => policies.groups.get(name);
  const rules: Raw[] = [];
  const add = (name: string, scope: "public" | "platform" | "municipality", vars: Record<string, unknown>) => {
    const g = group(name);
    // A group that no longer exists, or is held in the wrong place, grants nothing.
    if (!g || g.scope !== scope) return;
    for (const t of g.rules) {
      const r = instantiate(t, vars);
      if (r) rules.push(r);
    }
  };

  // DESIGN.md: an inactive user has no ability at all. lib/auth already answers ANONYMOUS for
  // them; this guards any other caller that builds a principal by hand.
  if (principal.kind === "user" && principal.isActive === false) return [];

  if (ctx.includePublic !== false) add("public", "public", {});
  // Citizens (policies/groups/citizen.yaml): a citizen account's own reports by `$user.id`, or the
  // one request a tracking link opened by `$tracking.requestId`; the other placeholder has no
  // value, so the rules speaking of it drop.
  if (principal.kind === "anonymous" && principal.trackedRequestId) {
    add(CITIZEN_GROUP, "public", {
      "$user.id": undefined,
      "$user.email": undefined,
      "$tracking.requestId": principal.trackedRequestId,
    });
  }
  if (principal.kind === "user" && principal.isCitizen) {
    add(CITIZEN_GROUP, "public", {
      "$user.id": principal.userId,
      "$user.email": principal.email,
      "$tracking.requestId": undefined,
    });
  }
  if (principal.kind === "user") {
    for (const name of principal.platformGroups)
      add(name, "platform", { "$user.id": principal.userId, "$user.email": principal.email });
    for (const m of principal.memberships) {
      // Only ACTIVE memberships are loaded; a grant that says otherwise contributes nothing.
      if (m.status !== undefined && m.status !== "ACTIVE") continue;
      const vars = membershipVars(principal.userId, m, principal.email);
      for (const name of m.groups) add(name, "municipality", vars);
    }
  }

  // Module switches come last: inverted rules added later take precedence in CASL.
  for (const [municipalityId, off] of Object.entries(ctx.modules ?? {})) {
    const subjects = off.flatMap((m) => (m in MODULES ? [...MODULES[m as ModuleName]] : []));
    if (subjects.length === 0) continue;
    rules.push({
      action: "manage",
      subject: subjects,
      conditions: { municipalityId },
      inverted: true,
      reason: `module switched off in this municipality`,
    } as Raw);
  }
  return rules;
}

/** An ability holding one group alone, instantiated for a sample membership (matrix, docs). */
export function groupAbility(name: string, policies: CompiledPolicies = loadPolicies()): AppAbility {
  const g = policies.groups.get(name);
  if (!g) throw new Error(`unknown group ${name}`);
  const vars =
    g.scope === "public"
      ? { "$user.id": "sample-user", "$user.email": "sample@example.test", "$tracking.requestId": "sample-request" }
      : membershipVars(
          "sample-user",
          {
            membershipId: "sample",
            municipalityId: "sample-municipality",
            departmentId: "sample-department",
            allowedCategories: [],
            groups: [name],
          },
          "sample@example.test",
        );
  return createPrismaAbility<AppAbility>(g.rules.flatMap((t) => instantiate(t, vars) ?? []));
}

/**
 * A person's decisions about one connected service's resources (AuthZEN, lib/services/authzen):
 * the `<service>.<type>` rules of their platform groups and of each ACTIVE membership's groups,
 * instantiated as for our own records. When the service belongs to a municipality, only that
 * municipality's memberships count: a permits service in Riverton answers for Riverton's groups.
 * Whether the person may use the service at all is a separate question (`access` on Service,
 * lib/services/access.ts); the caller asks it first.
 */
export function serviceAbility(
  principal: Principal,
  service: { slug: string; municipalityId: string | null },
  ctx: { policies?: CompiledPolicies } = {},
): ServiceAbility {
  const policies = ctx.policies ?? loadPolicies();
  const rules: ServiceRawRule[] = [];
  if (principal.kind !== "user" || principal.isActive === false || principal.isCitizen) return createServiceAbility([]);
  const add = (name: string, scope: "platform" | "municipality", vars: Record<string, unknown>) => {
    const g = policies.groups.get(name);
    if (!g || g.scope !== scope) return;
    for (const t of g.serviceRules) {
      if (t.service !== service.slug) continue;
      const r = instantiateAny(t, vars);
      if (r) rules.push(r as ServiceRawRule);
    }
  };
  for (const name of principal.platformGroups)
    add(name, "platform", { "$user.id": principal.userId, "$user.email": principal.email });
  for (const m of principal.memberships) {
    if (m.status !== undefined && m.status !== "ACTIVE") continue;
    if (service.municipalityId !== null && m.municipalityId !== service.municipalityId) continue;
    const vars = membershipVars(principal.userId, m, principal.email);
    for (const name of m.groups) add(name, "municipality", vars);
  }
  return createServiceAbility(rules);
}

const abilityCache = new Map<string, AppAbility>();
const MAX_CACHED = 5000;

/**
 * Builds (or reuses) the ability. The cache key is the principal's full content plus the module
 * switches, so any change in groups, memberships, status or modules yields a new key: a cached
 * ability can never outlive a change.
 */
export function buildAbility(principal: Principal, ctx: AbilityContext = {}): AppAbility {
  const key = JSON.stringify([principal, ctx.modules ?? {}, ctx.policies?.dir ?? "", ctx.includePublic !== false]);
  const hit = abilityCache.get(key);
  if (hit) {
    // Refresh recency (Map keeps insertion order: a cheap LRU).
    abilityCache.delete(key);
    abilityCache.set(key, hit);
    return hit;
  }
  const ability = createPrismaAbility<AppAbility>(abilityRules(principal, ctx));
  abilityCache.set(key, ability);
  if (abilityCache.size > MAX_CACHED) abilityCache.delete(abilityCache.keys().next().value!);
  return ability;
}

export function clearAbilityCache(): void {
  abilityCache.clear();
}
