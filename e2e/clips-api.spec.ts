// Clips through the JSON API (issue 21), over HTTP against the production build: an analyst's
// token runs SQL in Riverton's clips schema (the result kept, paged and exported as formula-safe
// CSV, every run audited with its SQL, duration and row count), saves a clip, changes it and runs
// it; PostgreSQL's refusals come back as FAILED runs with its message only; a token without the
// clips group and another municipality's ids are "not found"; bad input is a 400 naming the field.
import { expect, test } from "@playwright/test";
import { sql } from "../test/fixtures/db";
import { bearerFor } from "./support/create-api-token";

type Run = {
  id: string;
  status: "SUCCEEDED" | "FAILED";
  error: string | null;
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  durationMs: number;
  clipId: string | null;
  viaApiToken: boolean;
  pageCount: number;
};
type Problem = { status: number; title: string; detail?: string; errors?: Record<string, string[]> };

const json = (auth: Record<string, string>) => ({ ...auth, "Content-Type": "application/json" });

test("an analyst's token runs SQL, saves and runs a clip, pages and exports the result; every run is audited", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const auth = json(bearerFor("analyst@riverton.test", "riverton", ["analyst"]));
  const [riverton] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);

  const schema = await request.get("/api/v1/clips/schema", { headers: auth });
  expect(schema.status()).toBe(200);
  const views = ((await schema.json()) as { data: { ready: boolean; views: { name: string }[] } }).data;
  expect(views.ready).toBe(true);
  expect(views.views.map((v) => v.name)).toContain("service_requests");

  const sqlText = "select category, count(*)::int as n from clips.service_requests group by 1 order by 1";
  const ran = await request.post("/api/v1/clips/runs", { headers: auth, data: { sql: sqlText } });
  expect(ran.status()).toBe(201);
  const run = ((await ran.json()) as { data: Run }).data;
  expect(run).toMatchObject({ status: "SUCCEEDED", error: null, viaApiToken: true });
  expect(run.columns.map((c) => c.name)).toEqual(["category", "n"]);
  const [counted] = await sql<{ n: string }>(
    `select count(distinct category)::text as n from "ServiceRequest" where "municipalityId" = $1`,
    [riverton!.id],
  );
  expect(run.rowCount).toBe(Number(counted!.n));
  const [event] = await sql<{ actorType: string; data: Record<string, unknown> }>(
    `select "actorType", data from "AuditEvent" where action = 'clip.run' and "targetId" = $1`,
    [run.id],
  );
  expect(event).toMatchObject({
    actorType: "token",
    data: { sql: sqlText, status: "SUCCEEDED", rowCount: run.rowCount, durationMs: run.durationMs },
  });

  // Paged on the server, and as CSV: a cell that would start a formula is defused.
  const big = await request.post("/api/v1/clips/runs", {
    headers: auth,
    data: { sql: "select g, '=HYPERLINK(\"x\")' as f from generate_series(1, 60) g" },
  });
  const bigRun = ((await big.json()) as { data: Run }).data;
  const page3 = await request.get(`/api/v1/clips/runs/${bigRun.id}?page=3&pageSize=25`, { headers: auth });
  const p3 = ((await page3.json()) as { data: Run }).data;
  expect(p3).toMatchObject({ pageCount: 3, rowCount: 60 });
  expect(p3.rows).toHaveLength(10);
  expect(p3.rows[0]![0]).toBe(51);
  const csv = await request.get(`/api/v1/clips/runs/${bigRun.id}/result.csv`, { headers: auth });
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["x-clip-truncated"]).toBe("false");
  const lines = (await csv.text()).split("\r\n");
  expect(lines[0]).toBe("g,f");
  expect(lines[1]).toBe(`1,"'=HYPERLINK(""x"")"`);
  expect(lines).toHaveLength(62);

  // Saved, changed, run: the run is the clip's latest result.
  const saved = await request.post("/api/v1/clips", {
    headers: auth,
    data: { name: "Requests per category (API test)", description: "", sql: sqlText },
  });
  expect(saved.status()).toBe(201);
  const clip = ((await saved.json()) as { data: { id: string; name: string } }).data;
  const changed = await request.patch(`/api/v1/clips/${clip.id}`, {
    headers: auth,
    data: { description: "For the council" },
  });
  expect(((await changed.json()) as { data: { description: string; sql: string } }).data).toMatchObject({
    description: "For the council",
    sql: sqlText,
  });
  const clipRun = await request.post(`/api/v1/clips/${clip.id}/runs`, { headers: auth, data: { saved: true } });
  expect(clipRun.status()).toBe(201);
  const clipRunId = ((await clipRun.json()) as { data: Run }).data.id;
  const again = await request.get(`/api/v1/clips/${clip.id}`, { headers: auth });
  expect(((await again.json()) as { data: { latestRunId: string } }).data.latestRunId).toBe(clipRunId);
  const listed = await request.get(`/api/v1/clips?q=${encodeURIComponent("(API test)")}`, { headers: auth });
  expect(((await listed.json()) as { data: { id: string }[] }).data.map((c) => c.id)).toContain(clip.id);
  const history = await request.get(`/api/v1/clips/${clip.id}/runs`, { headers: auth });
  expect(((await history.json()) as { data: { id: string }[] }).data.map((r) => r.id)).toEqual([clipRunId]);
  const actions = await sql<{ action: string }>(`select action from "AuditEvent" where "targetId" = $1 order by seq`, [
    clip.id,
  ]);
  expect(actions.map((a) => a.action)).toEqual(["clip.create", "clip.update"]);
});

test("PostgreSQL's refusals are FAILED runs with its message only; bad input is a 400 naming the field", async ({
  request,
}) => {
  const auth = json(bearerFor("analyst@riverton.test", "riverton", ["analyst"]));
  for (const [sqlText, message] of [
    ['select email from "User"', /"User" does not exist|permission denied/],
    ["select pg_read_file('/etc/passwd')", /permission denied/],
    ["delete from clips.service_requests", /syntax error|cannot|permission denied|read-only/],
    ["select reporter_email from clips.service_requests", /column "reporter_email" does not exist/],
  ] as const) {
    const res = await request.post("/api/v1/clips/runs", { headers: auth, data: { sql: sqlText } });
    expect(res.status(), sqlText).toBe(201);
    const run = ((await res.json()) as { data: Run }).data;
    expect(run.status, sqlText).toBe("FAILED");
    expect(run.error, sqlText).toMatch(message);
    expect(run.error, sqlText).not.toMatch(/\.c:\d|routine|internal/i);
  }
  for (const [data, field] of [
    [{ sql: "" }, "sql"],
    [{ sql: "select 1", role: "admin" }, "role"],
    [{}, "sql"],
  ] as const) {
    const res = await request.post("/api/v1/clips/runs", { headers: auth, data });
    expect(res.status(), JSON.stringify(data)).toBe(400);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(Object.keys(((await res.json()) as Problem).errors ?? {}), JSON.stringify(data)).toContain(field);
  }
  const saved = await request.post("/api/v1/clips", { headers: auth, data: { name: "", sql: "select 1" } });
  expect(saved.status()).toBe(400);
  expect(((await saved.json()) as Problem).errors?.name?.[0]).toBe("Name: required.");
});

test("a token without the clips group, and another municipality's clips and runs, are not found", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const viewer = json(bearerFor("viewer@riverton.test", "riverton", ["viewer"]));
  const analyst = json(bearerFor("analyst@riverton.test", "riverton", ["analyst"]));
  const lakesideAdmin = json(bearerFor("admin@lakeside.test", "lakeside", ["municipality_admin"]));
  // A Lakeside clip and run, arranged as rows (Lakeside has no analyst account).
  const [lakeside] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'lakeside'`);
  const [author] = await sql<{ id: string }>(`select id from "User" where email = 'admin@lakeside.test'`);
  await sql(
    `insert into "Clip" (id, "municipalityId", name, sql, "authorId", "updatedAt")
     values ('e2e-lakeside-clip', $1, 'Lakeside secret clip', 'select 1', $2, now()) on conflict do nothing`,
    [lakeside!.id, author!.id],
  );
  await sql(
    `insert into "ClipRun" (id, "municipalityId", "clipId", "userId", sql, status, rows, "rowCount")
     values ('e2e-lakeside-run', $1, 'e2e-lakeside-clip', $2, 'select 1', 'SUCCEEDED', '[[1]]', 1) on conflict do nothing`,
    [lakeside!.id, author!.id],
  );
  const runsBefore = await sql(`select count(*)::int as n from "ClipRun"`);

  for (const auth of [viewer, lakesideAdmin]) {
    for (const path of ["/api/v1/clips", "/api/v1/clips/schema", "/api/v1/clips/runs"]) {
      const res = await request.get(path, { headers: auth });
      expect(res.status(), path).toBe(404);
    }
    const run = await request.post("/api/v1/clips/runs", { headers: auth, data: { sql: "select 1" } });
    expect(run.status()).toBe(404);
  }
  for (const path of [
    "/api/v1/clips/e2e-lakeside-clip",
    "/api/v1/clips/e2e-lakeside-clip/runs",
    "/api/v1/clips/runs/e2e-lakeside-run",
    "/api/v1/clips/runs/e2e-lakeside-run/result.csv",
  ]) {
    const res = await request.get(path, { headers: analyst });
    expect(res.status(), path).toBe(404);
    expect(await res.text(), path).not.toContain("Lakeside secret");
  }
  const foreign = await request.get(`/api/v1/clips?municipalityId=${lakeside!.id}`, { headers: analyst });
  expect(foreign.status()).toBe(404);
  for (const [path, method, data] of [
    ["/api/v1/clips/e2e-lakeside-clip", "PATCH", { name: "Taken over" }],
    ["/api/v1/clips/e2e-lakeside-clip/runs", "POST", { saved: true }],
    [`/api/v1/clips/runs?municipalityId=${lakeside!.id}`, "POST", { sql: "select 1" }],
  ] as const) {
    const res = await request.fetch(path, { method, headers: analyst, data });
    expect(res.status(), `${method} ${path}`).toBe(404);
  }
  expect(await sql(`select count(*)::int as n from "ClipRun"`)).toEqual(runsBefore);
  const [clip] = await sql<{ name: string }>(`select name from "Clip" where id = 'e2e-lakeside-clip'`);
  expect(clip!.name).toBe("Lakeside secret clip");
  expect((await request.get("/api/v1/clips")).status()).toBe(401);
});
