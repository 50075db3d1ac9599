// Registering and running connected services from the consoles (issue 19): register (a client id,
// a client secret and a webhook secret, the secrets returned once for the page to show and stored
// only as a SHA-256 hash and a sealed box), edit the settings, rotate either secret (the old client
// secret stops at once: only the new hash is stored), disable and enable. Each change is one
// transaction with its audit event — which records hints and what changed, never a secret.
// Disabling cuts everyone who uses the service in that transaction (lib/services/access-end.ts)
// and wakes the delivery worker after the commit; dropping a membership state from the states
// that grant access starts a batched check of that state's members after the commit.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { parseFormInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipStatus } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";
import { groupAbility } from "@/lib/policy/ability";
import { subjectOf } from "@/lib/policy/casl";
import { loadPolicies, type CompiledPolicies } from "@/lib/policy/load";
import { loadServicePolicies } from "@/lib/policy/service-policies";
import {
  insertService,
  kindTaken,
  updatableService,
  writeService,
  type ServiceChange,
  type ServiceView,
} from "@/lib/data/services";
import type { DataTx } from "@/lib/data/tx";
import {
  SETTINGS_KEYS,
  accessStateLabel,
  serviceSettingsInput,
  serviceRegisterInput,
  type ServiceRegistration,
  type ServiceSettings,
} from "@/lib/schemas/services";
import { newClientCredentials, newWebhookSecret, sealWebhookSecret } from "@/lib/services/client-secret";
import { endAccessForService, startAccessCheck } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";

function actorOf(viewer: Viewer): string {
  if (viewer.principal.kind !== "user") throw new ValidationError("Only a signed-in person can change services.");
  return viewer.principal.userId;
}

// ── kinds of service (policies/services) ────────────────────────────────────────────────────

export type ServiceKind = {
  slug: string;
  label: string;
  description?: string;
  resourceTypes: { name: string; label: string; description?: string; actions: string[]; attributes: string[] }[];
};

/** The kinds declared in policies/services, with their labels and resource types: the form's suggestions. */
export function serviceKinds(): ServiceKind[] {
  return [...loadServicePolicies().values()].map((p) => ({
    slug: p.service,
    label: p.label,
    ...(p.description ? { description: p.description } : {}),
    resourceTypes: [...p.resources.values()].map((t) => ({
      name: t.name,
      label: t.label,
      ...(t.description ? { description: t.description } : {}),
      actions: t.actions,
      attributes: t.attributes,
    })),
  }));
}

/** Resource types must be declared by the kind's policy file (none when it has no file). */
function checkResourceTypes(slug: string, types: string[]): void {
  const declared = loadServicePolicies().get(slug)?.resources;
  const unknown = types.filter((t) => !declared?.has(t));
  if (unknown.length)
    throw new ValidationError("Please correct the marked fields.", {
      resourceTypes: [
        declared
          ? `Not declared in policies/services/${slug}.yaml: ${unknown.join(", ")}.`
          : `policies/services/${slug}.yaml does not exist, so this kind of service declares no resource types.`,
      ],
    });
}

/** What the audit trail keeps of a service's settings: no secret, not even its hash. */
function auditView(s: Partial<ServiceView> | ServiceSettings) {
  return Object.fromEntries(SETTINGS_KEYS.map((k) => [k, s[k] ?? null]));
}

function audit(
  tx: DataTx,
  actorId: string,
  service: { id: string; municipalityId: string | null; slug?: string },
  action: string,
  data: Prisma.InputJsonValue,
) {
  return recordAudit(tx, {
    action,
    actorId,
    actorType: "user",
    municipalityId: service.municipalityId,
    targetType: "Service",
    targetId: service.id,
    data,
  });
}

// ── register ────────────────────────────────────────────────────────────────────────────────

export type Registered = { service: ServiceView; clientSecret: string; webhookSecret: string };

/**
 * Registers a service in a municipality (or platform-wide: null) the viewer may create services
 * in, else "not found". The kind must be free there. Returns both secrets, to be shown once.
 */
export async function registerService(
  viewer: Viewer,
  municipalityId: string | null,
  input: ServiceRegistration | Record<string, unknown>,
): Promise<Registered> {
  const me = actorOf(viewer);
  const { kind: slug, ...v } = parseFormInput(serviceRegisterInput, input);
  checkResourceTypes(slug, v.resourceTypes);
  const creds = newClientCredentials();
  const webhookSecret = newWebhookSecret();
  const service = await db.$transaction(async (tx) => {
    if (await kindTaken(tx, municipalityId, slug))
      throw new ValidationError("Please correct the marked fields.", {
        kind: [`A service of the kind “${slug}” is already registered here: each kind once per municipality.`],
      });
    const s = await insertService(tx, viewer, {
      ...v,
      slug,
      accessStates: v.accessStates as MembershipStatus[],
      municipalityId,
      clientId: creds.clientId,
      clientSecretHash: creds.clientSecretHash,
      clientSecretHint: creds.clientSecretHint,
      webhookSecretCipher: sealWebhookSecret(webhookSecret),
      createdById: me,
    });
    await audit(tx, me, s, "service.registered", {
      slug,
      clientId: creds.clientId,
      secretHint: creds.clientSecretHint,
      after: auditView(v),
    });
    return s;
  });
  return { service, clientSecret: creds.clientSecret, webhookSecret };
}

// ── settings ────────────────────────────────────────────────────────────────────────────────

/**
 * Saves the settings. A membership state dropped from those that grant access may end many
 * people's access: each dropped state starts a batched check after the commit.
 */
export async function updateServiceSettings(
  viewer: Viewer,
  id: string,
  input: ServiceSettings | Record<string, unknown>,
): Promise<{ service: ServiceView; checks: string[] }> {
  const me = actorOf(viewer);
  const v = parseFormInput(serviceSettingsInput, input);
  const { before, removed } = await db.$transaction(async (tx) => {
    const before = await updatableService(tx, viewer, id);
    checkResourceTypes(before.slug, v.resourceTypes);
    await writeService(tx, viewer, id, { ...v, accessStates: v.accessStates as MembershipStatus[] });
    const removed = before.accessStates.filter((s) => !(v.accessStates as string[]).includes(s));
    await audit(tx, me, before, "service.updated", { before: auditView(before), after: auditView(v) });
    return { before, removed };
  });
  const checks: string[] = [];
  for (const state of removed) {
    const c = await startAccessCheck({
      serviceId: id,
      state,
      reason: `${accessStateLabel(state)} no longer have access to ${v.name}.`,
      requestedById: me,
    });
    if (c.id) checks.push(c.id);
  }
  return { service: { ...before, ...v, accessStates: v.accessStates as MembershipStatus[] }, checks };
}

// ── secrets ─────────────────────────────────────────────────────────────────────────────────

/** A new client secret; the old one stops working at once (only the new hash is kept). Shown once. */
export async function rotateClientSecret(viewer: Viewer, id: string): Promise<{ clientSecret: string }> {
  const creds = newClientCredentials();
  await change(
    viewer,
    id,
    { clientSecretHash: creds.clientSecretHash, clientSecretHint: creds.clientSecretHint },
    (s) => ["service.client_secret_rotated", { secretHint: creds.clientSecretHint, previousHint: s.clientSecretHint }],
  );
  return { clientSecret: creds.clientSecret };
}

/** A new webhook signing secret; deliveries are signed with it from now on. Shown once. */
export async function rotateWebhookSecret(viewer: Viewer, id: string): Promise<{ webhookSecret: string }> {
  const webhookSecret = newWebhookSecret();
  await change(viewer, id, { webhookSecretCipher: sealWebhookSecret(webhookSecret) }, () => [
    "service.webhook_secret_rotated",
    {},
  ]);
  return { webhookSecret };
}

/** One audited change of the service, in one transaction; `extra` runs after the write, before the commit. */
async function change(
  viewer: Viewer,
  id: string,
  data: ServiceChange,
  event: (before: ServiceView) => [string, Prisma.InputJsonValue],
  extra?: (tx: DataTx, before: ServiceView) => Promise<Prisma.InputJsonValue | void>,
): Promise<ServiceView> {
  const me = actorOf(viewer);
  return db.$transaction(async (tx) => {
    const before = await updatableService(tx, viewer, id);
    await writeService(tx, viewer, id, data);
    const more = extra ? await extra(tx, before) : undefined;
    const [action, payload] = event(before);
    await audit(tx, me, before, action, more ? { ...(payload as object), ...(more as object) } : payload);
    return before;
  });
}

// ── disable and enable ──────────────────────────────────────────────────────────────────────

/**
 * Disables the service: nobody signs in to it or gets an answer for it any more, and everyone
 * using it is cut now (sessions and refresh tokens ended, logout tokens and webhooks queued).
 */
export async function disableService(viewer: Viewer, id: string, reason: string): Promise<{ ended: number }> {
  const why = reason.trim().slice(0, 500) || "The service was disabled.";
  let ended = 0;
  await change(
    viewer,
    id,
    { disabledAt: new Date() },
    () => ["service.disabled", { reason: why }],
    async (tx) => {
      ended = (await endAccessForService(tx, id, why)).ended;
      return { ended };
    },
  );
  kickServiceDeliveries();
  return { ended };
}

/** Enables it again: people with access may sign in to it once more. */
export async function enableService(viewer: Viewer, id: string): Promise<void> {
  await change(viewer, id, { disabledAt: null }, () => ["service.enabled", {}]);
}

// ── for the service's developers ────────────────────────────────────────────────────────────

export type DeveloperInfo = {
  issuer: string;
  discoveryUrl: string;
  authzenEndpoint: string;
  /** The policy file of the kind, when there is one. */
  policyFile: string | null;
  resourceTypes: { name: string; label: string; actions: string[]; attributes: string[]; enabled: boolean }[];
  /** Groups whose files grant `access` on this service, and what each may do on its resource types. */
  groups: { name: string; label: string; grants: string[] }[];
};

const PLACEHOLDER_WORDS: Record<string, string> = {
  "$user.email": "the person's own email address",
  "$user.id": "the person's own user id",
  "$membership.municipalityId": "their municipality",
  "$membership.departmentId": "their department",
};

/** A rule's condition in plain words: `ownerID is the person's own email address`. */
function conditionWords(where: Record<string, unknown> | undefined): string {
  if (!where || Object.keys(where).length === 0) return "";
  const parts = Object.entries(where).map(([k, v]) => {
    const value = typeof v === "string" ? (PLACEHOLDER_WORDS[v] ?? `“${v}”`) : JSON.stringify(v);
    return `${k} is ${value}`;
  });
  return ` where ${parts.join(" and ")}`;
}

/** What the service's developers need: endpoints, resource types and which groups grant what. */
export function developerInfo(
  service: Pick<ServiceView, "slug" | "municipalityId" | "resourceTypes">,
  policies: CompiledPolicies = loadPolicies(),
): DeveloperInfo {
  const base = env().APP_URL.replace(/\/$/, "");
  const file = loadServicePolicies().get(service.slug) ?? null;
  const target = subjectOf("Service", {
    municipalityId: service.municipalityId === null ? null : "sample-municipality",
    slug: service.slug,
  });
  const groups: DeveloperInfo["groups"] = [];
  for (const g of policies.groups.values()) {
    if (g.scope === "public") continue;
    if (!groupAbility(g.name, policies).can("access", target)) continue;
    const grants = g.serviceRules
      .filter((r) => r.service === service.slug)
      .map((r) => {
        const types = r.subjects.map((s) => file?.resources.get(s.split(".")[1] ?? "")?.label ?? s).join(", ");
        return `${r.inverted ? "never " : ""}${r.actions.join(", ")} on ${types}${conditionWords(r.where)}`;
      });
    groups.push({ name: g.name, label: g.label, grants });
  }
  return {
    issuer: `${base}/oidc`,
    discoveryUrl: `${base}/oidc/.well-known/openid-configuration`,
    authzenEndpoint: `${base}/access/v1/evaluation`,
    policyFile: file?.file ?? null,
    resourceTypes: [...(file?.resources.values() ?? [])].map((t) => ({
      name: t.name,
      label: t.label,
      actions: t.actions,
      attributes: t.attributes,
      enabled: service.resourceTypes.includes(t.name),
    })),
    groups,
  };
}
