// Whether a person may use a connected service, and from which sources (seed 003): group files
// (`can: access` on Service), the person's membership state, and direct grants. The permission
// lasts until its last source is gone; an inactive person, a citizen account or a disabled
// service has none, whatever the sources say.
//
// - Group files: each ACTIVE membership's groups (in a municipality that is not archived) and the
//   person's platform groups, each group on its own, so every group that grants it is named with
//   the rule it comes from. A `cannot access` anywhere in the person's groups wins over them all.
// - Membership state: Service.accessStates holds the person's membership status in the service's
//   municipality (any municipality for a platform-wide service). Only ACTIVE and PENDING_APPROVAL
//   ever count: a suspended, invited or rejected membership never carries access.
// - Direct grants: ServiceGrant rows not ended and not past expiresAt. They count without any
//   membership ("regardless of whether or not they are a member", seed 003).
//
// This is infrastructure of the access engine (the provider asks it on every sign-in and token,
// the flows ask it inside their transaction after their change): it reads with the given
// transaction client or `db` directly, never through a viewer's ability — it answers about the
// person, not for the person asking. Pages show its answer through lib/data's scoped reads.
import "server-only";
import { db } from "@/lib/db";
import type { DataTx } from "@/lib/data/tx";
import type { MembershipStatus } from "@/lib/generated/prisma/enums";
import type { MembershipGrant, UserPrincipal } from "@/lib/identity/principal";
import { abilityRules } from "@/lib/policy/ability";
import { createPrismaAbility, subjectOf, type AppAbility } from "@/lib/policy/casl";
import { loadPolicies, type CompiledPolicies } from "@/lib/policy/load";
import { localTime } from "@/lib/audit/when";

export type ServiceForAccess = { id: string; slug: string; municipalityId: string | null; disabledAt: Date | null };

/** The reader: a transaction client (the change and its consequences in one transaction) or db. */
export type AccessReader = DataTx | typeof db;

export type AccessOptions = {
  /** Read inside this transaction (after the change that may end access). */
  tx?: AccessReader;
  /** Other policy files (tests of a group file that changed); default: the loaded ones. */
  policies?: CompiledPolicies;
  now?: Date;
};

/** Membership states that may ever carry access to a service. */
export const ACCESS_STATES: readonly MembershipStatus[] = ["ACTIVE", "PENDING_APPROVAL"];

export const STATE_WORDS: Record<MembershipStatus, string> = {
  ACTIVE: "Members who are active",
  PENDING_APPROVAL: "Members waiting for approval",
  INVITED: "Invited people",
  SUSPENDED: "Suspended members",
  REJECTED: "Rejected members",
};

export type AccessSource =
  | {
      kind: "group";
      group: string;
      groupLabel: string;
      /** "operator.yaml#11" */
      origin: string;
      file: string;
      rule: number;
      /** The membership's municipality; null for a platform group. */
      municipalityId: string | null;
      words: string;
    }
  | { kind: "state"; state: MembershipStatus; municipalityId: string; words: string }
  | {
      kind: "grant";
      grantId: string;
      reason: string;
      grantedById: string;
      grantedByName: string;
      createdAt: Date;
      expiresAt: Date | null;
      words: string;
    };

/** Why nobody's sources count: the person or the service. */
export type AccessBlock = "no-person" | "inactive" | "citizen" | "disabled" | "no-service";

export type ServiceAccess = { allowed: boolean; blocked: AccessBlock | null; sources: AccessSource[] };

export const BLOCK_WORDS: Record<AccessBlock, string> = {
  "no-person": "No such person.",
  inactive: "The account is deactivated: no service access, whatever the sources.",
  citizen: "A citizen account: citizens never use staff services.",
  disabled: "The service is disabled: nobody may use it.",
  "no-service": "No such service.",
};

type ServiceRow = ServiceForAccess & { accessStates: MembershipStatus[]; timeZone: string };

/** "3 Dec 2026, 14:00 CET" in the service's municipality's zone (UTC for platform-wide ones). */
export function accessTime(at: Date, tz: string): string {
  // The audit log's clock, to the minute: an access end is planned in minutes, not seconds.
  return localTime(at, tz).replace(/(\d\d:\d\d):\d\d/, "$1");
}

function splitOrigin(origin: string): { file: string; rule: number } {
  const [file, n] = origin.split("#");
  return { file: file ?? origin, rule: Number(n) || 0 };
}

async function serviceRow(reader: AccessReader, id: string): Promise<ServiceRow | null> {
  const s = await reader.service.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      municipalityId: true,
      disabledAt: true,
      accessStates: true,
      municipality: { select: { timeZone: true } },
    },
  });
  if (!s) return null;
  const { municipality, ...rest } = s;
  return { ...rest, timeZone: municipality?.timeZone ?? "UTC" };
}

/** What the person is made of, read with the reader (all membership states: the state source needs them). */
async function personRow(reader: AccessReader, userId: string) {
  return reader.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      isActive: true,
      isCitizen: true,
      platformGroups: true,
      memberships: {
        select: {
          id: true,
          municipalityId: true,
          departmentId: true,
          allowedCategories: true,
          groups: true,
          status: true,
          municipality: { select: { archivedAt: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

type Person = NonNullable<Awaited<ReturnType<typeof personRow>>>;

function principalOf(p: Person, platformGroups: string[], memberships: MembershipGrant[]): UserPrincipal {
  return {
    kind: "user",
    userId: p.id,
    email: p.email,
    name: p.name,
    platformGroups,
    memberships,
    accessVersion: 0,
    via: "session",
    isActive: true,
  };
}

function abilityOf(principal: UserPrincipal, policies: CompiledPolicies): AppAbility {
  // Not buildAbility's cache: an access check walks thousands of people once each. Only the rules
  // that can speak of Service: the question is `access` on one service, and fewer rules build faster.
  const rules = abilityRules(principal, { policies, includePublic: false }).filter((r) => {
    const subjects = Array.isArray(r.subject) ? r.subject : [r.subject];
    return subjects.some((s) => s === "Service" || s === "all");
  });
  return createPrismaAbility<AppAbility>(rules);
}

function groupSources(p: Person, service: ServiceRow, policies: CompiledPolicies): AccessSource[] {
  const subject = subjectOf("Service", { ...service });
  const active: MembershipGrant[] = p.memberships
    .filter((m) => m.status === "ACTIVE" && m.municipality.archivedAt === null)
    .map((m) => ({
      membershipId: m.id,
      municipalityId: m.municipalityId,
      departmentId: m.departmentId,
      allowedCategories: m.allowedCategories,
      groups: m.groups,
      status: m.status,
    }));
  // The person's groups together: a `cannot access` in any of them wins over every grant.
  if (!abilityOf(principalOf(p, p.platformGroups, active), policies).can("access", subject)) return [];
  const out: AccessSource[] = [];
  const add = (group: string, principal: UserPrincipal, municipalityId: string | null) => {
    const rule = abilityOf(principal, policies).relevantRuleFor("access", subject);
    if (!rule || rule.inverted) return;
    const origin = String(rule.reason ?? `${group}.yaml`);
    const { file, rule: n } = splitOrigin(origin);
    const label = policies.groups.get(group)?.label ?? group;
    const platform = municipalityId === null ? " (platform group)" : "";
    out.push({
      kind: "group",
      group,
      groupLabel: label,
      origin,
      file,
      rule: n,
      municipalityId,
      words: `${label} group${platform} — rule ${n} of ${file}`,
    });
  };
  for (const g of p.platformGroups) add(g, principalOf(p, [g], []), null);
  for (const m of active)
    for (const g of m.groups) add(g, principalOf(p, [], [{ ...m, groups: [g] }]), m.municipalityId);
  return out;
}

function stateSources(p: Person, service: ServiceRow): AccessSource[] {
  const states = service.accessStates.filter((s) => ACCESS_STATES.includes(s));
  if (states.length === 0) return [];
  const out: AccessSource[] = [];
  for (const m of p.memberships) {
    if (m.municipality.archivedAt !== null) continue;
    // A platform-wide service: a membership in any municipality in one of its states.
    if (service.municipalityId !== null && m.municipalityId !== service.municipalityId) continue;
    if (!states.includes(m.status)) continue;
    out.push({ kind: "state", state: m.status, municipalityId: m.municipalityId, words: STATE_WORDS[m.status] });
  }
  return out;
}

async function grantSources(reader: AccessReader, userId: string, service: ServiceRow, now: Date) {
  const grants = await reader.serviceGrant.findMany({
    where: { serviceId: service.id, userId, endedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "asc" },
  });
  if (grants.length === 0) return [];
  const names = new Map(
    (
      await reader.user.findMany({
        where: { id: { in: [...new Set(grants.map((g) => g.grantedById))] } },
        select: { id: true, name: true, email: true },
      })
    ).map((u) => [u.id, u.name || u.email]),
  );
  return grants.map((g): AccessSource => {
    const by = names.get(g.grantedById) ?? "an administrator";
    const until = g.expiresAt ? ` until ${accessTime(g.expiresAt, service.timeZone)}` : "";
    return {
      kind: "grant",
      grantId: g.id,
      reason: g.reason,
      grantedById: g.grantedById,
      grantedByName: by,
      createdAt: g.createdAt,
      expiresAt: g.expiresAt,
      words: `Granted directly by ${by}${until} — ${g.reason}`,
    };
  });
}

/** The person's access to one service with every source that grants it. */
export async function serviceAccess(
  userId: string,
  service: ServiceForAccess | string,
  opts: AccessOptions = {},
): Promise<ServiceAccess> {
  const reader = opts.tx ?? db;
  const row = await serviceRow(reader, typeof service === "string" ? service : service.id);
  if (!row) return { allowed: false, blocked: "no-service", sources: [] };
  return accessTo(reader, userId, row, opts);
}

async function accessTo(
  reader: AccessReader,
  userId: string,
  service: ServiceRow,
  opts: AccessOptions,
): Promise<ServiceAccess> {
  const p = await personRow(reader, userId);
  if (!p) return { allowed: false, blocked: "no-person", sources: [] };
  const blocked: AccessBlock | null = !p.isActive
    ? "inactive"
    : p.isCitizen
      ? "citizen"
      : service.disabledAt
        ? "disabled"
        : null;
  if (blocked) return { allowed: false, blocked, sources: [] };
  const policies = opts.policies ?? loadPolicies();
  const sources = [
    ...groupSources(p, service, policies),
    ...stateSources(p, service),
    ...(await grantSources(reader, userId, service, opts.now ?? new Date())),
  ];
  return { allowed: sources.length > 0, blocked: null, sources };
}

/** Every source that grants the person this service (empty: no access). */
export async function serviceAccessSources(
  userId: string,
  service: ServiceForAccess | string,
  opts: AccessOptions = {},
): Promise<AccessSource[]> {
  return (await serviceAccess(userId, service, opts)).sources;
}

/** May this person use this service right now? (Inside `tx` when given.) */
export async function hasServiceAccess(
  userId: string,
  service: ServiceForAccess,
  tx?: AccessReader,
  opts: Omit<AccessOptions, "tx"> = {},
): Promise<boolean> {
  return (await serviceAccess(userId, service, { ...opts, tx })).allowed;
}

/** The person's access to several services at once (the person page, endLostAccess). */
export async function accessToServices(
  userId: string,
  serviceIds: string[],
  opts: AccessOptions = {},
): Promise<Map<string, ServiceAccess>> {
  const reader = opts.tx ?? db;
  const out = new Map<string, ServiceAccess>();
  for (const id of serviceIds) out.set(id, await serviceAccess(userId, id, { ...opts, tx: reader }));
  return out;
}
