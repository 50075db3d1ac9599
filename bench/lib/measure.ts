// In-process measurements against one benchmark database (run by bench/run.ts as a child process
// per size, so each size gets its own DATABASE_URL, Prisma client and cold caches):
//   1. ability build per request, cold and cached (lib/policy), and the per-request viewer cost;
//   2. a list page through lib/data against hand-written SQL returning the same rows and fields;
//   3. the naive way (load rows, ability.can per row until a page is full);
//   and EXPLAIN ANALYZE of the SQL lib/data actually sends.
// Usage: tsx --conditions=react-server bench/lib/measure.ts <out.json> <size label> <rows> [budget seconds]
import { writeFileSync } from "node:fs";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createCaslExtension } from "@casl/prisma/runtime";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { buildAbility, clearAbilityCache, abilityRules, type AbilityContext } from "@/lib/policy/ability";
import { subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { staffViewerFor, viewerFor } from "@/lib/auth/viewer";
import { principalFromBearer } from "@/lib/auth/api-token";
import { ANONYMOUS, type Principal } from "@/lib/identity/principal";
import { recordsOf, type ListQuery } from "@/lib/data/record-store";
import { columnsFor, project } from "@/lib/data/project";
import { COUNT_CAP, scopedWhere } from "@/lib/data/scoped-records";
import type { Viewer } from "@/lib/identity/viewer";
import { loadModuleSwitches } from "@/lib/data/module-switches";
import { openRequestsOnMap, MAP_MARKER_CAP, type Bounds } from "@/lib/data/request-map";
import { OPEN_STATUSES } from "@/lib/records/lifecycle";
import { msSince, summarize } from "./stats.ts";
import { BENCH_USERS, RESTRICTED_CATEGORIES, municipalityId, userId } from "./generate.ts";
import { SERVICE_REQUEST_PUBLIC_FIELDS } from "@/test/fixtures/record-fields";
import type { AbilityResult, Breakdown, Explain, ListResult, PerRequestResult } from "./types.ts";

type Row = Record<string, unknown>;
type PageOut = { rows: Row[]; nextCursor: string | null; total?: number };

const [outFile, sizeLabel, rowsArg, budgetArg] = process.argv.slice(2);
if (!outFile || !sizeLabel || !rowsArg)
  throw new Error("usage: measure.ts <out.json> <size label> <rows> [budget seconds]");
const BUDGET_MS = Number(budgetArg ?? 2) * 1000;
const url = process.env.DATABASE_URL!;
const log = (s: string) => console.log(`[bench ${sizeLabel}] ${s}`);

// Hand-written SQL uses its own pool, sized like lib/db's (max 10). Timestamps are Prisma's
// `timestamp(3)` without zone holding UTC: parse them as UTC, as Prisma does.
const handPool = new pg.Pool({
  connectionString: url,
  max: 10,
  types: {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === 1114
        ? (s: string) => new Date(`${s.replace(" ", "T")}Z`)
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  },
});

// ─── columns a developer would write by hand for each view (checked by the identical-rows test): ──
// every column of the model, the viewer's (all but contact and authorship), the public's (listed by hand)
const ALL = [...MODEL_FIELDS.ServiceRequest];
const VIEWER = ALL.filter(
  (c) => !["reporterEmail", "reporterPhone", "reporterUserId", "createdById", "updatedById"].includes(c),
);
const PUBLIC = SERVICE_REQUEST_PUBLIC_FIELDS;
const cols = (cs: string[]) => cs.map((c) => `"${c}"`).join(", ");

type Scenario = {
  key: string;
  label: string;
  principal: () => Promise<Principal>;
  staff: boolean;
  query: ListQuery;
  /** The hand-written WHERE clause and parameters for the same policy. */
  where: string;
  params: unknown[];
  columns: string[];
};

async function findUserIndex(rank: number, k: number): Promise<number> {
  // Home memberships are numbered by global user index; the first in a municipality is its start.
  const r = await handPool.query<{ id: string }>(
    `select min("userId") as id from "Membership" where "municipalityId" = $1 and id like 'bench-ms-%'`,
    [municipalityId(rank)],
  );
  return Number(r.rows[0]!.id.replace("bench-u-", "")) + k;
}

/** A staff list: `user`'s own principal, no list filters; the hand-written SQL says what they may see. */
const staffScenario = (
  key: string,
  label: string,
  user: string,
  sql: { where: string; params: unknown[]; columns: string[] },
): Scenario => ({ key, label, principal: () => loadUserPrincipal(user), staff: true, query: {}, ...sql });

/** The public portal's list (anonymous), with the public columns. */
const publicScenario = (key: string, label: string, query: ListQuery, where: string, params: unknown[]): Scenario => ({
  key,
  label,
  principal: async () => ANONYMOUS,
  staff: false,
  query,
  where,
  params,
  columns: PUBLIC,
});

async function scenarios(): Promise<Scenario[]> {
  const largest = municipalityId(1);
  const median = municipalityId(100);
  const manager = userId(await findUserIndex(1, BENCH_USERS.manager));
  const operator = userId(await findUserIndex(1, BENCH_USERS.operatorRestricted));
  const viewer = userId(await findUserIndex(100, BENCH_USERS.viewer));
  return [
    staffScenario("staff-manager", "manager, largest municipality (all its rows)", manager, {
      where: `"municipalityId" = $1`,
      params: [largest],
      columns: ALL,
    }),
    staffScenario("staff-operator", "operator, largest municipality, 2 categories + assigned to them", operator, {
      where: `"municipalityId" = $1 and ("category" = any($2::"ServiceCategory"[]) or "assigneeId" = $3)`,
      params: [largest, RESTRICTED_CATEGORIES, operator],
      columns: ALL,
    }),
    staffScenario("staff-viewer", "viewer, median municipality (limited fields)", viewer, {
      where: `"municipalityId" = $1`,
      params: [median],
      columns: VIEWER,
    }),
    publicScenario(
      "public-largest",
      "anonymous, public list of the largest municipality",
      { municipalityId: largest },
      `"isPublic" and "municipalityId" = $1`,
      [largest],
    ),
    publicScenario("public-all", "anonymous, public list across all municipalities", {}, `"isPublic"`, []),
  ];
}

async function viewerOf(s: Scenario): Promise<Viewer> {
  const p = await s.principal();
  return s.staff ? staffViewerFor(p) : viewerFor(p);
}

// ─── helpers ──────────────────────────────────────────────────────────────────────────────────

/** Canonical JSON of a page: keys sorted, dates as ISO strings — equal strings mean equal pages. */
function canonical(page: PageOut): string {
  const norm = (r: Row) =>
    Object.fromEntries(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k]]),
    );
  return JSON.stringify({ rows: page.rows.map(norm), nextCursor: page.nextCursor, total: page.total ?? null });
}

function firstDifference(a: PageOut, b: PageOut): string {
  if (a.rows.length !== b.rows.length) return `row count ${a.rows.length} vs ${b.rows.length}`;
  for (let i = 0; i < a.rows.length; i++) {
    const x = canonical({ rows: [a.rows[i]!], nextCursor: null });
    const y = canonical({ rows: [b.rows[i]!], nextCursor: null });
    if (x !== y) return `row ${i}: ${x.slice(0, 300)} vs ${y.slice(0, 300)}`;
  }
  if (a.nextCursor !== b.nextCursor) return `nextCursor ${a.nextCursor} vs ${b.nextCursor}`;
  return `total ${a.total} vs ${b.total}`;
}

/**
 * lib/data's page against the hand-written query's: one call each, compared in canonical form (the
 * first difference named), then both timed alternately for about `budget` ms.
 */
async function againstHand(ours: () => Promise<PageOut>, hand: () => Promise<PageOut>, budget: number) {
  const mine = await ours();
  const theirs = await hand();
  const identical = canonical(mine) === canonical(theirs);
  const [a, b] = await samplePair(ours, hand, budget);
  const libdataMs = summarize(a);
  const handMs = summarize(b);
  const mismatch = identical ? {} : { mismatch: firstDifference(mine, theirs) };
  return { theirs, compared: { libdataMs, handMs, ratio: libdataMs.median / handMs.median, identical, ...mismatch } };
}

/** Runs `fn` repeatedly for about `budget` ms (at least `min`, at most `max` times), returning ms per call. */
async function sample(fn: () => Promise<unknown>, budget: number, min = 20, max = 400): Promise<number[]> {
  const out: number[] = [];
  const end = performance.now() + budget;
  while (out.length < min || (out.length < max && performance.now() < end)) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(msSince(t0));
  }
  return out;
}

/** Two functions measured alternately (A, B, A, B…), so load from other processes hits both alike. */
async function samplePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  budget: number,
  min = 20,
  max = 400,
): Promise<[number[], number[]]> {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 10; i++) {
    await a();
    await b();
  }
  const end = performance.now() + budget;
  while (xs.length < min || (xs.length < max && performance.now() < end)) {
    let t0 = process.hrtime.bigint();
    await a();
    xs.push(msSince(t0));
    t0 = process.hrtime.bigint();
    await b();
    ys.push(msSince(t0));
  }
  return [xs, ys];
}

// ─── 1. ability build ─────────────────────────────────────────────────────────────────────────

function abilityBench(name: string, principal: Principal, ctx: AbilityContext): AbilityResult {
  const rules = abilityRules(principal, ctx).length;
  const cold: number[] = [];
  for (let i = 0; i < 3000; i++) {
    clearAbilityCache();
    const t0 = process.hrtime.bigint();
    buildAbility(principal, ctx);
    cold.push(msSince(t0) * 1000);
  }
  buildAbility(principal, ctx);
  const cached: number[] = [];
  for (let i = 0; i < 30000; i++) {
    const t0 = process.hrtime.bigint();
    buildAbility(principal, ctx);
    cached.push(msSince(t0) * 1000);
  }
  // Warm-up: the first 10 % of each series carries JIT compilation, not steady-state cost.
  return { principal: name, rules, coldUs: summarize(cold.slice(300)), cachedUs: summarize(cached.slice(3000)) };
}

// ─── 2./3. list pages ─────────────────────────────────────────────────────────────────────────

async function handCursorPage(s: Scenario): Promise<PageOut> {
  // The API fetches one row more than it shows to know whether there is a next page.
  const r = await handPool.query(
    `select ${cols(s.columns)} from "ServiceRequest" where ${s.where} order by "createdAt" desc, "id" desc limit 51`,
    s.params,
  );
  const rows = r.rows.slice(0, 50) as Row[];
  return { rows, nextCursor: r.rows.length > 50 ? String(rows.at(-1)!.id) : null };
}

async function handWorkspacePage(s: Scenario): Promise<PageOut> {
  const [page, count] = await Promise.all([
    handPool.query(
      `select ${cols(s.columns)} from "ServiceRequest" where ${s.where} order by "createdAt" desc, "id" desc limit 50`,
      s.params,
    ),
    // The workspace counts up to a cap (lib/data COUNT_CAP): a count over a LIMIT, as Prisma's count with take.
    handPool.query<{ n: string }>(
      `select count(*) as n from (select 1 from "ServiceRequest" where ${s.where} limit ${COUNT_CAP + 1}) capped`,
      s.params,
    ),
  ]);
  return { rows: page.rows as Row[], nextCursor: null, total: Math.min(Number(count.rows[0]!.n), COUNT_CAP) };
}

async function libdataCursorPage(v: Viewer, s: Scenario): Promise<PageOut> {
  const r = await recordsOf("ServiceRequest").listAfter(v, { ...s.query, limit: 50 });
  return { rows: r.rows as Row[], nextCursor: r.nextCursor };
}

async function libdataWorkspacePage(v: Viewer, s: Scenario): Promise<PageOut> {
  const r = await recordsOf("ServiceRequest").list(v, { ...s.query, pageSize: 50 });
  return { rows: r.rows as Row[], nextCursor: null, total: r.total };
}

/** The naive way: rows in list order in batches of 1,000, ability.can per row, until 51 are permitted. */
async function naivePage(v: Viewer, s: Scenario): Promise<PageOut & { scanned: number }> {
  const out: Row[] = [];
  let cursor: string | undefined;
  let scanned = 0;
  const filters = s.query.municipalityId ? { municipalityId: s.query.municipalityId } : {};
  for (;;) {
    const batch = (await db.serviceRequest.findMany({
      where: filters,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    })) as Row[];
    scanned += batch.length;
    for (const row of batch) {
      if (v.ability.can("read", subjectOf("ServiceRequest", row))) {
        out.push(project(v.ability, "read", "ServiceRequest", row, MODEL_FIELDS.ServiceRequest));
        if (out.length === 51) break;
      }
    }
    if (out.length === 51 || batch.length < 1000) break;
    cursor = String(batch.at(-1)!.id);
  }
  const rows = out.slice(0, 50);
  return { rows, nextCursor: out.length > 50 ? String(rows.at(-1)!.id) : null, scanned };
}

// ─── EXPLAIN of the SQL lib/data really sends ─────────────────────────────────────────────────

type Captured = { query: string; params: string };

/**
 * lib/db keeps its client in globalThis.gatehouseDb (a singleton that survives dev reloads). For
 * the EXPLAIN phase only, a client with query logging takes its place, so the captured SQL is
 * exactly what lib/data generates; timings above were taken with the app's own client.
 */
async function captureSql<T>(fn: () => Promise<T>): Promise<Captured[]> {
  const g = globalThis as { gatehouseDb?: unknown };
  const before = g.gatehouseDb;
  const captured: Captured[] = [];
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 2 }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (e) => captured.push({ query: e.query, params: e.params }));
  g.gatehouseDb = client.$extends(createCaslExtension());
  try {
    await fn();
  } finally {
    g.gatehouseDb = before;
    await client.$disconnect();
  }
  return captured;
}

async function explain(c: Captured): Promise<Explain> {
  let params: unknown[] = [];
  try {
    params = JSON.parse(c.params) as unknown[];
  } catch {
    // Prisma versions differ in how they print params; without them there is no plan.
    return { sql: c.query, plan: "(parameters not parseable)", seqScan: false, executionMs: null };
  }
  const r = await handPool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers, costs off) ${c.query}`, params);
  const plan = r.rows.map((x) => x["QUERY PLAN"]).join("\n");
  const ms = /Execution Time: ([\d.]+) ms/.exec(plan);
  return {
    sql: c.query,
    plan,
    seqScan: /Seq Scan on "?ServiceRequest"?/.test(plan),
    executionMs: ms ? Number(ms[1]) : null,
  };
}

async function explainList(v: Viewer, s: Scenario): Promise<{ explain?: Explain; statements: number }> {
  const captured = await captureSql(() => libdataCursorPage(v, s));
  const list = captured.find((c) => /from "public"\."ServiceRequest"/i.test(c.query) && /order by/i.test(c.query));
  return { ...(list ? { explain: await explain(list) } : {}), statements: captured.length };
}

// ─── the public map ───────────────────────────────────────────────────────────────────────────

// The generator spreads every municipality's requests over 52.0–52.1 N, 5.0–5.1 E: its whole area
// (the map's first view) and a quarter of it (zoomed in once).
const MAP_WINDOWS: { key: string; label: string; bounds: Bounds }[] = [
  {
    key: "map-whole",
    label: "public map of the largest municipality, its whole area",
    bounds: { south: 52, west: 5, north: 52.1, east: 5.1 },
  },
  {
    key: "map-quarter",
    label: "public map of the largest municipality, a quarter of its area",
    bounds: { south: 52.025, west: 5.025, north: 52.075, east: 5.075 },
  },
];
const MAP_WHERE = `"isPublic" and "municipalityId" = $1 and status::text = any($2) and "approxLatitude" between $3 and $4 and "approxLongitude" between $5 and $6`;
const mapParams = (b: Bounds) => [municipalityId(1), OPEN_STATUSES, b.south, b.north, b.west, b.east];

/** The map's query as a developer would write it: the same rows, fields and cap. */
async function handMap(b: Bounds): Promise<PageOut> {
  const r = await handPool.query<Row>(
    `select reference, title, category::text, status::text, "approxLatitude" as lat, "approxLongitude" as lon
       from "ServiceRequest" where ${MAP_WHERE} order by "createdAt" desc, id desc limit ${MAP_MARKER_CAP + 1}`,
    mapParams(b),
  );
  return { rows: r.rows.slice(0, MAP_MARKER_CAP), nextCursor: null };
}

// ─── where the difference to hand-written SQL goes ────────────────────────────────────────────

/**
 * The same page, layer by layer, interleaved: pg alone; the same SQL through Prisma's raw query;
 * Prisma findMany with lib/data's policy WHERE and column list; lib/data itself (zod parse,
 * policy WHERE, findMany, per-row field projection).
 */
async function overheadBreakdown(s: Scenario): Promise<Breakdown> {
  const v = await viewerOf(s);
  const all = MODEL_FIELDS.ServiceRequest;
  const select = Object.fromEntries(columnsFor(v.ability, "read", "ServiceRequest", all).map((c) => [c, true]));
  const where = scopedWhere(v, "read", "ServiceRequest", {});
  const sql = `select ${cols(s.columns)} from "ServiceRequest" where ${s.where} order by "createdAt" desc, "id" desc limit 51`;
  // The same findMany on a client without the CASL extension: what the extension's hooks cost.
  const plain = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  const steps: [keyof Breakdown, () => Promise<unknown>][] = [
    ["pg", () => handPool.query(sql, s.params)],
    ["prismaRaw", () => db.$queryRawUnsafe(sql, ...s.params)],
    [
      "prismaPlain",
      () =>
        plain.serviceRequest.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select }),
    ],
    [
      "prismaFindMany",
      () => db.serviceRequest.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 51, select }),
    ],
    ["libdata", () => libdataCursorPage(v, s)],
  ];
  const times = Object.fromEntries(steps.map(([k]) => [k, [] as number[]])) as Record<keyof Breakdown, number[]>;
  const end = performance.now() + BUDGET_MS;
  for (let i = 0; i < 10 || (i < 400 && performance.now() < end); i++) {
    for (const [k, fn] of steps) {
      const t0 = process.hrtime.bigint();
      await fn();
      if (i >= 5) times[k].push(msSince(t0));
    }
  }
  const rows = (await db.serviceRequest.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select,
  })) as Row[];
  const proj: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = process.hrtime.bigint();
    for (const r of rows) project(v.ability, "read", "ServiceRequest", r, all);
    proj.push(msSince(t0));
  }
  times.projection = proj;
  await plain.$disconnect();
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, summarize(xs).median])) as Breakdown;
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const scs = await scenarios();
  const rowsInScope = async (s: Scenario) =>
    Number(
      (await handPool.query<{ n: string }>(`select count(*) as n from "ServiceRequest" where ${s.where}`, s.params))
        .rows[0]!.n,
    );

  // 1. Ability build.
  log("ability build (cold, cached)…");
  const staffCtx: AbilityContext = { modules: await loadModuleSwitches(), includePublic: false };
  const manager = await scs[0]!.principal();
  const operator = await scs[1]!.principal();
  // Someone working for two municipalities: an active operator at home plus a second membership.
  const multi = await handPool.query<{ userId: string }>(
    `select m2."userId" from "Membership" m2 join "Membership" m1 on m1.id = replace(m2.id, 'bench-ms2-', 'bench-ms-')
     join "User" u on u.id = m2."userId"
     where m2.id like 'bench-ms2-%' and m1.status = 'ACTIVE' and m1.groups = array['operator'] and u."isActive" order by m2.id limit 1`,
  );
  const multiPrincipal = await loadUserPrincipal(multi.rows[0]!.userId);
  const multiLabel =
    multiPrincipal.kind === "user"
      ? `${multiPrincipal.memberships.length} memberships (${multiPrincipal.memberships.map((m) => m.groups.join("+")).join(", ")})`
      : "anonymous";
  const ability: AbilityResult[] = [
    abilityBench("anonymous (public group)", ANONYMOUS, { modules: staffCtx.modules }),
    abilityBench("manager, 1 membership", manager, staffCtx),
    abilityBench("operator with 2 categories", operator, staffCtx),
    abilityBench(multiLabel, multiPrincipal, staffCtx),
  ];

  // Per-request cost of getting a viewer, the database round trips included.
  log("per-request viewer…");
  const token = process.env.BENCH_TOKEN;
  const managerId = manager.kind === "user" ? manager.userId : "";
  const bearerToViewer = async () =>
    staffViewerFor((await principalFromBearer(`Bearer ${token}`, "127.0.0.1")).principal);
  const principalToViewer = async () => staffViewerFor(await loadUserPrincipal(managerId));
  if (token) await bearerToViewer(); // the token's use is recorded once; steady state from here
  const perRequest: PerRequestResult = {
    bearerToViewerMs: summarize(token ? await sample(bearerToViewer, BUDGET_MS / 2) : []),
    principalToViewerMs: summarize(await sample(principalToViewer, BUDGET_MS / 2)),
    // Statements sent to the database per call (Prisma's query log), steady state.
    roundTrips: {
      bearerToViewer: token ? (await captureSql(bearerToViewer)).length : 0,
      principalToViewer: (await captureSql(principalToViewer)).length,
      publicViewer: (await captureSql(() => viewerFor(ANONYMOUS))).length,
    },
  };

  // 2./3. Lists.
  const lists: ListResult[] = [];
  const workspace: ListResult[] = [];
  for (const s of scs) {
    log(`list: ${s.key}…`);
    const v = await viewerOf(s);
    const inScope = await rowsInScope(s);

    const { theirs, compared } = await againstHand(
      () => libdataCursorPage(v, s),
      () => handCursorPage(s),
      BUDGET_MS,
    );

    // The naive way gets a smaller budget: at 1M rows one call may scan the whole table.
    // The first call counts: at 1M rows one naive call for a small town reads a third of the table.
    const n0 = process.hrtime.bigint();
    const naiveOnce = await naivePage(v, s);
    const naiveSamples: number[] = [msSince(n0)];
    const naiveIdentical = canonical({ rows: naiveOnce.rows, nextCursor: naiveOnce.nextCursor }) === canonical(theirs);
    const naiveEnd = performance.now() + BUDGET_MS;
    while (naiveSamples.length < 100 && performance.now() < naiveEnd) {
      const t0 = process.hrtime.bigint();
      await naivePage(v, s);
      naiveSamples.push(msSince(t0));
    }
    const naiveMs = summarize(naiveSamples);

    lists.push({
      scenario: s.key,
      label: s.label,
      rowsInScope: inScope,
      ...compared,
      naive: {
        ms: naiveMs,
        scannedRows: naiveOnce.scanned,
        ratio: naiveMs.median / compared.libdataMs.median,
        identical: naiveIdentical,
        capped: naiveSamples.length < 5,
      },
      ...(await explainList(v, s)),
    });

    // The workspace page: offset paging with the total count (two queries, in parallel).
    const paged = await againstHand(
      () => libdataWorkspacePage(v, s),
      () => handWorkspacePage(s),
      BUDGET_MS / 2,
    );
    workspace.push({ scenario: s.key, label: s.label, rowsInScope: inScope, ...paged.compared });
  }

  // 4. The public map's open requests (lib/data/request-map.ts) against hand-written SQL.
  const map: ListResult[] = [];
  const anon = await viewerFor(ANONYMOUS);
  for (const w of MAP_WINDOWS) {
    log(`map: ${w.key}…`);
    const compared = await againstHand(
      async () => ({ rows: (await openRequestsOnMap(anon, municipalityId(1), w.bounds)).markers, nextCursor: null }),
      () => handMap(w.bounds),
      BUDGET_MS / 2,
    );
    const captured = await captureSql(() => openRequestsOnMap(anon, municipalityId(1), w.bounds));
    const q = captured.find((c) => /from "public"\."ServiceRequest"/i.test(c.query));
    const inScope = await handPool.query<{ n: string }>(
      `select count(*) as n from "ServiceRequest" where ${MAP_WHERE}`,
      mapParams(w.bounds),
    );
    map.push({
      scenario: w.key,
      label: w.label,
      rowsInScope: Number(inScope.rows[0]!.n),
      ...compared.compared,
      ...(q ? { explain: await explain(q) } : {}),
      statements: captured.length,
    });
  }

  log("where lib/data's time goes (manager page)…");
  const breakdown = await overheadBreakdown(scs[0]!);
  writeFileSync(
    outFile!,
    JSON.stringify(
      { ability, perRequest, lists, workspace, map, breakdown } satisfies {
        ability: AbilityResult[];
        perRequest: PerRequestResult;
        lists: ListResult[];
        workspace: ListResult[];
        map: ListResult[];
        breakdown: Breakdown;
      },
      null,
      2,
    ),
  );
}

main()
  .then(async () => {
    await handPool.end();
    await db.$disconnect();
    process.exit(0);
  })
  .catch(async (err: unknown) => {
    console.error(err);
    await handPool.end().catch(() => {});
    process.exit(1);
  });
