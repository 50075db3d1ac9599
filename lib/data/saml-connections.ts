// A municipality's SAML connection (SsoConnection with protocol SAML), read and written for the
// admin page, scoped by the viewer's ability like any governed record: platform admins and the
// municipality's own admins manage it (policies/groups/*.yaml); for anyone else it is "not found".
// Every save is audited with what changed (certificates by fingerprint, never as text to diff).
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { canonical } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { assertAccessCurrent } from "./access-version";
import { auditSsoConnection } from "./sso-connections";

export type SamlConnectionDTO = {
  id: string;
  enabled: boolean;
  displayName: string | null;
  samlIdpEntityId: string | null;
  samlIdpSsoUrl: string | null;
  samlIdpCertificates: string[];
  samlMetadataUrl: string | null;
  samlClockSkewSeconds: number;
  samlAttributeMap: unknown;
  mfaAcrValues: string[];
  updatedAt: Date;
};

export type SamlConnectionValues = {
  enabled: boolean;
  displayName: string | null;
  samlIdpEntityId: string;
  samlIdpSsoUrl: string;
  samlIdpCertificates: string[];
  samlMetadataUrl: string | null;
  samlClockSkewSeconds: number;
  samlAttributeMap: Record<string, string[]>;
  mfaAcrValues: string[];
};

const select = {
  id: true,
  enabled: true,
  displayName: true,
  samlIdpEntityId: true,
  samlIdpSsoUrl: true,
  samlIdpCertificates: true,
  samlMetadataUrl: true,
  samlClockSkewSeconds: true,
  samlAttributeMap: true,
  mfaAcrValues: true,
  updatedAt: true,
} as const;

/** Whether the viewer may manage the municipality's SAML connection at all (else the page is not found). */
export function canManageSaml(viewer: Viewer, municipalityId: string): boolean {
  const s = subjectOf("SsoConnection", { municipalityId, protocol: "SAML" });
  return viewer.ability.can("read", s) && viewer.ability.can("update", s) && viewer.ability.can("create", s);
}

/** The connection (null when there is none yet), or NotFoundError outside the viewer's reach. */
export async function samlConnectionOf(viewer: Viewer, municipalityId: string): Promise<SamlConnectionDTO | null> {
  if (!canManageSaml(viewer, municipalityId)) throw new NotFoundError();
  return db.ssoConnection.findFirst({
    where: {
      AND: [accessibleBy(viewer.ability, "read").ofType("SsoConnection"), { municipalityId, protocol: "SAML" }],
    },
    select,
  });
}

const fingerprint = (pem: string) => createHash("sha256").update(pem).digest("hex").slice(0, 16);

/** Creates or updates the connection; the audit event names each changed setting. */
export async function saveSamlConnection(
  viewer: Viewer,
  municipalityId: string,
  values: SamlConnectionValues,
): Promise<{ created: boolean }> {
  if (!canManageSaml(viewer, municipalityId)) throw new NotFoundError();
  const actorId = viewer.principal.kind === "user" ? viewer.principal.userId : null;
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const before = await tx.ssoConnection.findFirst({
      where: {
        AND: [accessibleBy(viewer.ability, "update").ofType("SsoConnection"), { municipalityId, protocol: "SAML" }],
      },
      select,
    });
    const data = { ...values, samlAttributeMap: values.samlAttributeMap };
    if (before) {
      await tx.ssoConnection.update({ where: { id: before.id }, data });
    } else {
      await tx.ssoConnection.create({ data: { ...data, municipalityId, protocol: "SAML" } });
    }
    const changed = (Object.keys(values) as (keyof SamlConnectionValues)[]).filter(
      // canonical(): key order aside (PostgreSQL's jsonb keeps its own order).
      (k) => canonical(before?.[k] ?? null) !== canonical(values[k]),
    );
    await auditSsoConnection(tx, {
      action: before ? "sso.saml.updated" : "sso.saml.created",
      actorId,
      municipalityId,
      targetId: before?.id ?? null,
      data: {
        changed,
        enabled: values.enabled,
        idpEntityId: values.samlIdpEntityId,
        ssoUrl: values.samlIdpSsoUrl,
        certificates: values.samlIdpCertificates.map(fingerprint),
        clockSkewSeconds: values.samlClockSkewSeconds,
      },
    });
    return { created: !before };
  });
}
