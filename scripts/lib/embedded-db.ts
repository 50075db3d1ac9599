// Starts (or reuses) the embedded PostgreSQL under .data/ for `npm start`, `npm run dev`,
// the tests and the benchmark. Only used when DATABASE_URL is not set. As root, when the postgres
// OS user cannot reach the clone (a clone in root's mode-700 home), the cluster lives in the
// clone's runtime directory instead (embedded-postgres.ts: /var/lib/gatehouse/<clone>-<hash>);
// its password and settings stay in .data/, readable by root only.
import PostgresCluster, { postgresCan, postgresIds, runtimeDir } from "./embedded-postgres.ts";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { dropClipsRolesOf } from "../../lib/clips/roles.ts";

export type EmbeddedDb = {
  /** Connection URL of the server's maintenance database ("postgres"). */
  adminUrl: string;
  urlFor(database: string): string;
  /** Where the cluster's files are (for the log line). */
  location: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
};

type Saved = { password: string; port: number };

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function startEmbeddedDb(
  opts: {
    name?: string;
    port?: number;
    log?: (s: string) => void;
    root?: string;
    runtimeBases?: string[];
    nativeDir?: string;
  } = {},
): Promise<EmbeddedDb> {
  const root = opts.root ?? ROOT;
  const name = opts.name ?? "postgres";
  const base = path.join(root, ".data", name);
  const settingsFile = path.join(base, "settings.json");
  mkdirSync(base, { recursive: true });
  // The postgres OS user must be able to reach the data directory.
  chmodSync(base, 0o755);
  const ids = postgresIds();
  const runtime = () => runtimeDir(ids, root, opts.runtimeBases);
  const dataDir = clusterDir(base, name, ids, runtime);

  let saved: Saved;
  if (existsSync(settingsFile)) {
    saved = JSON.parse(readFileSync(settingsFile, "utf8")) as Saved;
  } else {
    // A fresh random password per machine: nothing secret is ever committed.
    saved = { password: randomBytes(18).toString("base64url"), port: opts.port ?? 54329 };
    writeFileSync(settingsFile, JSON.stringify(saved), { mode: 0o600 });
  }
  const port = opts.port ?? saved.port;
  const urlFor = (db: string) => `postgresql://postgres:${encodeURIComponent(saved.password)}@127.0.0.1:${port}/${db}`;
  const adminUrl = urlFor("postgres");

  // A server left running (by another `npm start`, or a test run) is reused, not fought over.
  const location = path.relative(root, dataDir).startsWith("..")
    ? `${dataDir} (outside the clone, which the postgres OS user cannot reach; remove it together with the clone)`
    : path.relative(process.cwd(), dataDir) || dataDir;
  if (await answers(adminUrl)) {
    return { adminUrl, urlFor, location, stop: async () => {} };
  }

  const log = opts.log ?? (() => {});
  const server = new PostgresCluster({
    databaseDir: dataDir,
    user: "postgres",
    password: saved.password,
    port,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "unix_socket_directories="],
    onLog: (m: string) => log(m),
    nativeDir: opts.nativeDir,
    runtimeDir: runtime,
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    await server.initialise();
  }
  const stalePid = path.join(dataDir, "postmaster.pid");
  if (existsSync(stalePid)) {
    // Left by a process killed hard; the server is not answering, so the lock is stale.
    const { rmSync } = await import("node:fs");
    rmSync(stalePid);
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL did not start (data in ${dataDir}, port ${port}). Is the port in use? Set EMBEDDED_PG_PORT or DATABASE_URL. ${String(err ?? "")}`,
    );
  }
  let stopped = false;
  return {
    adminUrl,
    urlFor,
    location,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * The cluster in .data/ when the postgres OS user can reach it (the usual case, and any cluster
 * already there); otherwise in the clone's runtime directory (an existing one there is found
 * again on every start, so the data outlives the choice).
 */
function clusterDir(base: string, name: string, ids: ReturnType<typeof postgresIds>, runtime: () => string): string {
  const local = path.join(base, "cluster");
  if (existsSync(path.join(local, "PG_VERSION")) || postgresCan(ids, "-x", base)) return local;
  return path.join(runtime(), name, "cluster");
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, "")}" with (force)`);
  } finally {
    await client.end();
  }
  // Roles are the server's, not the database's: its clips roles would outlive it.
  await dropClipsRolesOf(adminUrl, name);
}
