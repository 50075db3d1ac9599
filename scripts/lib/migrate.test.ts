// schema.prisma and prisma/migrations must describe the same database. Build one database from
// the migrations (our runner) and one from schema.prisma (Prisma's own DDL), then compare the
// catalogs: any drift in a table, column, type, default, index, constraint or enum fails here.
import { afterAll, describe, expect, it } from "vitest";
import path from "node:path";
import { sqlOn } from "@/test/fixtures/db";
import { randomBytes } from "node:crypto";
import { diffSql } from "./prisma6.ts";
import { listMigrations, migrate } from "./migrate.ts";

const adminUrl = process.env.DATABASE_URL!;
const created: string[] = [];

function urlFor(name: string) {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function exec<T extends Record<string, unknown> = Record<string, unknown>>(url: string, sql: string) {
  return { rows: await sqlOn<T>(url, sql) };
}

async function freshDb(label: string) {
  const name = `gh_drift_${label}_${randomBytes(3).toString("hex")}`;
  await exec(adminUrl, `create database ${name}`);
  created.push(name);
  return urlFor(name);
}

async function catalog(url: string) {
  const q = async (sql: string) => (await exec(url, sql)).rows;
  return {
    columns: await q(`select table_name, column_name, data_type, udt_name, is_nullable, column_default
      from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations'
      order by table_name, column_name`),
    indexes: await q(`select tablename, indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename <> '_prisma_migrations' order by tablename, indexname`),
    constraints: await q(`select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
      from pg_constraint where connamespace = 'public'::regnamespace and conrelid::regclass::text <> '"_prisma_migrations"'
      and conrelid::regclass::text <> '_prisma_migrations' order by 1, 2`),
    enums: await q(`select t.typname, array_agg(e.enumlabel order by e.enumsortorder) as labels
      from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname order by t.typname`),
  };
}

afterAll(async () => {
  for (const name of created) await exec(adminUrl, `drop database if exists ${name} with (force)`);
});

describe("migrations", () => {
  it("produce exactly the database that schema.prisma describes", async () => {
    const fromMigrations = await freshDb("mig");
    await migrate(fromMigrations);
    const fromSchema = await freshDb("schema");
    await exec(fromSchema, diffSql(adminUrl, path.resolve(import.meta.dirname, "../../prisma/schema.prisma")));
    const a = await catalog(fromMigrations);
    const b = await catalog(fromSchema);
    expect(a.enums).toEqual(b.enums);
    expect(a.columns).toEqual(b.columns);
    expect(a.indexes).toEqual(b.indexes);
    expect(a.constraints).toEqual(b.constraints);
    expect(a.columns.length).toBeGreaterThan(50);
  }, 120_000);

  it("are applied once, recorded in Prisma's table, and refuse an edited migration", async () => {
    const url = await freshDb("twice");
    const all = listMigrations().map((m) => m.name);
    expect(await migrate(url)).toEqual(all);
    expect(await migrate(url)).toEqual([]);
    const { rows } = await exec<{ migration_name: string }>(
      url,
      `select migration_name from "_prisma_migrations" order by migration_name`,
    );
    expect(rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(all);
    await exec(url, `update "_prisma_migrations" set checksum = 'edited' where migration_name = '${all[0]}'`);
    await expect(migrate(url)).rejects.toThrow(/edited after it was applied/);
  }, 60_000);
});
