// Benchmark data, generated inside PostgreSQL with set-based SQL (generate_series), so a
// million service requests take seconds rather than the minutes row-by-row inserts would.
// Deterministic: setseed() and no parallel workers, so every machine gets the same data.
//
// Shape (why: authorization cost depends on how skewed the tenants are):
// - 200 municipalities with Zipf-distributed sizes (rank r gets ∝ 1/r of the records): the
//   largest holds ~17 % of all rows, the median ~0.17 %, like real municipal platforms where a
//   few cities dwarf the villages.
// - 10,000 users, spread over municipalities by the same law (at least 5 each), one membership
//   each plus a second one for 3 %; groups skewed towards operators and viewers; half the
//   operators restricted to 1–3 categories; a few suspended or pending.
// - Categories, statuses and ages skewed (roads and waste dominate, old requests are closed).
// The first users of each municipality have fixed roles, so the benchmark can pick its
// principals deterministically (see BENCH_USERS).
import pg from "pg";
import { createHash, randomBytes } from "node:crypto";

/** Bump when the generated data changes: databases built by an older generator are rebuilt. */
export const GENERATOR_VERSION = 4;
export const MUNICIPALITIES = 200;
export const USERS = 10_000;

/** Per municipality, the user at index k (0-based) has a fixed role. */
export const BENCH_USERS = {
  admin: 0,
  manager: 1,
  operatorAll: 2,
  /** Operator restricted to PARKS and GRAFFITI (~16 % of the rows), plus what is assigned to them. */
  operatorRestricted: 3,
  viewer: 4,
  volunteer: 5,
} as const;
export const RESTRICTED_CATEGORIES = ["PARKS", "GRAFFITI"] as const;

export const municipalityId = (rank: number) => `bench-m-${String(rank).padStart(3, "0")}`;
export const userId = (globalIndex: number) => `bench-u-${String(globalIndex).padStart(5, "0")}`;

type Meta = { generator: number; rows: number };

async function readMeta(adminUrl: string, database: string): Promise<Meta | null> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query<{ comment: string | null }>(
      "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
      [database],
    );
    const comment = r.rows[0]?.comment;
    if (!comment) return null;
    try {
      return JSON.parse(comment) as Meta;
    } catch {
      return null;
    }
  } finally {
    await c.end();
  }
}

/** True when the database holds data from this generator version at this size. */
export async function isCurrent(adminUrl: string, database: string, rows: number): Promise<boolean> {
  const meta = await readMeta(adminUrl, database);
  return meta?.generator === GENERATOR_VERSION && meta.rows === rows;
}

export async function markCurrent(adminUrl: string, database: string, rows: number): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    // The database comment holds the generator version: no extra table in the app's schema.
    const meta = JSON.stringify({ generator: GENERATOR_VERSION, rows } satisfies Meta);
    await c.query(`comment on database "${database.replace(/"/g, "")}" is '${meta.replace(/'/g, "''")}'`);
  } finally {
    await c.end();
  }
}

/**
 * Fills an empty, migrated database. Returns the seconds spent per phase.
 * Non-unique and unique secondary indexes of ServiceRequest are dropped during the bulk insert
 * and rebuilt afterwards from their own definitions (a sorted bulk build is several times faster
 * than maintaining 7 indexes row by row); whatever indexes the migrations define come back.
 */
export async function generate(url: string, rows: number, log: (s: string) => void): Promise<Record<string, number>> {
  // Interpolated into DDL (CREATE TABLE AS takes no parameters): only a plain integer may pass.
  if (!Number.isSafeInteger(rows) || rows < 1000) throw new Error(`bad row count ${rows}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const timings: Record<string, number> = {};
  const phase = async (name: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    await c.query(sql, params);
    timings[name] = (timings[name] ?? 0) + (performance.now() - t0) / 1000;
  };
  try {
    await c.query("set max_parallel_workers_per_gather = 0");
    await c.query("set synchronous_commit = off");
    await c.query("set maintenance_work_mem = '256MB'");
    await c.query("select setseed(0.4242)");

    // Rank → size weight (Zipf, s = 1), record count and user range. Rank 1 absorbs rounding so
    // the totals are exact.
    await phase(
      "municipalities",
      `
      create temp table bench_m as
      with w as (
        select r as rank, 1.0 / r as w from generate_series(1, ${MUNICIPALITIES}) r
      ), s as (select sum(w) as total from w),
      c as (
        select rank, floor(${rows}::numeric * w / total)::int as n_rows,
               5 + floor(${USERS - 5 * MUNICIPALITIES}::numeric * w / total)::int as n_users
        from w, s
      )
      select rank,
             'bench-m-' || lpad(rank::text, 3, '0') as id,
             case when rank = 1 then ${rows} - (select sum(n_rows) from c where rank > 1) else n_rows end as n_rows,
             case when rank = 1 then ${USERS} - (select sum(n_users) from c where rank > 1) else n_users end as n_users
      from c`,
    );
    await phase(
      "municipalities",
      `
      alter table bench_m add column user_start int;
      update bench_m m set user_start = x.s from (
        select rank, coalesce(sum(n_users) over (order by rank rows between unbounded preceding and 1 preceding), 0)::int as s from bench_m
      ) x where x.rank = m.rank`,
    );
    await phase(
      "municipalities",
      `
      insert into "Municipality" (id, slug, name, region, description, "requiresApproval", "createdAt", "updatedAt")
      select id, 'bench-' || rank, 'Bench Town ' || rank, 'Region ' || (rank % 12 + 1),
             'Benchmark municipality of rank ' || rank || ' (' || n_rows || ' service requests).',
             rank % 3 <> 0, timestamp '2023-01-01', timestamp '2023-01-01'
      from bench_m`,
    );
    await phase(
      "municipalities",
      `
      insert into "Department" (id, "municipalityId", slug, name, "createdAt")
      select m.id || '-' || d.slug, m.id, d.slug, d.name, timestamp '2023-01-01'
      from bench_m m cross join (values ('pw', 'Public Works'), ('parks', 'Parks and Heritage'), ('clerk', 'Town Clerk')) d(slug, name)`,
    );

    await phase(
      "users",
      `
      insert into "User" (id, email, name, "isActive", "accessVersion", "createdAt", "updatedAt")
      select 'bench-u-' || lpad(u::text, 5, '0'), 'bench-user-' || u || '@bench.test', 'Bench User ' || u,
             u % 97 <> 50, 0, timestamp '2023-01-01', timestamp '2023-01-01'
      from generate_series(0, ${USERS - 1}) u`,
    );
    // Home memberships: fixed roles for k < 6, then a skewed mix.
    await phase(
      "users",
      `
      insert into "Membership" (id, "userId", "municipalityId", status, groups, "departmentId", "allowedCategories", source, "createdAt", "updatedAt")
      select 'bench-ms-' || lpad(u::text, 5, '0'), 'bench-u-' || lpad(u::text, 5, '0'), m.id,
             (case when k < 6 or r1 < 0.92 then 'ACTIVE' when r1 < 0.96 then 'SUSPENDED' else 'PENDING_APPROVAL' end)::"MembershipStatus",
             array[case k when 0 then 'municipality_admin' when 1 then 'manager' when 2 then 'operator' when 3 then 'operator'
                          when 4 then 'viewer' when 5 then 'volunteer' else
                    case when r2 < 0.45 then 'operator' when r2 < 0.70 then 'viewer' when r2 < 0.80 then 'manager'
                         when r2 < 0.88 then 'volunteer' when r2 < 0.93 then 'analyst' when r2 < 0.97 then 'document_editor'
                         else 'municipality_admin' end end],
             case when r3 < 0.6 then m.id || '-' || (array['pw','parks','clerk'])[1 + floor(r3 / 0.2)::int] end,
             (case when k = 3 then array['PARKS','GRAFFITI']
                   when k >= 6 and r2 < 0.45 and r3 < 0.5 then
                     (array['ROADS','STREET_LIGHTING','WASTE','PARKS','WATER','NOISE','GRAFFITI','OTHER'])[1 + floor(r4 * 6)::int : 1 + floor(r4 * 6)::int + floor(r3 * 6)::int]
                   else array[]::text[] end)::"ServiceCategory"[],
             'seed', timestamp '2023-01-01', timestamp '2023-01-01'
      from (
        select m.*, u, u - m.user_start as k, random() as r1, random() as r2, random() as r3, random() as r4
        from bench_m m cross join lateral generate_series(m.user_start, m.user_start + m.n_users - 1) u
      ) m`,
    );
    // 3 % of people also work for a second municipality (shared services), as viewers.
    await phase(
      "users",
      `
      insert into "Membership" (id, "userId", "municipalityId", status, groups, source, "createdAt", "updatedAt")
      select 'bench-ms2-' || lpad(u::text, 5, '0'), 'bench-u-' || lpad(u::text, 5, '0'),
             'bench-m-' || lpad(((m.rank + 36) % ${MUNICIPALITIES} + 1)::text, 3, '0'),
             'ACTIVE', array['viewer'], 'seed', timestamp '2023-01-01', timestamp '2023-01-01'
      from bench_m m cross join lateral generate_series(m.user_start + 6, m.user_start + m.n_users - 1) u
      where u % 33 = 7`,
    );

    const { rows: indexes } = await c.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where tablename = 'ServiceRequest' and indexname <> 'ServiceRequest_pkey'`,
    );
    for (const i of indexes) await c.query(`drop index "${i.indexname}"`);

    log(`  inserting ${rows.toLocaleString("en")} service requests…`);
    await phase(
      "serviceRequests",
      `
      insert into "ServiceRequest" (id, "municipalityId", "departmentId", reference, category, title, description, status,
        "isPublic", area, address, latitude, longitude, "approxLatitude", "approxLongitude", "reporterName", "reporterEmail", "reporterPhone", "internalNotes",
        "assigneeId", "createdAt", "updatedAt", "resolvedAt")
      select 'c' || substr(md5(x.mid || ':' || x.n), 1, 24), x.mid,
             x.mid || '-' || case when x.cat in ('PARKS','GRAFFITI','OTHER') then 'parks' when x.cat = 'NOISE' then 'clerk' else 'pw' end,
             'BR-' || lpad(x.n::text, 7, '0'), x.cat::"ServiceCategory",
             (array['Pothole near the bus stop','Street light out for a week','Overflowing public bin','Broken swing in playground',
                    'Blocked storm drain','Night-time construction noise','Graffiti on the chapel wall','Bench missing its slats'])[x.ci],
             'Reported by a resident: ' || (array['the problem has been there for days and is getting worse.',
               'it is dangerous for cyclists and children on their way to school.',
               'neighbours have complained before; please send someone soon.',
               'photos were attached to the original report by the reporter.'])[1 + floor(x.r2 * 4)::int],
             x.st::"ServiceRequestStatus",
             x.cat <> 'NOISE' and x.r3 > 0.08,
             (array['North','South','East','West','Centre','Harbour','Old Town','Riverside'])[1 + floor(x.r4 * 8)::int],
             (1 + floor(x.r5 * 180))::int || ' ' || (array['Quay Street','Mill Lane','Bridge Road','Chapel Row','Station Avenue','Lake Road'])[1 + floor(x.r2 * 6)::int],
             52 + x.r3 / 10, 5 + x.r4 / 10,
             -- The public's coarse point: the 0.0025° grid of lib/schemas/coarse-location.ts.
             round((round((52 + x.r3 / 10) / 0.0025) * 0.0025)::numeric, 4)::float8,
             round((round((5 + x.r4 / 10) / 0.0025) * 0.0025)::numeric, 4)::float8,
             (array['Anna','Bram','Daan','Eva','Femke','Gijs','Noor','Omar','Priya','Sara'])[1 + floor(x.r5 * 10)::int] || ' ' ||
               (array['de Vries','Jansen','Bakker','Visser','Smit','Meijer','Mulder','Bos'])[1 + floor(x.r3 * 8)::int],
             'reporter' || (x.n % 5000) || '@example.org',
             '+31 6 ' || lpad((floor(x.r5 * 100000000))::bigint::text, 8, '0'),
             case when x.st <> 'SUBMITTED' then (array['Crew scheduled; contractor quote requested.',
               'Reporter called twice; be tactful.', 'Linked to insurance claim, do not discuss liability.',
               'Site visit done, photos in the case file.'])[1 + floor(x.r4 * 4)::int] end,
             -- Half of the worked requests are assigned to someone of that municipality.
             case when x.st <> 'SUBMITTED' and x.r5 < 0.5 then 'bench-u-' || lpad((x.user_start + floor(x.r2 * x.n_users))::int::text, 5, '0') end,
             x.created, x.created + interval '1 day' * least(x.age_days, x.r2 * 20),
             case when x.st in ('RESOLVED','CLOSED') then x.created + interval '1 day' * least(x.age_days, 1 + x.r4 * 30) end
      from (
        select y.*,
               -- Status follows age: last week's reports are new, last year's are mostly closed.
               case when y.age_days < 7 then (case when y.r3 < 0.7 then 'SUBMITTED' else 'TRIAGED' end)
                    when y.age_days < 60 then (case when y.r3 < 0.15 then 'SUBMITTED' when y.r3 < 0.35 then 'TRIAGED'
                                                    when y.r3 < 0.75 then 'IN_PROGRESS' else 'RESOLVED' end)
                    else (case when y.r3 < 0.04 then 'IN_PROGRESS' when y.r3 < 0.55 then 'RESOLVED'
                               when y.r3 < 0.90 then 'CLOSED' else 'REJECTED' end) end as st,
               timestamp '2026-11-20 18:00' - interval '1 day' * y.age_days as created
        from (
          select z.*, (array['ROADS','STREET_LIGHTING','WASTE','PARKS','WATER','NOISE','GRAFFITI','OTHER'])[z.ci] as cat
          from (
            select mid, user_start, n_users, n,
                   -- Category skew: roads 30 %, waste 20 %, lighting 14 %, parks 10 %, water 8 %, noise 7 %, graffiti 6 %, other 5 %.
                   case when r1 < 0.30 then 1 when r1 < 0.50 then 3 when r1 < 0.64 then 2 when r1 < 0.74 then 4
                        when r1 < 0.82 then 5 when r1 < 0.89 then 6 when r1 < 0.95 then 7 else 8 end as ci,
                   -- Ages skew recent (r^1.6 over three years), with a time of day.
                   power(r0, 1.6) * 1095 as age_days, r2, r3, r4, r5
            from (
              -- random() in a target list: evaluated per row, and the subquery is never pulled up.
              select m.id as mid, m.user_start, m.n_users, n,
                     random() as r0, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
              from bench_m m cross join lateral generate_series(1, m.n_rows) n
            ) rr
          ) z
        ) y
      ) x`,
    );
    log(`  rebuilding ${indexes.length} indexes…`);
    for (const i of indexes) await phase("indexes", i.indexdef);
    await phase("vacuumAnalyze", 'vacuum (analyze) "ServiceRequest"');
    await phase("vacuumAnalyze", "analyze");
    return timings;
  } finally {
    await c.end();
  }
}

/** A fresh API token row for a user (the secret is returned once, only its SHA-256 is stored). */
export async function createBenchToken(
  url: string,
  user: string,
  municipality: string,
  groups: string[],
): Promise<{ token: string; id: string }> {
  const token = `gh_${randomBytes(32).toString("base64url")}`;
  const id = `bench-t-${randomBytes(6).toString("hex")}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Tokens of earlier runs are removed: each run uses its own.
    await c.query(`delete from "ApiToken" where id like 'bench-t-%'`);
    await c.query(
      `insert into "ApiToken" (id, name, "tokenHash", prefix, "userId", "municipalityId", groups, "createdById", "expiresAt", "createdAt")
       values ($1, 'benchmark', $2, $3, $4, $5, $6, $4, now() + interval '1 day', now())`,
      [id, createHash("sha256").update(token).digest("hex"), token.slice(0, 10), user, municipality, groups],
    );
  } finally {
    await c.end();
  }
  return { token, id };
}
