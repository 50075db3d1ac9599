// The audit trail against the attacks it is for: someone who can write the database but does not
// hold AUDIT_KEY. These tests edit, recompute and delete events, so they run on a database of
// their own (created and migrated here), not the run's shared one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prismaFor } from "@/test/fixtures/db";
import { createHash } from "node:crypto";
import pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, openDatabaseServer, type DatabaseServer } from "../../scripts/lib/database.ts";
import { listMigrations, migrate } from "../../scripts/lib/migrate.ts";
import { KEYED_CHAIN_MIGRATION, sealAfterUpgrade } from "../../scripts/lib/audit-upgrade.ts";
import { GENESIS_HASH, headMac, recordAudit, unkeyedEventHash } from "./record";
import { sealAuditTrail } from "./seal";
import { verifyAuditChain, type AuditReader, type Checkpoint } from "./verify";
import { requestContext } from "@/lib/ops/log-core.mjs";

const KEY = process.env.AUDIT_KEY!;
let server: DatabaseServer;
const drops: (() => Promise<void>)[] = [];
const clients: PrismaClient[] = [];

async function freshTrailDb(opts: { upTo?: string } = {}) {
  const d = await createTestDatabase(server, "audit");
  drops.push(d.drop);
  await migrate(d.url, () => {}, opts);
  const p = prismaFor(d.url);
  clients.push(p);
  return { url: d.url, p };
}

let p: PrismaClient;
beforeAll(async () => {
  server = await openDatabaseServer();
  p = (await freshTrailDb()).p;
});
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
  for (const drop of drops) await drop();
  await server.stop();
});
beforeEach(async () => {
  await p.$executeRawUnsafe(`truncate "AuditEvent", "AuditHead" restart identity`);
});

const verify = (client: PrismaClient, opts: { key?: string; checkpoint?: Checkpoint } = {}) =>
  verifyAuditChain({ client: client as unknown as AuditReader, key: opts.key ?? KEY, checkpoint: opts.checkpoint });
const append = async (client: PrismaClient, n: number, label = "test.event") => {
  for (let i = 0; i < n; i++)
    await client.$transaction((tx) =>
      recordAudit(tx, { action: label, actorType: "system", data: { i, nested: { b: 1, a: [1, 2] } } }),
    );
};
const events = (client: PrismaClient) => client.auditEvent.findMany({ orderBy: { seq: "asc" } });

/** What the old code computed, and what an attacker without the key can compute: plain SHA-256. */
const sha256Hash = unkeyedEventHash;

/** The attack: change one event's data and recompute every hash from there on, without the key. */
async function rewriteAndRecompute(
  client: PrismaClient,
  fromSeq: bigint,
  opts: { data?: unknown; markUnkeyed: boolean; throughSeq?: bigint },
) {
  const rows = await events(client);
  let prev = rows.find((r) => r.seq === fromSeq)!.prevHash;
  for (const e of rows.filter((r) => r.seq >= fromSeq && (opts.throughSeq === undefined || r.seq <= opts.throughSeq))) {
    const data = e.seq === fromSeq && opts.data !== undefined ? opts.data : e.data;
    const hash = sha256Hash(prev, { ...e, data });
    await client.$executeRaw`update "AuditEvent" set data = ${JSON.stringify(data)}::jsonb, "prevHash" = ${prev}, hash = ${hash}, "hashVersion" = ${opts.markUnkeyed ? 1 : e.hashVersion} where seq = ${e.seq}`;
    prev = hash;
  }
  return prev;
}

describe("the keyed audit trail", () => {
  it("chains concurrent appends into one sequence whose signed head names its end; an untouched trail passes", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        p.$transaction((tx) => recordAudit(tx, { action: "test.event", actorType: "system", data: { i } }), {
          maxWait: 30_000,
        }),
      ),
    );
    const rows = await events(p);
    expect(rows.every((r) => r.hashVersion === 2)).toBe(true);
    expect(await verify(p)).toEqual({
      ok: true,
      events: 20,
      legacyEvents: 0,
      head: { seq: rows.at(-1)!.seq.toString(), hash: rows.at(-1)!.hash },
    });
    // An empty trail (a new database) passes too.
    await p.$executeRawUnsafe(`truncate "AuditEvent", "AuditHead"`);
    expect(await verify(p)).toMatchObject({ ok: true, events: 0 });
  });

  it("names an edited event, and passes again once it is put back", async () => {
    await append(p, 6);
    const victim = (await events(p))[3]!;
    await p.$executeRaw`update "AuditEvent" set data = '{"i": 999}' where seq = ${victim.seq}`;
    expect(await verify(p)).toMatchObject({ ok: false, brokenAtSeq: victim.seq.toString() });
    await p.$executeRaw`update "AuditEvent" set data = ${JSON.stringify(victim.data)}::jsonb where seq = ${victim.seq}`;
    expect(await verify(p)).toMatchObject({ ok: true });
    await p.$executeRaw`delete from "AuditEvent" where seq = ${victim.seq}`;
    expect(await verify(p)).toMatchObject({ ok: false, brokenAtSeq: (await events(p))[3]!.seq.toString() });
  });

  it("fails when an event is rewritten and the chain recomputed with plain SHA-256", async () => {
    await append(p, 8);
    const victim = (await events(p))[4]!;
    await rewriteAndRecompute(p, victim.seq, { data: { forged: true }, markUnkeyed: false });
    expect(await verify(p)).toMatchObject({
      ok: false,
      brokenAtSeq: victim.seq.toString(),
      problem: expect.stringMatching(/HMAC does not match/),
    });
  });

  it("fails when the rewritten events are passed off as written before the key (hashVersion 1)", async () => {
    await append(p, 8);
    const rows = await events(p);
    // From the middle: an unkeyed event after keyed ones.
    await rewriteAndRecompute(p, rows[4]!.seq, { data: { forged: true }, markUnkeyed: true });
    expect(await verify(p)).toMatchObject({
      ok: false,
      brokenAtSeq: rows[4]!.seq.toString(),
      problem: expect.stringMatching(/without the key, after keyed events/),
    });
    // The whole trail, from the first event: the chain is consistent, but not with the signed head…
    await rewriteAndRecompute(p, rows[0]!.seq, { data: { forged: true }, markUnkeyed: true });
    expect(await verify(p)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not the one the signed head names/),
    });
    // …and without the head it looks like a trail from before the upgrade, which is never enough.
    await p.auditHead.deleteMany();
    expect(await verify(p)).toMatchObject({ ok: false, problem: expect.stringMatching(/no signed head/) });
  });

  it("fails when the last N events are removed, whatever the head is made to say without the key", async () => {
    await append(p, 10);
    const rows = await events(p);
    await p.auditEvent.deleteMany({ where: { seq: { gte: rows.at(-1)!.seq } } });
    expect(await verify(p)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        `trail ends at event #${rows.at(-2)!.seq}, but the signed head names event #${rows.at(-1)!.seq}`,
      ),
    });
    await p.auditEvent.deleteMany({ where: { seq: { gte: rows.at(-4)!.seq } } });
    expect(await verify(p)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/events at the end were removed/),
    });
    // Pointing the head at the new end: its MAC cannot be made without the key.
    const end = rows.at(-5)!;
    const forgedMac = createHash("sha256").update(`gatehouse-audit-head\n${end.seq}\n${end.hash}\n-`).digest("hex");
    await p.auditHead.update({ where: { id: 1 }, data: { seq: end.seq, hash: end.hash, mac: forgedMac } });
    expect(await verify(p)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/signed head of the trail was altered/),
    });
    // Nor does removing the head help.
    await p.auditHead.deleteMany();
    expect(await verify(p)).toMatchObject({ ok: false, problem: expect.stringMatching(/no signed head/) });
    // Every event removed, head left: the head names an event that is gone.
    await append(p, 2);
    await p.auditEvent.deleteMany();
    expect(await verify(p)).toMatchObject({ ok: false, problem: expect.stringMatching(/every event was removed/) });
  });

  it("does not let the next append launder a removed tail; only an explicit seal accepts it, on the record", async () => {
    await append(p, 6);
    const rows = await events(p);
    await p.auditEvent.deleteMany({ where: { seq: { gte: rows.at(-3)!.seq } } });
    await append(p, 2, "test.after");
    const after = await events(p);
    const firstAfter = after.find((e) => e.action === "test.after")!;
    expect(await verify(p)).toMatchObject({
      ok: false,
      brokenAtSeq: firstAfter.seq.toString(),
      problem: expect.stringMatching(/did not match the end of the trail/),
    });
    expect(await sealAuditTrail(p, { key: KEY, reason: "investigated: test" })).toMatchObject({
      ok: true,
      events: after.length,
    });
    expect(await verify(p)).toMatchObject({ ok: true, events: after.length + 1 });
    const seal = (await events(p)).at(-1)!;
    expect(seal).toMatchObject({
      action: "audit.seal",
      data: {
        reason: "investigated: test",
        vouchedThroughSeq: after.at(-1)!.seq.toString(),
        before: `a head naming event #${after.at(-1)!.seq}, marked broken at event #${firstAfter.seq}`,
      },
    });
    // A seal never vouches for an edited chain.
    await p.$executeRaw`update "AuditEvent" set data = '{"forged": true}' where seq = ${after[1]!.seq}`;
    expect(await sealAuditTrail(p, { key: KEY, reason: "trying" })).toMatchObject({
      ok: false,
      brokenAtSeq: after[1]!.seq.toString(),
    });
  });

  it("keeps the request id beside the event, outside the hash: older events without one still verify", async () => {
    await append(p, 2, "test.before-request-ids");
    await requestContext().run({ requestId: "req-from-the-server-0001" }, () => append(p, 1, "test.in-a-request"));
    await p.$transaction((tx) =>
      recordAudit(tx, { action: "test.given", actorType: "system", requestId: "req-given-by-the-caller-01" }),
    );
    const rows = await events(p);
    expect(rows.map((r) => r.requestId)).toEqual([
      null,
      null,
      "req-from-the-server-0001",
      "req-given-by-the-caller-01",
    ]);
    expect(await verify(p)).toMatchObject({ ok: true, events: 4 });
    // Not an input of the hash: a correlation key for the logs, not evidence.
    await p.$executeRaw`update "AuditEvent" set "requestId" = 'something-else-0001' where seq = ${rows[0]!.seq}`;
    expect(await verify(p)).toMatchObject({ ok: true, events: 4 });
  });

  it("fails with the wrong key, for the events and for the head", async () => {
    await append(p, 4);
    const wrong = "another-audit-key-another-audit-key-0000";
    expect(await verify(p, { key: wrong })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/AUDIT_KEY is not the key/),
    });
    // Even with a head the wrong key "signed", the events' HMACs do not match.
    const last = (await events(p)).at(-1)!;
    await p.auditHead.update({
      where: { id: 1 },
      data: { mac: headMac(wrong, { seq: last.seq, hash: last.hash, brokenAt: null }) },
    });
    expect(await verify(p, { key: wrong })).toMatchObject({
      ok: false,
      brokenAtSeq: (await events(p))[0]!.seq.toString(),
      problem: expect.stringMatching(/HMAC does not match/),
    });
    expect(await verify(p)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/signed head of the trail was altered/),
    });
  });

  it("with a checkpoint from an earlier verification, catches a rollback to an earlier, genuinely signed head", async () => {
    await append(p, 5);
    const early = await verify(p);
    const oldHead = await p.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    await append(p, 3);
    const later = await verify(p);
    if (!early.ok || !later.ok) throw new Error("setup: trail should verify");
    // Roll back: the last three events go, and the head row as it was then comes back.
    await p.auditEvent.deleteMany({ where: { seq: { gt: oldHead.seq } } });
    await p.auditHead.update({
      where: { id: 1 },
      data: { seq: oldHead.seq, hash: oldHead.hash, brokenAt: oldHead.brokenAt, mac: oldHead.mac },
    });
    // The head alone cannot tell (that is what the checkpoint is for)…
    expect(await verify(p)).toMatchObject({ ok: true, events: 5 });
    expect(await verify(p, { checkpoint: early.head! })).toMatchObject({ ok: true });
    // …the checkpoint of the later verification can.
    expect(await verify(p, { checkpoint: later.head! })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        `trail ends before the event the last verification ended at \\(#${later.head!.seq}\\)`,
      ),
    });
    // A checkpointed event rewritten is caught too.
    await append(p, 1);
    const cp = (await verify(p)) as { head: Checkpoint };
    await p.$executeRaw`update "AuditEvent" set hash = ${"f".repeat(64)} where seq = ${BigInt(cp.head.seq)}`;
    expect(await verify(p, { checkpoint: cp.head })).toMatchObject({ ok: false });
  });
});

describe("the upgrade from the unkeyed trail", () => {
  const before = listMigrations()
    .map((m) => m.name)
    .filter((n) => n < KEYED_CHAIN_MIGRATION)
    .at(-1)!;

  /** A database as the previous release left it: migrated up to the keyed chain, events hashed with plain SHA-256. */
  async function previousRelease(n: number) {
    const db = await freshTrailDb({ upTo: before });
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      let prev = GENESIS_HASH;
      for (let i = 0; i < n; i++) {
        const e = {
          at: new Date(Date.UTC(2026, 10, 1, 8, i)),
          action: "legacy.event",
          actorId: null,
          actorType: "system",
          municipalityId: null,
          targetType: null,
          targetId: null,
          subjectUserId: null,
          data: { i },
          ip: null,
        };
        const hash = sha256Hash(prev, e);
        await c.query(
          `insert into "AuditEvent" (at, action, "actorType", data, "prevHash", hash) values ($1, $2, $3, $4, $5, $6)`,
          [e.at, e.action, e.actorType, JSON.stringify(e.data), prev, hash],
        );
        prev = hash;
      }
    } finally {
      await c.end();
    }
    return db;
  }

  it("passes after the upgrade (the migrating run seals the old events), and fails after an edit or a recomputed chain", async () => {
    const { url, p: old } = await previousRelease(5);
    const applied = await migrate(url);
    expect(applied).toContain(KEYED_CHAIN_MIGRATION);
    // Migrated but not sealed (as `prisma migrate deploy` would leave it): not trusted yet.
    expect(await verify(old)).toMatchObject({ ok: false, problem: expect.stringMatching(/no signed head/) });
    const logs: string[] = [];
    await sealAfterUpgrade(url, applied, KEY, (s) => logs.push(s));
    expect(logs.join("\n")).toMatch(/5 earlier events verified and sealed/);
    expect(await verify(old)).toEqual({ ok: true, events: 6, legacyEvents: 5, head: expect.anything() });
    await append(old, 2);
    expect(await verify(old)).toMatchObject({ ok: true, events: 8, legacyEvents: 5 });
    // A later run applies nothing and seals nothing.
    expect(await migrate(url)).toEqual([]);
    expect(await old.auditEvent.count({ where: { action: "audit.seal" } })).toBe(1);

    // An old event edited and the unkeyed part recomputed: the first keyed event no longer links.
    const rows = await events(old);
    await rewriteAndRecompute(old, rows[1]!.seq, {
      data: { forged: true },
      markUnkeyed: true,
      throughSeq: rows[4]!.seq,
    });
    expect(await verify(old)).toMatchObject({
      ok: false,
      brokenAtSeq: rows[5]!.seq.toString(),
      problem: expect.stringMatching(/previous hash does not match/),
    });
  });

  it("does not seal an old trail that was already broken", async () => {
    const { url, p: old } = await previousRelease(4);
    await old.$executeRaw`update "AuditEvent" set data = '{"i": 42}' where seq = 3`;
    const applied = await migrate(url);
    const rows = await events(old);
    const logs: string[] = [];
    await sealAfterUpgrade(url, applied, KEY, (s) => logs.push(s));
    expect(logs.join("\n")).toMatch(new RegExp(`does NOT verify \\(event #${rows[2]!.seq}`));
    expect(await old.auditHead.count()).toBe(0);
    expect(await verify(old)).toMatchObject({ ok: false, brokenAtSeq: rows[2]!.seq.toString() });
  });
});
