// oidc-provider's storage adapter on PostgreSQL (the OidcPayload table), so sessions, grants,
// codes and tokens are shared by every app server and survive restarts. accountId and clientId
// are copied out of each payload: access removal ends one person's tokens at one service with a
// single indexed delete (endOidcAccess), and a session's entry for that service is dropped.
// Clients are not stored here: they are the Service rows (lib/services/oidc-provider.ts passes
// findClient).
import "server-only";
import type { Adapter, AdapterPayload } from "oidc-provider";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { DataTx } from "@/lib/data/tx";

type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>;

const GRANTABLE = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "ClientCredentials",
  "BackchannelAuthenticationRequest",
]);

/**
 * Ids, uids and user codes arrive from the request (a token, a cookie): one PostgreSQL cannot
 * compare (a NUL byte) or no key of ours is this long is simply not found, never a database error.
 */
function usable(id: string | undefined): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= 512 && !id.includes("\u0000");
}

function expiry(expiresIn: number | undefined): Date | null {
  return expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
}

function live(row: { payload: Prisma.JsonValue; expiresAt: Date | null; consumedAt: Date | null } | null) {
  if (!row) return undefined;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
  const payload = row.payload as unknown as AdapterPayload;
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
}

export class PrismaOidcAdapter implements Adapter {
  constructor(
    private readonly type: string,
    private readonly findClient?: ClientLookup,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const data = {
      payload: payload as unknown as Prisma.InputJsonValue,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      accountId: payload.accountId ?? null,
      clientId: payload.clientId ?? null,
      expiresAt: expiry(expiresIn),
    };
    await db.oidcPayload.upsert({
      where: { type_id: { type: this.type, id } },
      create: { id, type: this.type, ...data },
      update: data,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (!usable(id)) return undefined;
    if (this.type === "Client") return this.findClient?.(id);
    return live(await db.oidcPayload.findUnique({ where: { type_id: { type: this.type, id } } }));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    if (!usable(userCode)) return undefined;
    return live(await db.oidcPayload.findFirst({ where: { type: this.type, userCode } }));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    if (!usable(uid)) return undefined;
    return live(await db.oidcPayload.findFirst({ where: { type: this.type, uid } }));
  }

  async consume(id: string): Promise<void> {
    if (!usable(id)) return;
    await db.oidcPayload.updateMany({ where: { type: this.type, id }, data: { consumedAt: new Date() } });
  }

  async destroy(id: string): Promise<void> {
    if (!usable(id)) return;
    await db.oidcPayload.deleteMany({ where: { type: this.type, id } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await db.oidcPayload.deleteMany({ where: { grantId } });
  }
}

export function oidcAdapterFactory(findClient: ClientLookup) {
  return (type: string) => new PrismaOidcAdapter(type, findClient);
}

type SessionPayload = AdapterPayload & { authorizations?: Record<string, { sid?: string; grantId?: string }> };

/**
 * Ends a person's access at one service in the provider (or at every service when clientId is
 * omitted): their grants, codes, access and refresh tokens go, and their browser sessions forget
 * that service (a session with no service left is removed). Returns the session ids (`sid`) the
 * service knew, for the back-channel logout token. Idempotent. Inside the caller's transaction
 * when one is given (the change that ends access), else in its own.
 */
export async function endOidcAccess(userId: string, clientId?: string, within?: DataTx): Promise<{ sids: string[] }> {
  const sids: string[] = [];
  const run = async (tx: DataTx) => {
    await tx.oidcPayload.deleteMany({
      where: {
        accountId: userId,
        type: { in: [...GRANTABLE, "Grant"] },
        ...(clientId ? { clientId } : {}),
      },
    });
    const sessions = await tx.oidcPayload.findMany({ where: { type: "Session", accountId: userId } });
    for (const s of sessions) {
      const payload = s.payload as unknown as SessionPayload;
      const auths = { ...(payload.authorizations ?? {}) };
      for (const [cid, a] of Object.entries(auths)) {
        if (clientId && cid !== clientId) continue;
        if (a.sid) sids.push(a.sid);
        delete auths[cid];
      }
      if (Object.keys(auths).length === 0 || !clientId) {
        await tx.oidcPayload.delete({ where: { type_id: { type: s.type, id: s.id } } });
      } else {
        await tx.oidcPayload.update({
          where: { type_id: { type: s.type, id: s.id } },
          data: { payload: { ...payload, authorizations: auths } as unknown as Prisma.InputJsonValue },
        });
      }
    }
  };
  if (within) await run(within);
  else await db.$transaction(run);
  return { sids };
}
