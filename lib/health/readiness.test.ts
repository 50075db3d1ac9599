// Readiness on the run's real database: each check as it answers, and the whole with the real mail
// queue (pg-boss) started and stopped in this process. The database outage itself is proven
// against a production server whose PostgreSQL is stopped (e2e/operations.spec.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prismaFor, sql, testDatabaseUrl } from "@/test/fixtures/db";
import { uniq } from "@/test/fixtures/unique";
import { startMailWorker, stopMailWorker } from "@/lib/jobs/mail-worker";
import { expectedMigrations, migrationsApplied, policiesLoaded, readiness } from "./readiness";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "gatehouse-ready-"));
  dirs.push(d);
  return d;
};

afterAll(async () => {
  await stopMailWorker();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A migrations folder with these migration names (empty SQL: only names are compared). */
function migrationsDir(names: string[]): string {
  const dir = tempDir();
  for (const n of names) {
    mkdirSync(path.join(dir, n));
    writeFileSync(path.join(dir, n, "migration.sql"), "-- test\n");
  }
  return dir;
}

describe("readiness checks", () => {
  it("finds every migration of this build applied to the run's database", async () => {
    const names = expectedMigrations();
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual([...names].sort());
    expect(await migrationsApplied()).toBe(true);
  });

  it("is not ready while a migration of this build is missing, and fine with more than it knows (an upgrade's old server)", async () => {
    const names = expectedMigrations();
    expect(await migrationsApplied(migrationsDir([...names, "29991231235959_from_the_future"]))).toBe(false);
    expect(await migrationsApplied(migrationsDir(names.slice(0, -1)))).toBe(true);
    expect(await migrationsApplied(migrationsDir([]))).toBe(false);
  });

  it("is not ready on a database that was never migrated", async () => {
    const name = `gatehouse_unmigrated_${uniq()}`;
    await sql(`create database ${name}`);
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;
    const other = prismaFor(url.toString());
    try {
      expect(await migrationsApplied(undefined, other)).toBe(false);
    } finally {
      await other.$disconnect();
      await sql(`drop database ${name}`);
    }
  });

  it("says whether the policy files load", () => {
    expect(policiesLoaded()).toBe(true);
    const broken = tempDir();
    writeFileSync(path.join(broken, "viewer.yaml"), "group: viewer\nscope: nowhere\nrules: [\n");
    expect(policiesLoaded(broken)).toBe(false);
    expect(policiesLoaded(tempDir())).toBe(false);
  });

  it("is ready only while this process's mail queue runs, and says no more than that", async () => {
    await stopMailWorker();
    await expect.poll(() => readiness(), { timeout: 10_000 }).toEqual({ ready: false, failing: ["mail_queue"] });
    await startMailWorker();
    await expect.poll(() => readiness(), { timeout: 10_000 }).toEqual({ ready: true, failing: [] });
    await stopMailWorker();
    await expect.poll(() => readiness(), { timeout: 10_000 }).toEqual({ ready: false, failing: ["mail_queue"] });
  });
});
