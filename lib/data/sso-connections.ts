// A municipality's identity-provider connections (SsoConnection), read and written through the
// viewer's ability like every governed record: the tenant is in the query, fields are cut per row,
// and a connection outside reach is "not found". The client secret is never a field of the
// subject (lib/policy/subjects.ts): reads say only whether one is set, writes seal it
// (lib/crypto/secret-box.ts) and the audit trail records that it changed, never its value.
import "server-only";
import { subject } from "@casl/ability";
import { db, type Db } from "@/lib/db";
import { recordAudit, type AuditInput, type AuditTx } from "@/lib/audit/record";
import { open, seal } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SsoProtocol } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { project } from "./project";

const FIELDS = MODEL_FIELDS.SsoConnection as readonly string[];
const columns = {
  id: true,
  municipalityId: true,
  protocol: true,
  displayName: true,
  issuer: true,
  clientId: true,
  scopes: true,
  groupsClaim: true,
  mfaAmrValues: true,
  mfaAcrValues: true,
  claimMappings: true,
  enabled: true,
  updatedAt: true,
  samlIdpEntityId: true,
  samlIdpSsoUrl: true,
} as const;
type Row = Prisma.SsoConnectionGetPayload<{ select: typeof columns }>;

/** What the console shows of one connection: its permitted fields and whether a secret is set (never the secret). */
export type SsoConnectionView = Partial<Row> & { id: string; protocol: SsoProtocol; secretSet: boolean };

/** The OIDC fields an admin saves (already validated); `clientSecret` absent keeps the stored one. */
export type OidcConnectionWrite = {
  displayName: string | null;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string[];
  groupsClaim: string;
  mfaAmrValues: string[];
  mfaAcrValues: string[];
  enabled: boolean;
};

const oidcSubject = (municipalityId: string) => subject("SsoConnection", { municipalityId, protocol: "OIDC" }) as never;

/** Whether the viewer may see this municipality's connections at all, and change (or create) its OIDC one. */
export function ssoConsoleAccess(viewer: Viewer, municipalityId: string): { read: boolean; manage: boolean } {
  const a = viewer.ability;
  return {
    read: a.can("read", oidcSubject(municipalityId)),
    manage: a.can("update", oidcSubject(municipalityId)) || a.can("create", oidcSubject(municipalityId)),
  };
}

/** The municipality's connections (OIDC, SAML) the viewer may read, with permitted fields. */
export async function ssoConnectionsOf(viewer: Viewer, municipalityId: string): Promise<SsoConnectionView[]> {
  const rows = await db.ssoConnection.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("SsoConnection"), { municipalityId }] },
    select: { ...columns, clientSecretCipher: true },
    orderBy: { protocol: "asc" },
  });
  return rows.map(({ clientSecretCipher, ...row }) => ({
    ...project(viewer.ability, "read", "SsoConnection", row, FIELDS),
    id: row.id,
    protocol: row.protocol,
    secretSet: clientSecretCipher !== null,
  }));
}

/** The OIDC row the viewer may update, inside a transaction (locked for the write that follows). */
async function updatableOidc(tx: Pick<Db, "ssoConnection">, viewer: Viewer, municipalityId: string) {
  return tx.ssoConnection.findFirst({
    where: {
      AND: [accessibleBy(viewer.ability, "update").ofType("SsoConnection"), { municipalityId, protocol: "OIDC" }],
    },
    select: { ...columns, clientSecretCipher: true },
  });
}

const auditView = (r: Partial<Row> | null) =>
  r && {
    displayName: r.displayName ?? null,
    issuer: r.issuer ?? null,
    clientId: r.clientId ?? null,
    scopes: r.scopes ?? [],
    groupsClaim: r.groupsClaim ?? null,
    mfaAmrValues: r.mfaAmrValues ?? [],
    mfaAcrValues: r.mfaAcrValues ?? [],
    enabled: r.enabled ?? null,
  };

/** One audit event about a municipality's sign-in connection (OIDC or SAML), by a person. */
export function auditSsoConnection(
  tx: AuditTx,
  e: Pick<AuditInput, "action" | "actorId" | "municipalityId" | "targetId" | "ip" | "data">,
): Promise<void> {
  return recordAudit(tx, { ...e, actorType: "user", targetType: "SsoConnection" });
}

/**
 * Creates or updates the municipality's OIDC connection; audited with before and after (the
 * secret only as "changed"). A new connection needs a secret; `null` result: it needs one.
 */
export async function saveOidcConnection(
  viewer: Viewer,
  actorId: string,
  municipalityId: string,
  input: OidcConnectionWrite,
  ip: string | null = null,
): Promise<{ id: string; created: boolean } | { needsSecret: true }> {
  return db.$transaction(async (tx) => {
    const before = await updatableOidc(tx, viewer, municipalityId);
    const { clientSecret, ...fields } = input;
    const secretCipher = clientSecret ? seal(clientSecret, env().AUTH_SECRET) : undefined;
    let id: string;
    if (before) {
      const r = await tx.ssoConnection.updateMany({
        where: { AND: [accessibleBy(viewer.ability, "update").ofType("SsoConnection"), { id: before.id }] },
        data: { ...fields, ...(secretCipher ? { clientSecretCipher: secretCipher } : {}) },
      });
      if (r.count !== 1) throw new NotFoundError();
      id = before.id;
    } else {
      // No row the viewer may update: one they may not see is "not found"; none at all is created.
      const exists = await tx.ssoConnection.findUnique({
        where: { municipalityId_protocol: { municipalityId, protocol: "OIDC" } },
        select: { id: true },
      });
      if (exists || !viewer.ability.can("create", oidcSubject(municipalityId))) throw new NotFoundError();
      if (!secretCipher) return { needsSecret: true as const };
      id = (
        await tx.ssoConnection.create({
          data: { municipalityId, protocol: "OIDC", ...fields, clientSecretCipher: secretCipher },
          select: { id: true },
        })
      ).id;
    }
    await auditSsoConnection(tx, {
      action: before ? "sso.connection.updated" : "sso.connection.created",
      actorId,
      municipalityId,
      targetId: id,
      ip,
      data: { protocol: "OIDC", before: auditView(before), after: auditView(fields), secretChanged: !!secretCipher },
    });
    return { id, created: !before };
  });
}

/** Replaces the connection's console claim mappings (already validated); audited with before and after. */
export async function saveClaimMappings(
  viewer: Viewer,
  actorId: string,
  municipalityId: string,
  mappings: Record<string, Record<string, string[]>>,
  ip: string | null = null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await updatableOidc(tx, viewer, municipalityId);
    if (!before || !viewer.ability.can("update", subject("SsoConnection", before) as never, "claimMappings"))
      throw new NotFoundError("Save the OIDC connection first: mappings belong to a connection.");
    const r = await tx.ssoConnection.updateMany({
      where: { AND: [accessibleBy(viewer.ability, "update").ofType("SsoConnection"), { id: before.id }] },
      data: { claimMappings: mappings },
    });
    if (r.count !== 1) throw new NotFoundError();
    await auditSsoConnection(tx, {
      action: "sso.mappings.updated",
      actorId,
      municipalityId,
      targetId: before.id,
      ip,
      data: { protocol: "OIDC", before: before.claimMappings ?? {}, after: mappings },
    });
  });
}

/**
 * What the console's own calls to the provider need (Test connection, Try sign-in), for a viewer
 * who may change the connection: the secret is opened here and goes no further than lib/auth.
 */
export async function oidcClientFor(
  viewer: Viewer,
  municipalityId: string,
): Promise<{
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string[];
  mfaAmrValues: string[];
  mfaAcrValues: string[];
  groupsClaim: string;
} | null> {
  const row = await db.ssoConnection.findFirst({
    where: {
      AND: [accessibleBy(viewer.ability, "update").ofType("SsoConnection"), { municipalityId, protocol: "OIDC" }],
    },
    select: { ...columns, clientSecretCipher: true },
  });
  if (!row?.issuer || !row.clientId) return null;
  let clientSecret: string | null = null;
  try {
    clientSecret = row.clientSecretCipher ? open(row.clientSecretCipher, env().AUTH_SECRET) : null;
  } catch {
    clientSecret = null; // sealed under another AUTH_SECRET: as good as none
  }
  return {
    id: row.id,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret,
    scopes: row.scopes,
    mfaAmrValues: row.mfaAmrValues,
    mfaAcrValues: row.mfaAcrValues,
    groupsClaim: row.groupsClaim,
  };
}

/** An audit event about a connection (a test, a try), in its own transaction. */
export async function auditSsoConsole(event: {
  action: string;
  actorId: string;
  municipalityId: string;
  connectionId: string | null;
  data: Prisma.InputJsonValue;
  ip?: string | null;
}): Promise<void> {
  await db.$transaction((tx) =>
    auditSsoConnection(tx, {
      action: event.action,
      actorId: event.actorId,
      municipalityId: event.municipalityId,
      targetId: event.connectionId,
      ip: event.ip ?? null,
      data: event.data,
    }),
  );
}

/** The municipality's email domains (edited in its settings) and its own mapped-claim rule, as the viewer may read them. */
export async function municipalityEmailDomains(
  viewer: Viewer,
  municipalityId: string,
): Promise<{ emailDomains: string[]; requireMappedClaim: boolean }> {
  const m = await db.municipality.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Municipality"), { id: municipalityId }] },
    select: { id: true, emailDomains: true, ssoRequireMappedClaim: true },
  });
  const allowed = m
    ? project(viewer.ability, "read", "Municipality", m, MODEL_FIELDS.Municipality as readonly string[])
    : {};
  return { emailDomains: allowed.emailDomains ?? [], requireMappedClaim: allowed.ssoRequireMappedClaim ?? true };
}
