// Clips on the real PostgreSQL, as the municipality's clips role (issue 21's "Done when"): what the
// role may read, and everything it may not — personal fields, other municipalities, tables outside
// the schema, server files and settings, COPY, role changes, writes, several statements, long
// queries — refused with PostgreSQL's message, changing nothing.
import { beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { sql, testDatabaseUrl, testPrisma } from "@/test/fixtures/db";
import { clipsAvailability, clipsCatalog, runClipsSql } from "./run";
import { clipsRoleName, clipsRolePassword } from "./roles";
import type { ClipOutcome } from "./types";

const MARK = `clipsleak${Date.now().toString(36)}`;
let town: { id: string };
let other: { id: string };
let requestId: string;

async function request(municipalityId: string, reference: string, extra: Record<string, unknown> = {}) {
  return testPrisma().serviceRequest.create({
    data: {
      municipalityId,
      reference,
      category: "ROADS",
      title: `Title ${MARK}`,
      description: `Description ${MARK}`,
      area: "North",
      address: `1 ${MARK} Street`,
      reporterName: `Reporter ${MARK}`,
      reporterEmail: `${MARK}@example.test`,
      internalNotes: `Notes ${MARK}`,
      ...extra,
    },
  });
}

const failed = (o: ClipOutcome) => {
  if (o.ok) throw new Error(`expected a refusal, got ${JSON.stringify(o.result.rows.slice(0, 3))}`);
  return o;
};
const succeeded = (o: ClipOutcome) => {
  if (!o.ok) throw new Error(`expected rows, got: ${o.error}`);
  return o.result;
};

/** A plain connection as the clips role (no runClipsSql around it): the role's own limits. */
async function asRole<T>(municipalityId: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(testDatabaseUrl());
  const role = clipsRoleName(u.pathname.slice(1), municipalityId);
  u.username = role;
  u.password = encodeURIComponent(clipsRolePassword(process.env.AUTH_SECRET!, role));
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected PostgreSQL to refuse");
    },
    (e: Error) => e.message,
  );

beforeAll(async () => {
  town = await freshMunicipality();
  other = await freshMunicipality();
  requestId = (await request(town.id, "T-1", { status: "RESOLVED", resolvedAt: new Date() })).id;
  await request(town.id, "T-2");
  await request(other.id, "O-1");
  // The first run creates the role (the test database's user may create roles).
  succeeded(await runClipsSql(town.id, "select 1"));
  succeeded(await runClipsSql(other.id, "select 1"));
});

describe("runClipsSql", () => {
  it("reads the municipality's rows through the views, with typed columns", async () => {
    const r = succeeded(
      await runClipsSql(
        town.id,
        "select id, reference, status, created_at, tags, is_public from service_requests order by reference",
      ),
    );
    expect(r.columns).toEqual([
      { name: "id", type: "text" },
      { name: "reference", type: "text" },
      { name: "status", type: "text" },
      { name: "created_at", type: "timestamp" },
      { name: "tags", type: "text[]" },
      { name: "is_public", type: "bool" },
    ]);
    expect(r.rows.map((row) => row[1])).toEqual(["T-1", "T-2"]);
    expect(r.rows[0]![0]).toBe(requestId);
    expect(r.rows[0]![3]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(r.rows[0]![4]).toBe("[]");
    expect(r.rows[0]![5]).toBe(true);
    expect(r.truncated).toBe(false);
    expect(r.rowCount).toBe(2);
  });

  it("aggregates: counts are numbers", async () => {
    const r = succeeded(await runClipsSql(town.id, "select sum(requests) as n from requests_per_month"));
    expect(r.rows).toEqual([[2]]);
    const resolved = succeeded(await runClipsSql(town.id, "select resolved from resolution_times"));
    expect(resolved.rows).toEqual([[1]]);
  });

  it("never shows another municipality's rows, nor a personal or free-text field", async () => {
    const r = succeeded(await runClipsSql(other.id, "select reference from service_requests"));
    expect(r.rows).toEqual([["O-1"]]);
    const all = succeeded(await runClipsSql(town.id, "select * from service_requests"));
    expect(JSON.stringify(all)).not.toContain(MARK);
    const o = failed(await runClipsSql(town.id, "select reporter_name from service_requests"));
    expect(o.error).toBe('column "reporter_name" does not exist');
    expect(o.position).toBe(8);
    expect(failed(await runClipsSql(town.id, 'select "reporterEmail" from service_requests')).error).toMatch(
      /column "reporterEmail" does not exist/,
    );
  });

  it("refuses a table outside the schema, server files and settings", async () => {
    expect(failed(await runClipsSql(town.id, 'select * from public."User"')).error).toBe(
      "permission denied for table User",
    );
    expect(failed(await runClipsSql(town.id, 'select * from public."ServiceRequest"')).error).toBe(
      "permission denied for table ServiceRequest",
    );
    expect(failed(await runClipsSql(town.id, "select * from clips_private.roles")).error).toBe(
      "permission denied for schema clips_private",
    );
    expect(failed(await runClipsSql(town.id, "select pg_read_file('/etc/passwd')")).error).toBe(
      "permission denied for function pg_read_file",
    );
    expect(failed(await runClipsSql(town.id, "select pg_ls_dir('.')")).error).toBe(
      "permission denied for function pg_ls_dir",
    );
    expect(failed(await runClipsSql(town.id, "select current_setting('data_directory')")).error).toBe(
      'permission denied to examine "data_directory"',
    );
  });

  it("refuses COPY, role changes and set_config that would widen reach", async () => {
    for (const text of [
      "copy (select 1) to '/tmp/clips-copy'",
      "copy (select * from service_requests) to stdout",
      "set role postgres",
      "set session authorization postgres",
    ]) {
      expect(failed(await runClipsSql(town.id, text)).error, text).toMatch(/syntax error at or near/);
    }
    expect(failed(await runClipsSql(town.id, "select set_config('role', 'postgres', false)")).error).toMatch(
      /permission denied to set role "postgres"/,
    );
    expect(
      failed(await runClipsSql(town.id, "select set_config('session_authorization', 'postgres', false)")).error,
    ).toMatch(/permission denied to set session authorization|must be superuser|permission denied/);
    expect(failed(await runClipsSql(town.id, "select set_config('transaction_read_only', 'off', true)")).error).toMatch(
      /read-write|read-only/,
    );
    // Raising the timeout inside the statement does not lift the one it runs under.
    const t = failed(
      await runClipsSql(town.id, "select set_config('statement_timeout', '0', false), pg_sleep(10)", {
        timeoutMs: 500,
      }),
    );
    expect(t.error).toBe("canceling statement due to statement timeout");
  });

  it("refuses writes and several statements, and changes nothing", async () => {
    const before = await sql<{ n: number }>(
      `select count(*)::int as n from "ServiceRequest" where "municipalityId" = $1`,
      [town.id],
    );
    for (const text of [
      "insert into service_requests (id) values ('x')",
      "update service_requests set status = 'CLOSED'",
      "delete from service_requests",
      "create table clips.x (id int)",
      "select 1; delete from service_requests",
      "with d as (delete from service_requests returning 1) select * from d",
    ]) {
      const o = failed(await runClipsSql(town.id, text));
      expect(o.error, text).toMatch(/syntax error|multiple commands|data-modifying/);
    }
    expect(failed(await runClipsSql(town.id, "select 1; select 2")).error).toBe(
      "cannot insert multiple commands into a prepared statement",
    );
    const after = await sql<{ n: number }>(
      `select count(*)::int as n from "ServiceRequest" where "municipalityId" = $1`,
      [town.id],
    );
    expect(after).toEqual(before);
    const status = await sql<{ status: string }>(`select status::text from "ServiceRequest" where id = $1`, [
      requestId,
    ]);
    expect(status).toEqual([{ status: "RESOLVED" }]);
  });

  it("cuts a 10-second query at the statement timeout (5 s by default)", async () => {
    const started = Date.now();
    const o = failed(await runClipsSql(town.id, "select pg_sleep(10)"));
    expect(o.error).toBe("canceling statement due to statement timeout");
    expect(Date.now() - started).toBeLessThan(9000);
    expect(o.durationMs).toBeGreaterThanOrEqual(4900);
  });

  it("cuts a result over the cap and says so", async () => {
    const r = succeeded(await runClipsSql(town.id, "select g from generate_series(1, 50) g", { rowCap: 20 }));
    expect(r.rowCount).toBe(20);
    expect(r.rows).toHaveLength(20);
    expect(r.truncated).toBe(true);
    const exact = succeeded(await runClipsSql(town.id, "select g from generate_series(1, 20) g", { rowCap: 20 }));
    expect(exact.truncated).toBe(false);
  });

  it("reports a syntax error with its position in the analyst's SQL", async () => {
    const o = failed(await runClipsSql(town.id, "select from where"));
    expect(o.error).toBe('syntax error at or near "where"');
    expect(o.position).toBe(13);
  });
});

describe("the clips role itself (a plain connection, no runner around it)", () => {
  it("is member of no role, reads only clips, and cannot write, copy to files or change role", async () => {
    const role = clipsRoleName(new URL(testDatabaseUrl()).pathname.slice(1), town.id);
    const members = await sql(
      `select 1 from pg_auth_members m join pg_roles u on u.oid = m.member where u.rolname = $1`,
      [role],
    );
    expect(members).toEqual([]);
    await asRole(town.id, async (c) => {
      expect((await c.query("show default_transaction_read_only")).rows).toEqual([
        { default_transaction_read_only: "on" },
      ]);
      expect((await c.query("show search_path")).rows).toEqual([{ search_path: "clips" }]);
      expect(await refusal(c.query("set role postgres"))).toMatch(/permission denied to set role "postgres"/);
      expect(await refusal(c.query("set session authorization postgres"))).toMatch(/permission denied/);
      expect(await refusal(c.query("copy (select 1) to '/tmp/clips-copy'"))).toMatch(/COPY to a file/);
      expect(await refusal(c.query('select * from public."Municipality"'))).toBe(
        "permission denied for table Municipality",
      );
      expect(await refusal(c.query("begin read write; create table clips.x (id int)"))).toMatch(
        /permission denied for schema clips/,
      );
      await c.query("rollback");
      expect(await refusal(c.query("begin read write; insert into service_requests (id) values ('x')"))).toMatch(
        /cannot insert into view|permission denied/,
      );
      await c.query("rollback");
    });
  });
});

describe("clipsAvailability and clipsCatalog", () => {
  it("is ready where the role works, and says why not for an unknown municipality", async () => {
    expect(await clipsAvailability(town.id)).toEqual({ ready: true });
    const none = await clipsAvailability("no-such-municipality");
    expect(none.ready).toBe(false);
  });

  it("describes every view with its columns and types", () => {
    const views = clipsCatalog();
    const sr = views.find((v) => v.name === "service_requests")!;
    expect(sr.description).toMatch(/without reporters/);
    expect(sr.columns).toContainEqual({ name: "created_at", type: "timestamp" });
    expect(views.map((v) => v.name)).toEqual(
      expect.arrayContaining(["requests_per_month", "resolution_times", "heritage_sites_by_district"]),
    );
  });
});
