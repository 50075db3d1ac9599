// API tokens for service accounts and scripts (docs/requirements.md#municipal-platform). Shown once, stored as SHA-256, scoped
// to one municipality and to groups the creator holds there, expiring, revocable. A token acts
// with the intersection of its groups and its holder's current groups, so removing a group from
// the holder, suspending the membership or deactivating the account stops the token at once.
import "server-only";
import { deprecatedGroupsProblem } from "@/lib/policy/grantable";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { firstInWindow } from "@/lib/rate-limit";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { subjectOf } from "@/lib/policy/casl";
import { ANONYMOUS, type Principal } from "@/lib/identity/principal";
import { ACCESS_COLUMNS, principalFromAccess, type AccessRow } from "./load-principal";
import { newSecret, sha256 } from "@/lib/crypto/tokens";

const TOKEN_PREFIX = "gh_";
const USE_RECORD_EVERY_S = 5 * 60;

export const createTokenInput = z
  .object({
    name: z.string().trim().min(3, "Name the token (3 characters or more).").max(80),
    municipalityId: z.string().min(1).max(64),
    groups: z.array(z.string().regex(/^[a-z_]+$/)).min(1, "Choose at least one group."),
    expiresInDays: z.coerce.number().int().min(1).max(365).default(90),
    /** A service account to create the token for; absent: the creator's own token. */
    forUserId: z.string().min(1).max(64).optional(),
  })
  .strict();

export type NewToken = { id: string; token: string; prefix: string; expiresAt: Date };

/**
 * Creates a token, returning the secret once. A person creates tokens for themselves; an admin
 * who may manage tokens in the municipality creates them for a service account there. Either
 * way the token's groups are no larger than the creator's own groups in that municipality (a
 * platform admin, who holds none there, is bounded by the service account's groups).
 */
export async function createApiToken(viewer: Viewer, input: z.input<typeof createTokenInput>): Promise<NewToken> {
  // Only a person at a browser creates tokens: a token cannot mint further tokens.
  if (viewer.principal.kind !== "user" || viewer.principal.via !== "session")
    throw new ForbiddenError("Sign in to create tokens.");
  const parsed = createTokenInput.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      "Some values are not valid.",
      z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    );
  const { name, municipalityId, groups, expiresInDays } = parsed.data;
  const me = viewer.principal;
  const holderId = parsed.data.forUserId ?? me.userId;
  const mine = me.memberships.find((m) => m.municipalityId === municipalityId)?.groups ?? [];
  let allowed = mine;
  if (holderId !== me.userId) {
    const holder = await db.user.findUnique({
      where: { id: holderId },
      select: {
        isServiceAccount: true,
        isActive: true,
        memberships: { where: { municipalityId, status: "ACTIVE" }, select: { groups: true } },
      },
    });
    // Same answer for "no such account" and "not yours to manage".
    if (!holder || !viewer.ability.can("create", subjectOf("ApiToken", { municipalityId, userId: holderId })))
      throw new NotFoundError();
    if (!holder.isServiceAccount)
      throw new ForbiddenError("Tokens for other people are not allowed: they create their own.");
    if (!holder.isActive || holder.memberships.length === 0)
      throw new ValidationError("The service account has no active membership in this municipality.");
    const theirs = holder.memberships[0]!.groups;
    allowed = (me.platformGroups.length > 0 && mine.length === 0 ? theirs : mine).filter((g) => theirs.includes(g));
  }
  const extra = groups.filter((g) => !allowed.includes(g));
  if (extra.length) throw new ForbiddenError(`A token cannot have groups you do not hold there: ${extra.join(", ")}.`);
  // A new token is a new grant: it never carries a deprecated group, even one its holder still has.
  const deprecated = deprecatedGroupsProblem(groups, []);
  if (deprecated) throw new ValidationError(deprecated, { groups: [deprecated] });
  const secret = `${TOKEN_PREFIX}${newSecret(32)}`;
  const prefix = secret.slice(0, 10);
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  const row = await db.$transaction(async (tx) => {
    const t = await tx.apiToken.create({
      data: {
        name,
        tokenHash: sha256(secret),
        prefix,
        userId: holderId,
        municipalityId,
        groups,
        createdById: me.userId,
        expiresAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "token.create",
      actorId: me.userId,
      actorType: "user",
      municipalityId,
      targetType: "ApiToken",
      targetId: t.id,
      subjectUserId: holderId,
      data: { name, groups, expiresAt: expiresAt.toISOString(), prefix },
    });
    return t;
  });
  return { id: row.id, token: secret, prefix, expiresAt };
}

export type TokenDTO = {
  id: string;
  name: string;
  prefix: string;
  groups: string[];
  municipalityId: string | null;
  expiresAt: Date;
  lastUsedAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
};

export async function listOwnTokens(userId: string): Promise<TokenDTO[]> {
  return db.apiToken.findMany({
    where: { userId },
    select: {
      id: true,
      name: true,
      prefix: true,
      groups: true,
      municipalityId: true,
      expiresAt: true,
      lastUsedAt: true,
      createdAt: true,
      revokedAt: true,
    },
    orderBy: { createdAt: "desc" },
  });
}

/** The holder revokes their own token; an admin may revoke any token of their municipality. */
export async function revokeApiToken(viewer: Viewer, tokenId: string): Promise<void> {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  const me = viewer.principal;
  const t = await db.apiToken.findUnique({
    where: { id: tokenId.slice(0, 64) },
    select: { id: true, userId: true, municipalityId: true, revokedAt: true },
  });
  if (!t) throw new NotFoundError();
  const own = t.userId === me.userId;
  if (!own && !viewer.ability.can("delete", subjectOf("ApiToken", { ...t }))) throw new NotFoundError();
  if (t.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date(), revokedById: me.userId } });
    await recordAudit(tx, {
      action: "token.revoke",
      actorId: me.userId,
      actorType: "user",
      municipalityId: t.municipalityId,
      targetType: "ApiToken",
      targetId: t.id,
      subjectUserId: t.userId,
    });
  });
}

type TokenAccessRow = AccessRow & {
  tokenId: string;
  tokenMunicipalityId: string | null;
  tokenGroups: string[];
  expiresAt: Date;
  revokedAt: Date | null;
};

/**
 * `Authorization: Bearer gh_…` → principal, or anonymous if the token is unknown, revoked or expired.
 * One round trip on the usual request: the token, its holder, the holder's active memberships and
 * the module switches come from one statement, read fresh every time, so a revoked token or a
 * deactivated holder stops at the very next request. The use is recorded (bucket, lastUsedAt,
 * audit) once per token and address per five minutes, and this process skips even the bucket
 * write while it knows the window is still running (lib/rate-limit firstInWindow).
 */
export async function principalFromBearer(
  header: string | null,
  ip: string | null,
): Promise<{ principal: Principal; presented: boolean }> {
  // The auth scheme is case-insensitive (RFC 9110); anything else is not a bearer presentation.
  const m = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) return { principal: ANONYMOUS, presented: !!header && /^bearer/i.test(header) };
  const secret = m[1]!;
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return { principal: ANONYMOUS, presented: true };
  const rows = await db.$queryRaw<TokenAccessRow[]>`
    select t.id as "tokenId", t."municipalityId" as "tokenMunicipalityId", t.groups as "tokenGroups", t."expiresAt", t."revokedAt", ${ACCESS_COLUMNS}
    from "ApiToken" t join "User" u on u.id = t."userId"
    where t."tokenHash" = ${sha256(secret)}`;
  const t = rows[0];
  if (!t) return { principal: ANONYMOUS, presented: true };
  const why = t.revokedAt ? "revoked" : new Date(t.expiresAt) < new Date() ? "expired" : null;
  const principal = why
    ? ANONYMOUS
    : principalFromAccess(t, "token", { id: t.tokenId, municipalityId: t.tokenMunicipalityId, groups: t.tokenGroups });
  if (principal.kind === "anonymous") {
    // A revoked or expired token still in use is worth seeing (a forgotten script, or a leak);
    // once per token per address per five minutes, so a loop cannot flood the audit trail.
    if (await firstInWindow(`token-rejected:${t.tokenId}:${ip ?? "-"}`, USE_RECORD_EVERY_S)) {
      await db.$transaction((tx) =>
        recordAudit(tx, {
          action: "token.rejected",
          actorType: "anonymous",
          municipalityId: t.tokenMunicipalityId,
          targetType: "ApiToken",
          targetId: t.tokenId,
          subjectUserId: t.userId,
          ip,
          data: { why: why ?? "holder has no access" },
        }),
      );
    }
    return { principal: ANONYMOUS, presented: true };
  }
  // One audit event per token per calling address per five minutes (and on the first call from
  // any new address): every use is accounted for by when and from where, without turning each
  // API call into a serialized audit append.
  if (await firstInWindow(`token-use:${t.tokenId}:${ip ?? "-"}`, USE_RECORD_EVERY_S)) {
    await db.$transaction(async (tx) => {
      await tx.apiToken.update({ where: { id: t.tokenId }, data: { lastUsedAt: new Date() } });
      await recordAudit(tx, {
        action: "token.use",
        actorId: t.userId,
        actorType: "token",
        municipalityId: t.tokenMunicipalityId,
        targetType: "ApiToken",
        targetId: t.tokenId,
        subjectUserId: t.userId,
        ip,
      });
    });
  }
  return { principal, presented: true };
}
