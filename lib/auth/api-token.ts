// API tokens for service accounts and scripts (seed 002). Shown once, stored as SHA-256, scoped
// to one municipality and to groups the creator holds there, expiring, revocable. A token acts
// with the intersection of its groups and its holder's current groups, so removing a group from
// the holder, suspending the membership or deactivating the account stops the token at once.
import "server-only";
import { subject } from "@casl/ability";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/data/viewer";
import { ANONYMOUS, type Principal } from "./principal";
import { loadUserPrincipal } from "./load-principal";
import { newSecret, sha256 } from "./tokens";

const TOKEN_PREFIX = "gh_";
const USE_RECORD_EVERY_MS = 5 * 60_000;

export const createTokenInput = z.object({
  name: z.string().trim().min(3, "Name the token (3 characters or more).").max(80),
  municipalityId: z.string().min(1).max(64),
  groups: z.array(z.string().regex(/^[a-z_]+$/)).min(1, "Choose at least one group."),
  expiresInDays: z.coerce.number().int().min(1).max(365).default(90),
}).strict();

export type NewToken = { id: string; token: string; prefix: string; expiresAt: Date };

export async function createApiToken(viewer: Viewer, input: z.input<typeof createTokenInput>): Promise<NewToken> {
  if (viewer.principal.kind !== "user" || viewer.principal.via !== "session") throw new ForbiddenError("Sign in to create tokens.");
  const parsed = createTokenInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Some values are not valid.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const { name, municipalityId, groups, expiresInDays } = parsed.data;
  const me = viewer.principal;
  const held = me.memberships.find((m) => m.municipalityId === municipalityId)?.groups ?? [];
  const extra = groups.filter((g) => !held.includes(g));
  if (extra.length) throw new ForbiddenError(`A token cannot have groups you do not hold there: ${extra.join(", ")}.`);
  const secret = `${TOKEN_PREFIX}${newSecret(32)}`;
  const prefix = secret.slice(0, 10);
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  const row = await db.$transaction(async (tx) => {
    const t = await tx.apiToken.create({ data: { name, tokenHash: sha256(secret), prefix, userId: me.userId, municipalityId, groups, createdById: me.userId, expiresAt }, select: { id: true } });
    await recordAudit(tx, { action: "token.create", actorId: me.userId, actorType: "user", municipalityId, targetType: "ApiToken", targetId: t.id, subjectUserId: me.userId, data: { name, groups, expiresAt: expiresAt.toISOString() } });
    return t;
  });
  return { id: row.id, token: secret, prefix, expiresAt };
}

export type TokenDTO = { id: string; name: string; prefix: string; groups: string[]; municipalityId: string | null; expiresAt: Date; lastUsedAt: Date | null; createdAt: Date; revokedAt: Date | null };

export async function listOwnTokens(userId: string): Promise<TokenDTO[]> {
  return db.apiToken.findMany({ where: { userId }, select: { id: true, name: true, prefix: true, groups: true, municipalityId: true, expiresAt: true, lastUsedAt: true, createdAt: true, revokedAt: true }, orderBy: { createdAt: "desc" } });
}

/** The holder revokes their own token; an admin may revoke any token of their municipality. */
export async function revokeApiToken(viewer: Viewer, tokenId: string): Promise<void> {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  const me = viewer.principal;
  const t = await db.apiToken.findUnique({ where: { id: tokenId.slice(0, 64) }, select: { id: true, userId: true, municipalityId: true, revokedAt: true } });
  if (!t) throw new NotFoundError();
  const own = t.userId === me.userId;
  if (!own && !viewer.ability.can("delete", subject("ApiToken", { ...t }) as never)) throw new NotFoundError();
  if (t.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date(), revokedById: me.userId } });
    await recordAudit(tx, { action: "token.revoke", actorId: me.userId, actorType: "user", municipalityId: t.municipalityId, targetType: "ApiToken", targetId: t.id, subjectUserId: t.userId });
  });
}

/** `Authorization: Bearer gh_…` → principal, or anonymous if the token is unknown, revoked or expired. */
export async function principalFromBearer(header: string | null, ip: string | null): Promise<{ principal: Principal; presented: boolean }> {
  if (!header?.startsWith("Bearer ")) return { principal: ANONYMOUS, presented: false };
  const secret = header.slice(7).trim();
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return { principal: ANONYMOUS, presented: true };
  const t = await db.apiToken.findUnique({ where: { tokenHash: sha256(secret) }, select: { id: true, userId: true, municipalityId: true, groups: true, expiresAt: true, revokedAt: true, lastUsedAt: true } });
  if (!t || t.revokedAt || t.expiresAt < new Date()) return { principal: ANONYMOUS, presented: true };
  const principal = await loadUserPrincipal(t.userId, "token", { id: t.id, municipalityId: t.municipalityId, groups: t.groups });
  // Recording every call would double the write load of the API; once per token per five minutes
  // still shows when and from where a token is used.
  if (principal.kind === "user" && (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > USE_RECORD_EVERY_MS)) {
    await db.$transaction(async (tx) => {
      await tx.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } });
      await recordAudit(tx, { action: "token.use", actorId: t.userId, actorType: "token", municipalityId: t.municipalityId, targetType: "ApiToken", targetId: t.id, subjectUserId: t.userId, ip });
    });
  }
  return { principal, presented: true };
}
