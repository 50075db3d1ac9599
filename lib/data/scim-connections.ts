// A municipality's SCIM connection as its administrators manage it (the Directory page): set up,
// rotate the token, disable and enable. ScimConnection is governed by the policies (platform
// admins everywhere, a municipality admin in their own municipality; tokenHash is never a
// field), and every write carries the ability's condition in its WHERE. The token is 256 random
// bits, returned once to be shown once, stored only as SHA-256 (lib/scim/connection.ts compares
// it in constant time); the audit trail keeps its hint, never the token.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";

const PREFIX = "scim_";

export type ScimConnectionDTO = {
  tokenHint: string;
  enabled: boolean;
  createdAt: Date;
  rotatedAt: Date | null;
  lastUsedAt: Date | null;
};

function actorOf(viewer: Viewer): string {
  if (viewer.principal.kind !== "user") throw new NotFoundError();
  return viewer.principal.userId;
}

/** Whether the viewer may manage the municipality's directory connection (else the page is not found). */
export function canManageScim(viewer: Viewer, municipalityId: string): boolean {
  return viewer.ability.can("update", subjectOf("ScimConnection", { municipalityId }));
}

export async function scimConnectionOf(viewer: Viewer, municipalityId: string): Promise<ScimConnectionDTO | null> {
  return db.scimConnection.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("ScimConnection"), { municipalityId }] },
    select: { tokenHint: true, enabled: true, createdAt: true, rotatedAt: true, lastUsedAt: true },
  });
}

function freshToken() {
  const token = `${PREFIX}${newSecret(32)}`;
  return { token, tokenHash: sha256(token), tokenHint: `${token.slice(0, 9)}…` };
}

/** Creates the connection with its first token; the token, to be shown once. */
export async function setUpScimConnection(viewer: Viewer, municipalityId: string): Promise<string> {
  const me = actorOf(viewer);
  if (!viewer.ability.can("create", subjectOf("ScimConnection", { municipalityId }))) throw new NotFoundError();
  const { token, tokenHash, tokenHint } = freshToken();
  await db.$transaction(async (tx) => {
    if (await tx.scimConnection.findUnique({ where: { municipalityId }, select: { id: true } }))
      throw new ConflictError("The directory connection is already set up: rotate its token instead.");
    const c = await tx.scimConnection.create({
      data: { municipalityId, tokenHash, tokenHint, createdById: me },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "scim.connection_created",
      actorId: me,
      actorType: "user",
      municipalityId,
      targetType: "ScimConnection",
      targetId: c.id,
      data: { tokenHint },
    });
  });
  return token;
}

/** A new token; the old one stops working at once. The new token, to be shown once. */
export async function rotateScimToken(viewer: Viewer, municipalityId: string): Promise<string> {
  const me = actorOf(viewer);
  const { token, tokenHash, tokenHint } = freshToken();
  await db.$transaction(async (tx) => {
    const c = await tx.scimConnection.findFirst({
      where: { AND: [accessibleBy(viewer.ability, "update").ofType("ScimConnection"), { municipalityId }] },
      select: { id: true, tokenHint: true },
    });
    if (!c) throw new NotFoundError();
    await tx.scimConnection.update({ where: { id: c.id }, data: { tokenHash, tokenHint, rotatedAt: new Date() } });
    await recordAudit(tx, {
      action: "scim.token_rotated",
      actorId: me,
      actorType: "user",
      municipalityId,
      targetType: "ScimConnection",
      targetId: c.id,
      data: { tokenHint, previous: c.tokenHint },
    });
  });
  return token;
}

/** Disables (every SCIM request is refused, 401) or enables the connection. */
export async function setScimEnabled(viewer: Viewer, municipalityId: string, enabled: boolean): Promise<void> {
  const me = actorOf(viewer);
  await db.$transaction(async (tx) => {
    const c = await tx.scimConnection.findFirst({
      where: { AND: [accessibleBy(viewer.ability, "update").ofType("ScimConnection"), { municipalityId }] },
      select: { id: true, enabled: true },
    });
    if (!c) throw new NotFoundError();
    if (c.enabled === enabled) return;
    await tx.scimConnection.update({ where: { id: c.id }, data: { enabled } });
    await recordAudit(tx, {
      action: enabled ? "scim.connection_enabled" : "scim.connection_disabled",
      actorId: me,
      actorType: "user",
      municipalityId,
      targetType: "ScimConnection",
      targetId: c.id,
    });
  });
}
