import { afterAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit } from "./record";
import { verifyAuditChain } from "./verify";

const raw = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
afterAll(() => raw.$disconnect());

describe("audit trail", () => {
  it("chains concurrent appends into one verifiable sequence, and detects edits and removals", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.$transaction((tx) => recordAudit(tx, { action: "test.event", actorType: "system", data: { i, nested: { b: 1, a: [1, 2] } } }), { maxWait: 30_000 })));
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    const victim = (await raw.auditEvent.findMany({ where: { action: "test.event" }, orderBy: { seq: "asc" }, take: 5 }))[3]!;
    await raw.$executeRaw`update "AuditEvent" set data = '{"i": 999}' where seq = ${victim.seq}`;
    const edited = await verifyAuditChain();
    expect(edited).toMatchObject({ ok: false, brokenAtSeq: victim.seq.toString() });
    await raw.$executeRaw`update "AuditEvent" set data = ${JSON.stringify(victim.data)}::jsonb where seq = ${victim.seq}`;
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    await raw.$executeRaw`delete from "AuditEvent" where seq = ${victim.seq}`;
    const removed = await verifyAuditChain();
    expect(removed.ok).toBe(false);
  });
});
