// Backups as an operator relies on them (scripts/lib/backup.ts, `npm run db:backup`/`db:restore`):
// a backup taken while audited writes go on restores to one consistent instant; a restore after
// changes brings every table back as it was, the audit chain verifies with lib/audit's verifier,
// and the next event continues the sequence; a database that holds rows is refused without
// --replace, as are a damaged file, other keys and a database still in use. Databases of their own:
// these tests replace whole databases.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaFor, sqlOn } from "@/test/fixtures/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { verifyAuditChain, type AuditReader } from "@/lib/audit/verify";
import { createTestDatabase, openDatabaseServer, type DatabaseServer } from "./database.ts";
import { migrate } from "./migrate.ts";
import { seedDemo } from "./seed-runner.ts";
import { backupDatabase, MIGRATION_LOCK, readManifest, restoreDatabase, RestoreRefused } from "./backup.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "gh-backup-"));
const keys = { auditKey: process.env.AUDIT_KEY!, authSecret: process.env.AUTH_SECRET! };
let server: DatabaseServer;
const dbs: { url: string; drop(): Promise<void> }[] = [];
let src: { url: string };

async function newDatabase(label: string) {
  const d = await createTestDatabase(server, label);
  dbs.push(d);
  return d;
}

beforeAll(async () => {
  server = await openDatabaseServer();
  src = await newDatabase("backup");
  await migrate(src.url);
  await seedDemo(src.url);
  await withClient(src.url, (p) => append(p, 5, "before"));
});
afterAll(async () => {
  for (const d of dbs) await d.drop();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(url: string, fn: (p: PrismaClient) => Promise<T>): Promise<T> {
  const p = prismaFor(url);
  try {
    return await fn(p);
  } finally {
    await p.$disconnect();
  }
}

async function append(p: PrismaClient, n: number, label: string): Promise<void> {
  for (let i = 0; i < n; i++)
    await p.$transaction((tx) => recordAudit(tx, { action: "backup.test", actorType: "system", data: { label, i } }));
}

/** Every app table's row count and a hash of its rows: equal fingerprints, equal data. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const tables = await sqlOn<{ name: string }>(
    url,
    `select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
      and relname <> '_prisma_migrations' order by 1`,
  );
  const rows = await sqlOn<{ t: string; n: number; h: string }>(
    url,
    tables
      .map(
        ({ name }) =>
          `select '${name}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${name}" x`,
      )
      .join(" union all "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

const chainOf = (url: string) =>
  withClient(url, (p) => verifyAuditChain({ client: p as unknown as AuditReader, key: keys.auditKey }));

const migrationsOf = async (url: string) =>
  (await sqlOn<{ n: string }>(url, `select migration_name as n from "_prisma_migrations" order by 1`)).map((r) => r.n);

describe("db:backup and db:restore", () => {
  it("restores every table as it was after the data changed, with an intact audit chain and its sequence continuing", async () => {
    const file = path.join(dir, "round-trip.backup.gz");
    const before = await fingerprint(src.url);
    expect(Number(before.AuditEvent!.split(":")[0])).toBeGreaterThanOrEqual(5);
    expect(Number(before.User!.split(":")[0])).toBeGreaterThan(5);
    const made = await backupDatabase({ url: src.url, file, keys });
    expect(made.manifest.migrations.map((m) => m.name)).toEqual(await migrationsOf(src.url));
    expect(made.manifest.consistency).toBe("one REPEATABLE READ snapshot");
    expect(made.rows.AuditEvent).toBe(Number(before.AuditEvent!.split(":")[0]));

    await withClient(src.url, async (p) => {
      await p.municipality.update({ where: { slug: "riverton" }, data: { name: "Renamed after the backup" } });
      await p.document.deleteMany({ where: { municipality: { slug: "lakeside" } } });
      await p.rateLimitBucket.create({ data: { key: "after-backup", windowStart: new Date(), count: 1 } });
      await append(p, 3, "after");
    });
    expect(await fingerprint(src.url)).not.toEqual(before);

    const r = await restoreDatabase({ url: src.url, file, replace: true, keys });
    expect(r.replaced).toBe(true);
    expect(await fingerprint(src.url)).toEqual(before);
    const chain = await chainOf(src.url);
    expect(chain).toMatchObject({ ok: true, events: made.rows.AuditEvent });

    // The next event follows the restored ones (AuditEvent.seq's sequence was set), and the chain holds.
    await withClient(src.url, (p) => append(p, 1, "after restore"));
    const next = await sqlOn<{ seq: string }>(src.url, `select max(seq)::text as seq from "AuditEvent"`);
    expect(BigInt(next[0]!.seq)).toBe(BigInt(made.manifest.auditHead!.seq) + 1n);
    expect(await chainOf(src.url)).toMatchObject({ ok: true, events: made.rows.AuditEvent! + 1 });
  });

  it("refuses a database that is not empty without --replace, and changes nothing", async () => {
    const file = path.join(dir, "refusal.backup.gz");
    await backupDatabase({ url: src.url, file, keys });
    await withClient(src.url, (p) => append(p, 1, "kept"));
    const before = await fingerprint(src.url);
    await expect(restoreDatabase({ url: src.url, file, keys })).rejects.toThrow(
      /the database is not empty \(rows in .*\).*--replace/,
    );
    await expect(restoreDatabase({ url: src.url, file, keys })).rejects.toBeInstanceOf(RestoreRefused);
    expect(await fingerprint(src.url)).toEqual(before);
  });

  it("is one consistent instant while audited writes go on, and restores into a new database it migrates first", async () => {
    const file = path.join(dir, "under-load.backup.gz");
    let writing = true;
    let written = 0;
    const writer = withClient(src.url, async (p) => {
      while (writing) {
        await append(p, 1, "during");
        written++;
      }
    });
    // Let writes get going, back up in their midst, then stop them.
    while (written < 3) await new Promise((res) => setTimeout(res, 20));
    // And one more event written right between the reads of the events and of the signed head.
    const made = await backupDatabase({
      url: src.url,
      file,
      keys,
      afterTable: async (t) => {
        if (t === "AuditEvent") await withClient(src.url, (p) => append(p, 1, "between"));
      },
    });
    const atBackup = written;
    while (written < atBackup + 3) await new Promise((res) => setTimeout(res, 20));
    writing = false;
    await writer;

    const target = await newDatabase("restored");
    const r = await restoreDatabase({ url: target.url, file, keys });
    expect(r.replaced).toBe(false);
    expect(await migrationsOf(target.url)).toEqual(made.manifest.migrations.map((m) => m.name));
    // The head and the events were read in one snapshot: the chain ends exactly at the head.
    expect(await chainOf(target.url)).toMatchObject({ ok: true, events: made.rows.AuditEvent });
    const last = await sqlOn<{ seq: string }>(target.url, `select max(seq)::text as seq from "AuditEvent"`);
    expect(last[0]!.seq).toBe(made.manifest.auditHead!.seq);
    expect(Object.values(r.rows).reduce((a, b) => a + b, 0)).toBe(Object.values(made.rows).reduce((a, b) => a + b, 0));
  });

  it("refuses a damaged file, other keys and a database still in use, and leaves the target as it was", async () => {
    const file = path.join(dir, "checks.backup.gz");
    await backupDatabase({ url: src.url, file, keys });
    const target = await newDatabase("refused");
    await migrate(target.url);
    const empty = await fingerprint(target.url);

    const cut = path.join(dir, "cut.backup.gz");
    const whole = readFileSync(file);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(restoreDatabase({ url: target.url, file: cut, keys })).rejects.toThrow(/damaged|incomplete/);

    await expect(
      restoreDatabase({ url: target.url, file, keys: { ...keys, auditKey: "another-audit-key-another-audit-key-0" } }),
    ).rejects.toThrow(/another AUDIT_KEY/);

    const p = prismaFor(target.url);
    await p.municipality.count();
    await expect(restoreDatabase({ url: target.url, file, keys })).rejects.toThrow(/other connection\(s\).*stop every/);
    await p.$disconnect();
    expect(await fingerprint(target.url)).toEqual(empty);
    expect((await readManifest(file)).keys.auditKey).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(file).toString("latin1")).not.toContain(keys.auditKey);
  });

  it("holds the migration runner's advisory lock while it reads (the same key as scripts/lib/migrate.ts)", () => {
    const runner = readFileSync(path.join(import.meta.dirname, "migrate.ts"), "utf8");
    expect(runner).toContain(`pg_advisory_lock(${MIGRATION_LOCK})`);
  });

  it("npm run db:backup / db:restore: writes a file, refuses without --replace, restores with it", async () => {
    const file = path.join(dir, "cli.backup.gz");
    const run = async (args: string[]) => {
      try {
        const r = await promisify(execFile)(
          path.join(ROOT, "node_modules/.bin/tsx"),
          ["--conditions=react-server", path.join(ROOT, "scripts/db-backup.ts"), ...args],
          { cwd: ROOT, env: { ...process.env, DATABASE_URL: src.url } },
        );
        return { code: 0, out: r.stdout + r.stderr };
      } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, out: err.stdout + err.stderr };
      }
    };
    expect(await run(["backup", "--out", file])).toEqual({
      code: 0,
      out: expect.stringContaining(`written to ${file}`),
    });
    expect(await run(["restore", file])).toEqual({
      code: 1,
      out: expect.stringContaining("refused: the database is not empty"),
    });
    const done = await run(["restore", file, "--replace"]);
    expect(done).toEqual({ code: 0, out: expect.stringContaining("audit trail intact") });
  });
});
