// `npm run clips:setup`'s work (lib/clips/roles.ts) on the real PostgreSQL: a role per
// municipality with its limits, set again on a second run, and a plain refusal for a database user
// that may not create roles.
import { afterAll, describe, expect, it } from "vitest";
import { sql, testDatabaseUrl } from "@/test/fixtures/db";
import { clipsRoleName, setupClipsRoles } from "./roles";

const limited = `gh_clips_limited_${Date.now().toString(36)}`;
afterAll(() => sql(`drop role if exists ${limited}`));

describe("setupClipsRoles", () => {
  it("gives every municipality a role with its limits, and a second run brings them up to date in place", async () => {
    const secret = process.env.AUTH_SECRET!;
    const lines: string[] = [];
    const roles = await setupClipsRoles(
      testDatabaseUrl(),
      secret,
      { statementTimeoutMs: 5000, connectionLimit: 4 },
      (s) => lines.push(s),
    );
    const municipalities = await sql<{ id: string }>(`select id from "Municipality"`);
    const database = new URL(testDatabaseUrl()).pathname.slice(1);
    expect(roles.sort()).toEqual(municipalities.map((m) => clipsRoleName(database, m.id)).sort());
    expect(lines.at(-1)).toMatch(/clips roles ready for \d+ municipalities/);
    const role = roles[0]!;
    const settings = await sql<{ config: string[] }>(
      `select s.setconfig as config from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
       join pg_database d on d.oid = s.setdatabase where r.rolname = $1 and d.datname = current_database()`,
      [role],
    );
    expect(settings[0]!.config).toEqual(
      expect.arrayContaining([
        "search_path=clips",
        "default_transaction_read_only=on",
        "statement_timeout=5000",
        "work_mem=16MB",
        "temp_file_limit=256MB",
      ]),
    );
    const attrs = await sql(
      `select rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolbypassrls, rolconnlimit from pg_roles where rolname = $1`,
      [role],
    );
    expect(attrs).toEqual([
      {
        rolsuper: false,
        rolinherit: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolbypassrls: false,
        rolconnlimit: 4,
      },
    ]);
    // Again: the same roles, brought up to date in place (other test files use them meanwhile).
    const again = await setupClipsRoles(testDatabaseUrl(), secret, { statementTimeoutMs: 5000, connectionLimit: 4 });
    expect(again.sort()).toEqual(roles);
  });

  it("says plainly when the database user may not create roles", async () => {
    await sql(`create role ${limited} login password 'limited-password'`);
    const u = new URL(testDatabaseUrl());
    u.username = limited;
    u.password = "limited-password";
    await expect(setupClipsRoles(u.toString(), process.env.AUTH_SECRET!)).rejects.toThrow(
      `clips setup needs a database user that may create roles: ${limited} has neither CREATEROLE nor SUPERUSER`,
    );
  });
});
