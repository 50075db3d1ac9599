// Benchmark databases on the same server as the app (embedded under .data/ unless DATABASE_URL):
// gatehouse_bench_10k, _100k, _1m. Reused when a previous run built them with the same
// generator; otherwise dropped, migrated with the app's own migrations and regenerated.
import { dropDatabase, ensureDatabase } from "../../scripts/lib/embedded-db.ts";
import type { DatabaseServer } from "../../scripts/lib/database.ts";
import { migrate } from "../../scripts/lib/migrate.ts";
import { generate, isCurrent, markCurrent } from "./generate.ts";

export type SizeSpec = { label: string; rows: number };

export const SIZES: Record<string, SizeSpec> = {
  "10k": { label: "10k", rows: 10_000 },
  "100k": { label: "100k", rows: 100_000 },
  "1m": { label: "1M", rows: 1_000_000 },
};

export function databaseName(size: SizeSpec): string {
  return `gatehouse_bench_${size.label.toLowerCase()}`;
}

export type Prepared = {
  url: string;
  database: string;
  reused: boolean;
  seconds: number;
  phases: Record<string, number>;
  migrations: string[];
};

export async function prepareDatabase(
  server: DatabaseServer,
  size: SizeSpec,
  opts: { regenerate: boolean },
  log: (s: string) => void,
): Promise<Prepared> {
  const host = new URL(server.adminUrl).hostname;
  // The benchmark drops and rebuilds its databases: never on a server that is not this machine.
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host) && process.env.ALLOW_REMOTE_BENCH_DATABASE !== "1") {
    throw new Error(
      `The benchmark refuses to create databases on ${host}: set ALLOW_REMOTE_BENCH_DATABASE=1 if that is really a benchmark server.`,
    );
  }
  const database = databaseName(size);
  const url = server.urlFor(database);
  const t0 = performance.now();
  if (!opts.regenerate && (await isCurrent(server.adminUrl, database, size.rows))) {
    // New migrations of the app (e.g. an index) still reach a reused database.
    const migrations = await migrate(url, log);
    return { url, database, reused: true, seconds: (performance.now() - t0) / 1000, phases: {}, migrations };
  }
  log(`building ${database} (${size.rows.toLocaleString("en")} service requests)…`);
  await dropDatabase(server.adminUrl, database);
  await ensureDatabase(server.adminUrl, database);
  const migrations = await migrate(url);
  const phases = await generate(url, size.rows, log);
  await markCurrent(server.adminUrl, database, size.rows);
  const seconds = (performance.now() - t0) / 1000;
  log(`  ${database} ready in ${seconds.toFixed(1)} s`);
  return { url, database, reused: false, seconds, phases, migrations };
}
