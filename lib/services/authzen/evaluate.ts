// One AuthZEN decision (§6) for the service that asks. In order:
// 1. The resource type must be one the service governs (Service.resourceTypes, declared in
//    policies/services/<slug>.yaml) and the action one declared for it; otherwise `false`, with an
//    error in the context saying which (that is the service's own configuration, nothing about people).
// 2. The subject must be one person (./subjects.ts), who may use the service now
//    (hasServiceAccess, lib/services/access.ts) — otherwise `false`, "no access to the service",
//    the same words for someone unknown.
// 3. The person's rules on `<slug>.<type>` decide (serviceAbility, lib/policy/ability.ts; only the
//    service's municipality's ACTIVE memberships count), on the resource's id and the attributes the
//    service sent that its file declares. Other properties, and subject, action and context
//    properties, decide nothing: Gatehouse knows the person itself.
// With `context.explain: true` the answer's context names the deciding rule (`operator.yaml#11`,
// and a `cannot` rule's reason) or says "no rule grants it" / "no access to the service".
//
// A DecisionCache lives for one HTTP request: a batch of 100 evaluations about one person reads
// the person, their access and their rules once.
import "server-only";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { loadPolicies } from "@/lib/policy/load";
import { serviceAbility } from "@/lib/policy/ability";
import { serviceResource, type ServiceAbility } from "@/lib/policy/casl";
import { loadServicePolicies, serviceSubjectName, type ServiceResourceType } from "@/lib/policy/service-policies";
import { hasServiceAccess } from "@/lib/services/access";
import { countAuthzDecision } from "@/lib/ops/metrics";
import type { AuthzenService } from "./client-auth";
import { wantsExplanation, type Evaluation, type Resource } from "./schema";
import { subjectResolver, type SubjectResolver } from "./subjects";

export type Decision = { decision: boolean; context?: Record<string, unknown> };

export const NO_ACCESS = "no access to the service";
export const NO_RULE = "no rule grants it";

/** The person's standing with the service: may they use it, and their rules there. */
type Standing = { access: boolean; ability: ServiceAbility };

export type DecisionCache = {
  service: AuthzenService;
  resolve: SubjectResolver;
  standing: Map<string, Promise<Standing>>;
};

export function decisionCache(service: AuthzenService): DecisionCache {
  return { service, resolve: subjectResolver(service), standing: new Map() };
}

/** The resource type, when the service governs it and its file declares it; else null. */
export function ownResourceType(service: AuthzenService, type: string): ServiceResourceType | null {
  if (!service.resourceTypes.includes(type)) return null;
  return loadServicePolicies().get(service.slug)?.resources.get(type) ?? null;
}

/** Why a question about this type and action cannot be asked by this service, or null. */
export function questionProblem(service: AuthzenService, resourceType: string, action: string | null): string | null {
  const t = ownResourceType(service, resourceType);
  if (!t) {
    const own = service.resourceTypes.length ? service.resourceTypes.join(", ") : "none";
    return `resource type "${resourceType.slice(0, 80)}" is not one of this service's types (${own})`;
  }
  if (action !== null && !t.actions.includes(action))
    return `action "${action.slice(0, 80)}" is not declared for ${t.name} (${t.actions.join(", ")})`;
  return null;
}

export function standingOf(cache: DecisionCache, userId: string): Promise<Standing> {
  let s = cache.standing.get(userId);
  if (!s) {
    const { service } = cache;
    s = Promise.all([hasServiceAccess(userId, service), loadUserPrincipal(userId)]).then(([access, principal]) => ({
      access,
      ability: serviceAbility(principal, service),
    }));
    cache.standing.set(userId, s);
  }
  return s;
}

/** The resource as the ability sees it: its declared attributes, and `id` from resource.id. */
export function resourceSubject(
  service: AuthzenService,
  type: ServiceResourceType,
  resource: Omit<Resource, "id">,
  id: string,
) {
  const attrs: Record<string, unknown> = {};
  const sent = resource.properties ?? {};
  for (const a of type.attributes) if (a !== "id" && Object.hasOwn(sent, a)) attrs[a] = sent[a];
  attrs.id = id;
  return serviceResource(serviceSubjectName(service.slug, type.name), attrs);
}

/** A rule's `reason:` note, looked up by its origin (`manager.yaml#12`). */
function noteOf(origin: string): string | undefined {
  const file = origin.slice(0, origin.lastIndexOf("#"));
  for (const g of loadPolicies().groups.values()) {
    if (!g.file.endsWith(file)) continue;
    const r = g.serviceRules.find((x) => x.origin === origin);
    if (r) return r.note;
  }
  return undefined;
}

/** The decision, with the deciding rule in the context when `explain`. */
export function decideWith(
  ability: ServiceAbility,
  action: string,
  subject: ReturnType<typeof resourceSubject>,
  explain: boolean,
): Decision {
  const allowed = ability.can(action, subject);
  if (!explain) return { decision: allowed };
  const rule = ability.relevantRuleFor(action, subject);
  if (!rule?.reason) return { decision: false, context: { reason: NO_RULE } };
  const note = noteOf(rule.reason);
  return {
    decision: allowed,
    context: {
      reason: allowed ? `allowed by ${rule.reason}` : `refused by ${rule.reason}${note ? `: ${note}` : ""}`,
      rule: rule.reason,
    },
  };
}

const refused = (status: number, message: string): Decision => ({
  decision: false,
  context: { error: { status, message } },
});

/** One evaluation, counted by its result (/metrics). */
export async function evaluate(cache: DecisionCache, q: Evaluation): Promise<Decision> {
  const d = await decide(cache, q);
  countAuthzDecision(d.decision ? "allow" : "deny");
  return d;
}

async function decide(cache: DecisionCache, q: Evaluation): Promise<Decision> {
  const explain = wantsExplanation(q.context);
  const problem = questionProblem(cache.service, q.resource.type, q.action.name);
  if (problem) return refused(problem.startsWith("action") ? 400 : 403, problem);
  const type = ownResourceType(cache.service, q.resource.type)!;
  const userId = await cache.resolve(q.subject);
  const standing = userId ? await standingOf(cache, userId) : null;
  if (!standing?.access) return explain ? { decision: false, context: { reason: NO_ACCESS } } : { decision: false };
  return decideWith(
    standing.ability,
    q.action.name,
    resourceSubject(cache.service, type, q.resource, q.resource.id),
    explain,
  );
}
