// A group file that stops granting a service (seed 003, "Removing access" for groups): at every
// server start the (slug, group) pairs the current group files grant `access` for are compared
// with the pairs of the last start (ServicePolicyGrant). For each pair no longer granted, an
// access check walks that group's members and only the services of that slug (never everyone,
// everywhere: the load note of seed 003); then the new pairs are stored.
//
// Two servers starting at once: the comparison, the checks it starts and the new snapshot are one
// transaction under an advisory lock, so the second server waits and then finds nothing changed.
// The first start ever (no snapshot) only stores the pairs.
import "server-only";
import { db } from "@/lib/db";
import { loadPolicies, type CompiledPolicies } from "@/lib/policy/load";
import { kickAccessCheck, startAccessCheck } from "./access-end";
import { log } from "@/lib/ops/log";

/** "Every service": a rule without a slug condition. */
export const ANY_SLUG = "*";

const LOCK = "gatehouse:service-policy-watch";

export type PolicyPair = { slug: string; group: string };

function slugsOf(where: Record<string, unknown> | undefined): string[] {
  const slug = where?.slug;
  if (slug === undefined) return [ANY_SLUG];
  if (typeof slug === "string") return [slug];
  if (slug && typeof slug === "object" && Array.isArray((slug as { in?: unknown }).in))
    return ((slug as { in: unknown[] }).in ?? []).filter((s): s is string => typeof s === "string");
  // Another condition on the slug (not, startsWith…): treat as every service, so a change is caught.
  return [ANY_SLUG];
}

/** The (slug, group) pairs the group files grant `access` for (a `manage` on Service or all counts). */
export function grantedPairs(policies: CompiledPolicies = loadPolicies()): PolicyPair[] {
  const pairs = new Map<string, PolicyPair>();
  for (const g of policies.groups.values()) {
    if (g.scope === "public") continue;
    for (const r of g.rules) {
      if (r.inverted) continue;
      if (!r.actions.some((a) => a === "access" || a === "manage")) continue;
      if (!r.subjects.some((s) => s === "Service" || s === "all")) continue;
      for (const slug of slugsOf(r.where)) pairs.set(`${slug}\u0000${g.name}`, { slug, group: g.name });
    }
  }
  return [...pairs.values()].sort((a, b) => a.group.localeCompare(b.group) || a.slug.localeCompare(b.slug));
}

export type PolicyWatchResult = { lost: PolicyPair[]; checks: string[]; first: boolean };

/**
 * Compares, starts the checks and stores the new snapshot (see the top of this file). Returns the
 * pairs no longer granted and the AccessCheck ids it started.
 */
export async function watchServicePolicies(opts: { policies?: CompiledPolicies } = {}): Promise<PolicyWatchResult> {
  const now = grantedPairs(opts.policies ?? loadPolicies());
  const key = (p: PolicyPair) => `${p.slug}\u0000${p.group}`;
  const current = new Set(now.map(key));
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${LOCK}))`;
      const before = await tx.servicePolicyGrant.findMany({ select: { slug: true, group: true } });
      const first = before.length === 0;
      const lost = before.filter((p) => !current.has(key(p)));
      const checks: string[] = [];
      for (const p of lost) {
        // A group that still grants every service keeps this slug; one that still grants this slug keeps it.
        if (current.has(key({ slug: ANY_SLUG, group: p.group }))) continue;
        const stillSlugs = now.filter((q) => q.group === p.group).map((q) => q.slug);
        const services = await tx.service.findMany({
          where: {
            disabledAt: null,
            ...(p.slug === ANY_SLUG ? { slug: { notIn: stillSlugs } } : { slug: p.slug }),
          },
          select: { id: true, slug: true },
          orderBy: { id: "asc" },
        });
        for (const s of services) {
          const c = await startAccessCheck(
            { serviceId: s.id, group: p.group, reason: `the ${p.group} group file no longer grants ${s.slug}` },
            { tx },
          );
          checks.push(c.id);
        }
      }
      await tx.servicePolicyGrant.deleteMany({});
      if (now.length) await tx.servicePolicyGrant.createMany({ data: now });
      return { lost, checks, first };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  for (const id of result.checks) await kickAccessCheck(id);
  if (result.lost.length)
    log.info(
      { lost: result.lost.length, checks: result.checks.length },
      `[policy-watch] group files no longer grant ${result.lost.map((p) => `${p.slug} to ${p.group}`).join(", ")}: ${result.checks.length} access check(s) started`,
    );
  return result;
}

/** For the server's start: never throws (a database that is down is tried again at the next start). */
export async function watchServicePoliciesAtStart(): Promise<void> {
  try {
    await watchServicePolicies();
  } catch (e) {
    log.error({ err: e }, "[policy-watch] could not compare the group files with the last start");
  }
}
