// The retention job (./retention.ts): expired rate-limit buckets, challenges, link intents, OpenID
// Provider artifacts, old sessions, spent account links and unconfirmed sign-ups go; the fresh ones
// of each stay; audit events are never touched. A database of its own: the job deletes old rows of
// whole tables, which other test files of the run create on purpose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaFor } from "@/test/fixtures/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { verifyAuditChain, type AuditReader } from "@/lib/audit/verify";
import { createTestDatabase, openDatabaseServer, type DatabaseServer } from "../../scripts/lib/database.ts";
import { migrate } from "../../scripts/lib/migrate.ts";
import { NEVER_PRUNED, pruneExpired, RETENTION_JOB, RETENTION_RULES } from "./retention";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let server: DatabaseServer;
let drop: () => Promise<void>;
let p: PrismaClient;

beforeAll(async () => {
  server = await openDatabaseServer();
  const d = await createTestDatabase(server, "retention");
  drop = d.drop;
  await migrate(d.url);
  p = prismaFor(d.url);
});
afterAll(async () => {
  await p.$disconnect();
  await drop();
  await server.stop();
});

/** One row of each kind, `ago` ms in the past as its expiry (or window start). */
async function rowsOf(tag: string, userId: string, ago: number, now: Date) {
  const at = new Date(now.getTime() - ago);
  await p.rateLimitBucket.create({ data: { key: `rl:${tag}`, windowStart: at, count: 3 } });
  await p.authChallenge.create({ data: { challengeHash: `ch:${tag}`, purpose: "signin", expiresAt: at } });
  await p.verificationToken.create({ data: { identifier: `link:${tag}`, token: `vt:${tag}`, expires: at } });
  await p.oidcPayload.create({ data: { type: "AuthorizationCode", id: `op:${tag}`, payload: {}, expiresAt: at } });
  await p.session.create({ data: { sessionToken: `s:${tag}`, userId, expires: at } });
  await p.accountToken.create({ data: { userId, purpose: "password_reset", tokenHash: `at:${tag}`, expiresAt: at } });
  await p.citizenSignup.create({ data: { email: `${tag}@example.test`, tokenHash: `cs:${tag}`, expiresAt: at } });
}

async function counts(): Promise<Record<string, number>> {
  return {
    RateLimitBucket: await p.rateLimitBucket.count(),
    AuthChallenge: await p.authChallenge.count(),
    VerificationToken: await p.verificationToken.count(),
    OidcPayload: await p.oidcPayload.count(),
    Session: await p.session.count(),
    AccountToken: await p.accountToken.count(),
    CitizenSignup: await p.citizenSignup.count(),
  };
}

describe("retention job", () => {
  it("is registered as an hourly scheduled job and never names the audit trail", () => {
    expect(RETENTION_JOB).toMatchObject({ name: "retention-prune", cron: "37 * * * *" });
    const tables = RETENTION_RULES.map((r) => r.table);
    for (const t of NEVER_PRUNED) expect(tables).not.toContain(t);
    expect(tables).toEqual(
      expect.arrayContaining(["RateLimitBucket", "AuthChallenge", "Session", "VerificationToken"]),
    );
  });

  it("deletes what has expired past its rule, keeps what has not, and leaves every audit event", async () => {
    const now = new Date();
    const user = await p.user.create({ data: { email: "retention-person@example.test", name: "Retention Person" } });
    for (let i = 0; i < 4; i++)
      await p.$transaction((tx) => recordAudit(tx, { action: "retention.test", actorType: "system", data: { i } }));
    // Expired long ago (400 days: past every rule), and fresh ones (10 minutes from now).
    await rowsOf("old", user.id, 400 * DAY, now);
    await rowsOf("fresh", user.id, -10 * 60_000, now);
    // Inside each rule's margin: a bucket 2 hours old (window up to a day), a session ended 5 days ago.
    await p.rateLimitBucket.create({ data: { key: "rl:recent", windowStart: new Date(now.getTime() - 2 * HOUR) } });
    await p.session.create({
      data: { sessionToken: "s:recent", userId: user.id, expires: new Date(now.getTime() - 5 * DAY) },
    });
    const eventsBefore = await p.auditEvent.findMany({ orderBy: { seq: "asc" } });

    const deleted = await pruneExpired({ client: p, now });
    expect(deleted).toEqual({
      RateLimitBucket: 1,
      AuthChallenge: 1,
      VerificationToken: 1,
      OidcPayload: 1,
      Session: 1,
      AccountToken: 1,
      CitizenSignup: 1,
    });
    expect(await counts()).toEqual({
      RateLimitBucket: 2,
      AuthChallenge: 1,
      VerificationToken: 1,
      OidcPayload: 1,
      Session: 2,
      AccountToken: 1,
      CitizenSignup: 1,
    });
    expect(await p.rateLimitBucket.findMany({ select: { key: true }, orderBy: { key: "asc" } })).toEqual([
      { key: "rl:fresh" },
      { key: "rl:recent" },
    ]);
    expect(await p.auditEvent.findMany({ orderBy: { seq: "asc" } })).toEqual(eventsBefore);
    expect(await verifyAuditChain({ client: p as unknown as AuditReader, key: process.env.AUDIT_KEY! })).toMatchObject({
      ok: true,
      events: 4,
    });

    // A second run (another server's, or the next hour's) finds nothing more.
    expect(Object.values(await pruneExpired({ client: p, now })).every((n) => n === 0)).toBe(true);
  });

  it("deletes in batches until nothing expired is left", async () => {
    const old = new Date(Date.now() - 3 * DAY);
    await p.rateLimitBucket.createMany({
      data: Array.from({ length: 5200 }, (_, i) => ({ key: `rl:bulk:${i}`, windowStart: old })),
    });
    const deleted = await pruneExpired({ client: p });
    expect(deleted.RateLimitBucket).toBe(5200);
    expect(await p.rateLimitBucket.count({ where: { key: { startsWith: "rl:bulk:" } } })).toBe(0);
  });
});
