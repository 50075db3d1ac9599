// npm run bench:policy-diff [-- --size 10k|100k|1m] [--regenerate]
//
// "It runs at the benchmark size (1M requests, 10,000 people) in minutes, not hours: prove it
// with a figure" (issue 20). On the benchmark database of that size (bench/lib/databases.ts,
// built once and reused), with heritage sites and documents added per municipality (the request
// generator makes none), two policy changes are previewed against the current policies:
// volunteers' heritage fields narrowed, and managers losing export. Writes bench/policy-diff.json
// (seconds per change, principals replayed and changed, and the load average while measuring).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabaseServer } from "../scripts/lib/database.ts";
import { prepareDatabase, SIZES } from "./lib/databases.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const log = (s: string) => console.log(`[bench] ${s}`);

const argv = process.argv.slice(2);
const sizeArg = (() => {
  const i = argv.indexOf("--size");
  return i >= 0 ? argv[i + 1]! : "1m";
})();
const size = SIZES[sizeArg];
if (!size) throw new Error(`--size must be one of ${Object.keys(SIZES).join(", ")}`);

/** Heritage sites (25, every kind, some not public) and documents (10) per municipality, once. */
async function addHeritageAndDocuments(url: string): Promise<{ sites: number; documents: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`
      insert into "HeritageSite" (id, "municipalityId", kind, name, summary, district, period, designation, "isPublic",
        address, latitude, longitude, "ownerName", "ownerContact", "createdAt", "updatedAt")
      select m.id || '-hs-' || i, m.id,
             (array['HISTORIC_AREA','CHARACTER_AREA','ARCHAEOLOGICAL_ZONE','MASTER_PLAN_ZONE','INVENTORY_RESOURCE'])[1 + i % 5]::"HeritageKind",
             'Site ' || i || ' of ' || m.name, 'A bench heritage site', 'District ' || (i % 4), '19th century', 'Listed',
             i % 7 <> 0, i || ' Main Street', 45 + i * 0.001, 7 + i * 0.001, 'Owner ' || i, 'owner' || i || '@bench.test',
             timestamp '2023-01-01', timestamp '2023-01-01'
      from "Municipality" m cross join generate_series(1, 25) i
      where m.id like 'bench-m-%'
      on conflict (id) do nothing`);
    await c.query(`
      insert into "Document" (id, "municipalityId", kind, visibility, title, summary, body, "createdAt", "updatedAt")
      select m.id || '-doc-' || i, m.id, (array['REGULATION','GUIDANCE','LINK','FORM'])[1 + i % 4]::"DocumentKind",
             (case when i % 2 = 0 then 'PUBLIC' else 'INTERNAL' end)::"DocumentVisibility",
             'Document ' || i || ' of ' || m.name, 'A bench document', 'Text', timestamp '2023-01-01', timestamp '2023-01-01'
      from "Municipality" m cross join generate_series(1, 10) i
      where m.id like 'bench-m-%'
      on conflict (id) do nothing`);
    await c.query(`analyze "HeritageSite"; analyze "Document"`);
    const r = await c.query<{ sites: number; documents: number }>(
      `select (select count(*) from "HeritageSite")::int as sites, (select count(*) from "Document")::int as documents`,
    );
    return r.rows[0]!;
  } finally {
    await c.end();
  }
}

const groupFile = (name: string) => readFileSync(path.join(ROOT, "policies/groups", `${name}.yaml`), "utf8");

/** The two changes measured: a narrow one (one group's fields) and a broad one (an action of one group on three record types). */
function changes(): { name: string; files: { name: string; text: string }[] }[] {
  const volunteer = groupFile("volunteer")
    .replace(
      "fields: [id, municipalityId, kind, name, summary, district, period, designation, isPublic, address, latitude, longitude, createdAt, updatedAt]",
      "fields: [id, municipalityId, kind, name, summary, period, designation, isPublic, createdAt, updatedAt]",
    )
    .replace(
      "fields: [id, municipalityId, kind, name, summary, district, period, designation, isPublic, createdAt, updatedAt]",
      "fields: [id, municipalityId, kind, name, summary, period, designation, isPublic, createdAt, updatedAt]",
    );
  const manager = groupFile("manager").replace(
    "  - can: [read, export]\n    on: [ServiceRequest, HeritageSite, Document]",
    "  - can: read\n    on: [ServiceRequest, HeritageSite, Document]",
  );
  if (volunteer === groupFile("volunteer") || manager === groupFile("manager"))
    throw new Error("policies/groups changed: the benchmark's edits no longer apply (update bench/policy-diff.ts)");
  return [
    { name: "volunteer heritage fields narrowed", files: [{ name: "volunteer.yaml", text: volunteer }] },
    { name: "manager loses export", files: [{ name: "manager.yaml", text: manager }] },
  ];
}

mkdirSync(path.join(ROOT, "bench/out"), { recursive: true });
const server = await openDatabaseServer(log);
try {
  const prepared = await prepareDatabase(server, size, { regenerate: argv.includes("--regenerate") }, log);
  const extra = await addHeritageAndDocuments(prepared.url);
  log(
    `${prepared.database}: ${extra.sites.toLocaleString("en")} heritage sites, ${extra.documents.toLocaleString("en")} documents`,
  );
  process.env.DATABASE_URL = prepared.url;
  const { compilePolicyFiles } = await import("../lib/governance/policy-sources.ts");
  const { diffPolicies, policyDiffMarkdown } = await import("../lib/governance/policy-diff.ts");
  const { db } = await import("../lib/db.ts");
  const counts = await db.$queryRaw<{ requests: number; people: number; memberships: number; tokens: number }[]>`
    select (select count(*) from "ServiceRequest")::int as requests, (select count(*) from "User")::int as people,
           (select count(*) from "Membership" where status = 'ACTIVE')::int as memberships,
           (select count(*) from "ApiToken" where "revokedAt" is null)::int as tokens`;
  const base = compilePolicyFiles([]);
  const results = [];
  for (const change of changes()) {
    const head = compilePolicyFiles(change.files);
    const loadBefore = os.loadavg()[0]!;
    const diff = await diffPolicies(base, head, { baseLabel: "current", headLabel: change.name });
    const loadAfter = os.loadavg()[0]!;
    const lost = diff.entries.reduce((s, e) => s + e.changes.reduce((t, c) => t + c.lost, 0), 0);
    const hidden = diff.entries.reduce(
      (s, e) => s + e.changes.reduce((t, c) => t + c.fieldsHidden.reduce((u, f) => u + f.records, 0), 0),
      0,
    );
    log(
      `${change.name}: ${diff.seconds.toFixed(1)} s — ${diff.principalsChecked.toLocaleString("en")} principals replayed, ${diff.principalsChanged.toLocaleString("en")} changed, ${diff.entries.length} entries (load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)})`,
    );
    writeFileSync(
      path.join(ROOT, "bench/out", `policy-diff-${change.files[0]!.name.replace(".yaml", "")}.md`),
      policyDiffMarkdown(diff),
    );
    results.push({
      change: change.name,
      files: change.files.map((f) => f.name).join(", "),
      seconds: Number(diff.seconds.toFixed(2)),
      principalsChecked: diff.principalsChecked,
      principalsChanged: diff.principalsChanged,
      entries: diff.entries.length,
      recordsLost: lost,
      fieldRecordsHidden: hidden,
      loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number(loadAfter.toFixed(2)) },
    });
  }
  const out = {
    size: size.label,
    database: { ...counts[0], heritageSites: extra.sites, documents: extra.documents },
    cores: os.cpus().length,
    measuredAt: new Date().toISOString(),
    results,
  };
  writeFileSync(path.join(ROOT, "bench/policy-diff.json"), JSON.stringify(out, null, 2) + "\n");
  log(`wrote bench/policy-diff.json`);
  await db.$disconnect();
} finally {
  await server.stop();
}
