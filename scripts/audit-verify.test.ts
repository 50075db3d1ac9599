// `npm run audit:verify` as an operator runs it: exit codes, the checkpoint file it keeps outside
// the database, and what that file catches (a database rolled back as a whole). A database of
// its own, because these tests delete events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaFor } from "@/test/fixtures/db";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { createTestDatabase, openDatabaseServer, type DatabaseServer } from "./lib/database.ts";
import { migrate } from "./lib/migrate.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "gh-audit-verify-"));
const checkpoint = path.join(dir, "checkpoint.json");
let server: DatabaseServer;
let db: { url: string; drop(): Promise<void> };
let p: PrismaClient;

beforeAll(async () => {
  server = await openDatabaseServer();
  db = await createTestDatabase(server, "auditcli");
  await migrate(db.url);
  p = prismaFor(db.url);
});
afterAll(async () => {
  await p.$disconnect();
  await db.drop();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function auditVerify(args: string[], key = process.env.AUDIT_KEY!): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["--conditions=react-server", path.join(ROOT, "scripts/audit-verify.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, AUDIT_KEY: key } },
    );
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

const append = async (n: number) => {
  for (let i = 0; i < n; i++)
    await p.$transaction((tx) => recordAudit(tx, { action: "cli.event", actorType: "system", data: { i } }));
};

describe("npm run audit:verify", () => {
  it("passes, records a checkpoint outside the database, and catches a rollback to an earlier signed head with it", async () => {
    await append(4);
    const oldHead = await p.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(await auditVerify([`--checkpoint=${checkpoint}`])).toEqual({
      code: 0,
      out: expect.stringContaining("audit trail intact: 4 events verified"),
    });
    await append(3);
    const ok = await auditVerify([`--checkpoint=${checkpoint}`]);
    expect(ok).toEqual({ code: 0, out: expect.stringContaining("7 events verified, still containing event #4") });
    const saved = JSON.parse(readFileSync(checkpoint, "utf8")) as {
      databases: Record<string, { seq: string; mac: string }>;
    };
    const [entry] = Object.values(saved.databases);
    expect(entry).toMatchObject({ seq: "7" });
    expect(JSON.stringify(saved)).not.toContain(new URL(db.url).password);

    // The whole database rolled back: tail removed, the head row of that time put back.
    await p.auditEvent.deleteMany({ where: { seq: { gt: oldHead.seq } } });
    await p.auditHead.update({
      where: { id: 1 },
      data: { seq: oldHead.seq, hash: oldHead.hash, brokenAt: null, mac: oldHead.mac },
    });
    expect(await auditVerify(["--no-checkpoint"])).toMatchObject({ code: 0 });
    const rolledBack = await auditVerify([`--checkpoint=${checkpoint}`]);
    expect(rolledBack).toEqual({
      code: 1,
      out: expect.stringContaining(
        "audit trail BROKEN at event #4: the trail ends before the event the last verification ended at (#7)",
      ),
    });

    // The checkpoint itself cannot be edited into agreement without the key.
    writeFileSync(
      checkpoint,
      JSON.stringify({
        databases: Object.fromEntries(Object.entries(saved.databases).map(([k, v]) => [k, { ...v, seq: "4" }])),
      }),
    );
    expect(await auditVerify([`--checkpoint=${checkpoint}`])).toEqual({
      code: 1,
      out: expect.stringContaining("was altered, or was written with another AUDIT_KEY"),
    });
  });

  it("fails with the wrong key, and without one", async () => {
    expect(await auditVerify(["--no-checkpoint"], "a-wrong-key-a-wrong-key-a-wrong-key-0000")).toEqual({
      code: 1,
      out: expect.stringContaining("AUDIT_KEY is not the key"),
    });
    expect(await auditVerify(["--no-checkpoint"], "")).toEqual({
      code: 2,
      out: expect.stringContaining("AUDIT_KEY is not set"),
    });
  });
});
