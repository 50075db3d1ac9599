// bench/report.md and bench/chart.svg from the results. The SVG is drawn by hand (no chart
// library, no web fonts: it must render the same offline, in a browser or on GitHub).
import type { HttpResult, ListResult, Results, SizeResult } from "./types.ts";

const f = (n: number | null | undefined, d = 2) => (n === null || n === undefined || Number.isNaN(n) ? "–" : n.toFixed(d));
const int = (n: number) => Math.round(n).toLocaleString("en");
const ok = (b: boolean) => (b ? "✅" : "❌");

const TARGET_RATIO = 1.2;
const TARGET_CACHED_US = 50;
const TARGET_P95_MS = 50;

function largest(r: Results): SizeResult | undefined {
  return r.sizes.at(-1);
}

function httpAt(s: SizeResult | undefined, endpoint: HttpResult["endpoint"], connections: number): HttpResult | undefined {
  return s?.http.find((h) => h.endpoint === endpoint && h.connections === connections);
}

function targets(r: Results): string {
  const big = largest(r);
  const lines = ["| target | measured | met |", "| --- | --- | --- |"];
  if (big) {
    const worst = big.lists.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const all = big.lists.map((l) => `${l.scenario} ${f(l.ratio)}×`).join(", ");
    lines.push(`| lib/data list page within ${TARGET_RATIO}× of hand-written SQL (${big.size}, median) | worst ${f(worst.ratio)}× (${worst.scenario}); ${all} | ${ok(worst.ratio <= TARGET_RATIO)} |`);
    const cached = big.ability.reduce((a, b) => (b.cachedUs.median > a.cachedUs.median ? b : a));
    lines.push(`| ability from cache < ${TARGET_CACHED_US} µs median | worst ${f(cached.cachedUs.median)} µs (${cached.principal}) | ${ok(cached.cachedUs.median < TARGET_CACHED_US)} |`);
  }
  const oneM = r.sizes.find((s) => s.rows === 1_000_000);
  const h = httpAt(oneM, "staff", 8);
  if (h) lines.push(`| staff list API p95 < ${TARGET_P95_MS} ms at 8 connections, 1M rows | p95 ${f(h.p95, 1)} ms (${f(h.rps, 0)} req/s) | ${ok(h.p95 < TARGET_P95_MS)} |`);
  else {
    const any = httpAt(big, "staff", 8);
    lines.push(`| staff list API p95 < ${TARGET_P95_MS} ms at 8 connections, 1M rows | not measured at 1M in this run${any ? `; at ${big!.size}: p95 ${f(any.p95, 1)} ms` : ""} | – |`);
  }
  return lines.join("\n");
}

function abilitySection(r: Results): string {
  const big = largest(r);
  if (!big) return "";
  const rows = big.ability.map((a) => `| ${a.principal} | ${a.rules} | ${f(a.coldUs.median, 1)} | ${f(a.coldUs.p95, 1)} | ${f(a.cachedUs.median, 2)} | ${f(a.cachedUs.p95, 2)} |`);
  const pr = big.perRequest;
  return [
    `Measured on the ${big.size} database (the ability does not depend on the table size). "Cold" empties the ability cache before every call (compiled policy files stay cached, as they do in a running server); "cached" is a hit for the same principal. ${int(big.ability[0]?.coldUs.n ?? 0)} cold and ${int(big.ability[0]?.cachedUs.n ?? 0)} cached calls per principal, the first 10 % discarded as warm-up.`,
    "",
    "| principal | rules | cold median µs | cold p95 µs | cached median µs | cached p95 µs |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    "The whole per-request authorization path, database round trips included (what every API request pays before its query):",
    "",
    "| path | median ms | p95 ms |",
    "| --- | ---: | ---: |",
    `| bearer token → principal (token lookup, fresh memberships, rate-limit bucket upsert) → staff viewer | ${f(pr.bearerToViewerMs.median)} | ${f(pr.bearerToViewerMs.p95)} |`,
    `| user id → fresh principal → staff viewer (session path after the cookie check) | ${f(pr.principalToViewerMs.median)} | ${f(pr.principalToViewerMs.p95)} |`,
  ].join("\n");
}

function listTable(r: Results, pick: (s: SizeResult) => ListResult[], withNaive: boolean): string {
  const head = withNaive
    ? ["| scenario | rows | in scope | lib/data median / p95 ms | hand SQL median / p95 ms | ratio | same rows | naive median ms | naive rows read | naive ÷ lib/data |", "| --- | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: |"]
    : ["| scenario | rows | in scope | lib/data median / p95 ms | hand SQL median / p95 ms | ratio | same rows |", "| --- | ---: | ---: | ---: | ---: | ---: | :---: |"];
  const body: string[] = [];
  const scenarios = [...new Set(r.sizes.flatMap((s) => pick(s).map((l) => l.scenario)))];
  for (const sc of scenarios) {
    for (const s of r.sizes) {
      const l = pick(s).find((x) => x.scenario === sc);
      if (!l) continue;
      const base = `| ${sc} | ${s.size} | ${int(l.rowsInScope)} | ${f(l.libdataMs.median)} / ${f(l.libdataMs.p95)} | ${f(l.handMs.median)} / ${f(l.handMs.p95)} | ${f(l.ratio)}× | ${ok(l.identical)}`;
      body.push(withNaive && l.naive ? `${base} | ${f(l.naive.ms.median, 1)}${l.naive.identical ? "" : " ❌"} | ${int(l.naive.scannedRows)} | ${f(l.naive.ratio, 1)}× |` : `${base} |`);
    }
  }
  return [...head, ...body].join("\n");
}

function httpTable(r: Results): string {
  const lines = ["| rows | endpoint | connections | req/s | p50 ms | p95 ms | p99 ms | requests | errors / non-2xx |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"];
  for (const s of r.sizes) {
    for (const h of s.http) lines.push(`| ${s.size} | ${h.endpoint} | ${h.connections} | ${f(h.rps, 0)} | ${f(h.p50, 1)} | ${f(h.p95, 1)} | ${f(h.p99, 1)} | ${int(h.requests)} | ${h.errors} / ${h.non2xx} |`);
    if (s.httpNote) lines.push(`| ${s.size} | – | – | – | – | – | – | – | ${s.httpNote.replace(/\|/g, "/")} |`);
  }
  return lines.join("\n");
}

function explainSection(r: Results): string {
  const big = largest(r);
  if (!big) return "";
  const out: string[] = [];
  for (const l of big.lists) {
    if (!l.explain) {
      out.push(`- **${l.scenario}**: the SQL could not be captured.`);
      continue;
    }
    out.push(`- **${l.scenario}** — ${l.explain.seqScan ? "❌ sequential scan" : "index scan"}, execution ${f(l.explain.executionMs)} ms`);
  }
  out.push("", "<details><summary>SQL and plans (EXPLAIN ANALYZE, BUFFERS)</summary>", "");
  for (const l of big.lists) {
    if (!l.explain) continue;
    out.push(`#### ${l.scenario}: ${l.label}`, "", "```sql", l.explain.sql, "```", "", "```", l.explain.plan, "```", "");
  }
  out.push("</details>");
  return out.join("\n");
}

function overheadNote(r: Results): string {
  const big = largest(r);
  if (!big) return "";
  const diffs = big.lists.map((l) => l.libdataMs.median - l.handMs.median).sort((a, b) => a - b);
  const mid = diffs[Math.floor(diffs.length / 2)] ?? 0;
  const b = big.breakdown;
  const table = b
    ? [
        "",
        `Where the difference goes (manager's page at ${big.size}, medians of interleaved calls):`,
        "",
        "| layer | median ms | added by this layer |",
        "| --- | ---: | ---: |",
        `| pg, hand-written SQL | ${f(b.pg)} | |`,
        `| the same SQL through Prisma (\`$queryRawUnsafe\`: driver adapter, result mapping) | ${f(b.prismaRaw)} | ${f(b.prismaRaw - b.pg)} |`,
        `| Prisma \`findMany\` with lib/data's policy WHERE and columns (query compiler, mapping) | ${f(b.prismaFindMany)} | ${f(b.prismaFindMany - b.prismaRaw)} |`,
        `| lib/data \`listServiceRequestsAfter\` (zod parse, policy WHERE, per-row field projection) | ${f(b.libdata)} | ${f(b.libdata - b.prismaFindMany)} |`,
        `| of which: per-row field projection of 50 rows alone | ${f(b.projection)} | |`,
      ].join("\n")
    : "";
  return `At ${big.size} rows lib/data costs a roughly constant ${f(mid)} ms (median over scenarios) more than the hand-written query, while the database does the same work (same plan; see the EXPLAIN section). Where the SQL is cheap, this fixed cost dominates the ratio.\n${table}`;
}

function findings(r: Results): string {
  const big = largest(r);
  if (!big) return "";
  const naive = big.lists.filter((l) => l.naive).map((l) => `${l.scenario} ${f(l.naive!.ratio, 0)}× (${int(l.naive!.scannedRows)} rows read)`).join(", ");
  const bearer = big.perRequest.bearerToViewerMs.median;
  const busy = Math.max(...r.machine.loadavgAtStart, ...r.machine.loadavgAtEnd);
  return [
    `- **Policy in the query pays.** At ${big.size} rows the naive way is ${naive} slower than lib/data, and it grows with the table while lib/data's page stays a 50-row index walk.`,
    `- **lib/data vs hand SQL: the database work is identical, the difference is client-side.** The rows are the same in every scenario and size, and the plans are index scans; the gap is a near-constant cost per query in Prisma (query building and result mapping) plus lib/data's parse and per-row projection (see the layer table). At the sizes measured the 1.2× target is ${big.lists.every((l) => l.ratio <= TARGET_RATIO) ? "met" : "not met"}: closing it is work in lib/data / Prisma (e.g. selecting through a prepared raw query for the hottest list), not in the database.`,
    `- **Ability build is not the cost.** Cached abilities take a few microseconds (the JSON key of the principal plus a map lookup); even a cold build is tens of microseconds. The per-request cost is the database round trips around it: bearer token → viewer takes ${f(bearer)} ms median (token lookup, user with memberships, a rate-limit bucket upsert on every request of the token, module switches). The upsert writes the same row for every request of one token, so concurrent requests with one token queue on its row lock; recording token use only when its window has expired (a read first, or an in-memory last-recorded time) and reading module switches with the principal would save two of the four round trips (lib/auth, lib/policy).`,
    `- **HTTP numbers are from a busy machine.** The load average reached ${f(busy)} on ${r.machine.cpus} cores during this run (other engineers' builds and end-to-end tests), and autocannon, Next.js and PostgreSQL share those cores; the latencies above are dominated by waiting for CPU. Re-run \`npm run bench\` on a quiet machine before judging the p95 target.`,
    r.mode === "small" ? "- **Left to do:** the full run (`npm run bench`, adds the 1M-row database; expect ~10 minutes the first time, most of it generating 1M rows and loading the server) and committing its report." : "",
  ].filter(Boolean).join("\n");
}

export function renderReport(r: Results): string {
  const sizes = r.sizes.map((s) => s.size).join(" → ");
  const big = largest(r);
  return `# Benchmark: authorization at database speed

> **This report is from a \`--size ${r.mode}\` run (${sizes} service requests)**${r.mode === "small" ? " — the 1M-row size was not part of it." : "."}
> Generated ${r.generatedAt} by \`npm run bench${r.mode === "small" ? " -- --size small" : ""}\` in ${f(r.totalSeconds, 0)} s.
> Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres} (embedded, same machine).
> Load average at start ${r.machine.loadavgAtStart.map((x) => f(x)).join(" / ")}, at end ${r.machine.loadavgAtEnd.map((x) => f(x)).join(" / ")}: the machine is shared, so absolute numbers are noisy; ratios are measured side by side (interleaved calls) and are the robust part.
> Production build: ${r.build.reused ? `reused${r.build.current ? "" : " (older than the sources)"}` : r.build.current ? `built in ${f(r.build.seconds, 0)} s` : "none"}${r.build.note ? ` — ${r.build.note}` : ""}.

## How to run

\`\`\`sh
npm run bench                      # full: 10k, 100k and 1M rows, 10 s per load test
npm run bench -- --size small      # 10k and 100k rows, 5 s per load test (< 5 minutes once built)
# options: --build auto|always|never (production build; auto = rebuild when sources changed),
#          --regenerate (rebuild the databases), --duration S, --budget S, --skip-http,
#          --report-only (render report.md and chart.svg again from results.json)
\`\`\`

Databases \`gatehouse_bench_10k\`, \`_100k\`, \`_1m\` live on the embedded PostgreSQL (or the server in
\`DATABASE_URL\`, local only), migrated with the app's migrations and filled with set-based SQL
(\`generate_series\`, indexes rebuilt after the bulk insert, then \`VACUUM ANALYZE\`). They are reused
while the generator version matches. Data: 200 municipalities with Zipf-distributed sizes (the
largest holds ~17 % of all rows, the median ~0.17 %), 10,000 users with memberships (3 % in two
municipalities; operators, viewers, managers, volunteers, analysts, editors, admins; some suspended or
pending; half the operators restricted to 1–3 categories), skewed categories (roads 30 %, waste 20 %
…) and statuses that follow age.

## Targets

${targets(r)}

## 1. Ability build per request

${abilitySection(r)}

## 2. and 3. A list page of 50 rows: lib/data vs hand-written SQL vs the naive way

The staff API's page (\`listServiceRequestsAfter\`: cursor paging, 51 rows fetched to know whether
there is a next page). Hand-written SQL: the same WHERE a developer would write for that policy, the
same columns, run with \`pg\` directly. **Same rows** compares the two results field by field
(values, fields present, order, next cursor). The naive way reads rows in list order in batches of
1,000 through Prisma with no condition, keeps those \`ability.can("read", row)\` allows, and projects
them, until 51 are kept — identical output, but it reads everything the policy would have skipped.

${listTable(r, (s) => s.lists, true)}

${overheadNote(r)}

Scenarios: **staff-manager** — manager of the largest municipality (all its rows); **staff-operator** —
operator there restricted to 2 categories, plus the requests assigned to them (an \`OR\` of two policy
rules); **staff-viewer** — viewer of the median municipality (limited fields); **public-largest** —
anonymous public list of the largest municipality; **public-all** — anonymous list across all
municipalities.

### The workspace page (offset paging with the total count)

\`listServiceRequests\` runs the page and a \`count(*)\` in parallel; the hand-written version does the same.

${listTable(r, (s) => s.workspace, false)}

## 4. HTTP: production server under autocannon

\`next start\` on a free loopback port against each benchmark database, an API token of the largest
municipality's manager (groups: manager). Public: \`GET /api/public/v1/service-requests?municipalityId=…&limit=50\`
(anonymous). Staff: \`GET /api/v1/service-requests?limit=50\` with \`Authorization: Bearer\`. Each
endpoint warmed up for 2 s, then ${r.sizes[0]?.http[0]?.durationS ?? "–"} s at 1, 8 and 32 connections; percentiles over every response.
autocannon runs in the same machine as the server and the database (2 cores shared by all three).

${httpTable(r)}

## 5. Growth: 10k → 100k → 1M

![latency by size](chart.svg)

The left panel is the list page's median latency per size (log scale): through lib/data, by hand,
and the naive way. The right panel is the p95 of both APIs at 8 connections.

## EXPLAIN of the SQL lib/data sends (${big?.size ?? "–"} rows)

The SQL below is captured from Prisma's query log while lib/data runs the page, then explained with
the same parameters.

${explainSection(r)}

## Findings and what is left

${findings(r)}

## Indexes

Every policy condition on ServiceRequest starts with \`municipalityId\` (tenant rules) or is
\`isPublic\` (the public group). The tenant ones are served by the existing
\`(municipalityId, createdAt DESC, id)\` index (with an incremental sort on \`id\`), with the category
and assignee conditions applied as a filter while walking it in order. The public list across
municipalities had no index in its order and was a sequential scan plus a top-N sort; migration
\`public_list_index\` adds \`(isPublic, createdAt DESC, id DESC)\`.
`;
}

// ─── SVG ──────────────────────────────────────────────────────────────────────────────────────

const COLORS = { libdata: "#2563eb", hand: "#16a34a", naive: "#dc2626", public: "#9333ea", staff: "#ea580c" };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function renderChart(r: Results): string {
  const W = 960;
  const H = 380;
  const font = `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12"`;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${font}>`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);

  // Left: list page median (ms, log scale) per size.
  const L = { x: 60, y: 40, w: 420, h: 270 };
  parts.push(`<text x="${L.x}" y="22" font-size="14" font-weight="600">List page of 50 rows, median ms (log scale)</text>`);
  const sizes = r.sizes;
  const series: { name: string; color: string; dash: string; values: (number | undefined)[] }[] = [];
  const sc = (key: string, label: string, dash: string) => {
    series.push({ name: `lib/data, ${label}`, color: COLORS.libdata, dash, values: sizes.map((s) => s.lists.find((l) => l.scenario === key)?.libdataMs.median) });
    series.push({ name: `hand SQL, ${label}`, color: COLORS.hand, dash, values: sizes.map((s) => s.lists.find((l) => l.scenario === key)?.handMs.median) });
    series.push({ name: `naive, ${label}`, color: COLORS.naive, dash, values: sizes.map((s) => s.lists.find((l) => l.scenario === key)?.naive?.ms.median) });
  };
  sc("staff-manager", "manager (largest)", "");
  sc("staff-viewer", "viewer (median town)", "6 4");
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== undefined && v > 0));
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...all, 1))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all, 10))));
  const yOf = (v: number) => L.y + L.h - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * L.h;
  const xOf = (i: number) => L.x + (sizes.length === 1 ? L.w / 2 : (i / (sizes.length - 1)) * L.w);
  for (let d = lo; d <= hi; d *= 10) {
    const y = yOf(d);
    parts.push(`<line x1="${L.x}" y1="${y}" x2="${L.x + L.w}" y2="${y}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${L.x - 6}" y="${y + 4}" text-anchor="end" fill="#374151">${d >= 1 ? d : d.toFixed(-Math.log10(d))}</text>`);
  }
  sizes.forEach((s, i) => parts.push(`<text x="${xOf(i)}" y="${L.y + L.h + 18}" text-anchor="middle" fill="#374151">${esc(s.size)} rows</text>`));
  parts.push(`<line x1="${L.x}" y1="${L.y + L.h}" x2="${L.x + L.w}" y2="${L.y + L.h}" stroke="#9ca3af"/>`);
  for (const s of series) {
    const pts = s.values.map((v, i) => (v !== undefined && v > 0 ? `${xOf(i).toFixed(1)},${yOf(v).toFixed(1)}` : null)).filter((p): p is string => p !== null);
    if (pts.length === 0) continue;
    parts.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${s.color}" stroke-width="2" ${s.dash ? `stroke-dasharray="${s.dash}"` : ""}/>`);
    for (const p of pts) {
      const [x, y] = p.split(",");
      parts.push(`<circle cx="${x}" cy="${y}" r="3" fill="${s.color}"/>`);
    }
  }
  // Legend below the panel.
  series.forEach((s, i) => {
    const x = L.x + (i % 3) * 145;
    const y = L.y + L.h + 38 + Math.floor(i / 3) * 16;
    parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 18}" y2="${y - 4}" stroke="${s.color}" stroke-width="2" ${s.dash ? `stroke-dasharray="${s.dash}"` : ""}/>`);
    parts.push(`<text x="${x + 22}" y="${y}" fill="#111827" font-size="11">${esc(s.name)}</text>`);
  });

  // Right: p95 at 8 connections per size, grouped bars.
  const R = { x: 570, y: 40, w: 360, h: 270 };
  parts.push(`<text x="${R.x}" y="22" font-size="14" font-weight="600">API p95 at 8 connections, ms</text>`);
  const bars = sizes.map((s) => ({ size: s.size, pub: httpAt(s, "public", 8)?.p95, staff: httpAt(s, "staff", 8)?.p95 }));
  const maxV = Math.max(TARGET_P95_MS * 1.2, ...bars.flatMap((b) => [b.pub ?? 0, b.staff ?? 0]));
  const step = maxV > 200 ? 100 : maxV > 100 ? 25 : 10;
  const top = Math.ceil(maxV / step) * step;
  const yB = (v: number) => R.y + R.h - (v / top) * R.h;
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line x1="${R.x}" y1="${yB(v)}" x2="${R.x + R.w}" y2="${yB(v)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${R.x - 6}" y="${yB(v) + 4}" text-anchor="end" fill="#374151">${v}</text>`);
  }
  const group = R.w / Math.max(1, bars.length);
  bars.forEach((b, i) => {
    const gx = R.x + i * group;
    const bw = Math.min(40, group / 3);
    const draw = (v: number | undefined, k: number, color: string) => {
      const x = gx + group / 2 - bw + k * bw;
      if (v === undefined) {
        parts.push(`<text x="${x + bw / 2}" y="${R.y + R.h - 4}" text-anchor="middle" fill="#6b7280" font-size="10">n/a</text>`);
        return;
      }
      parts.push(`<rect x="${x + 2}" y="${yB(v)}" width="${bw - 4}" height="${R.y + R.h - yB(v)}" fill="${color}"/>`);
      parts.push(`<text x="${x + bw / 2}" y="${yB(v) - 4}" text-anchor="middle" fill="#111827" font-size="10">${v.toFixed(1)}</text>`);
    };
    draw(b.pub, 0, COLORS.public);
    draw(b.staff, 1, COLORS.staff);
    parts.push(`<text x="${gx + group / 2}" y="${R.y + R.h + 18}" text-anchor="middle" fill="#374151">${esc(b.size)} rows</text>`);
  });
  parts.push(`<line x1="${R.x}" y1="${yB(TARGET_P95_MS)}" x2="${R.x + R.w}" y2="${yB(TARGET_P95_MS)}" stroke="#111827" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${R.x + R.w}" y="${yB(TARGET_P95_MS) - 4}" text-anchor="end" fill="#111827" font-size="10">target ${TARGET_P95_MS} ms</text>`);
  parts.push(`<line x1="${R.x}" y1="${R.y + R.h}" x2="${R.x + R.w}" y2="${R.y + R.h}" stroke="#9ca3af"/>`);
  const ly = R.y + R.h + 38;
  parts.push(`<rect x="${R.x}" y="${ly - 10}" width="12" height="10" fill="${COLORS.public}"/><text x="${R.x + 16}" y="${ly}" font-size="11">public list API</text>`);
  parts.push(`<rect x="${R.x + 130}" y="${ly - 10}" width="12" height="10" fill="${COLORS.staff}"/><text x="${R.x + 146}" y="${ly}" font-size="11">staff list API (bearer)</text>`);
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}
