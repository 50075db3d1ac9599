// Which PostgreSQL to use: DATABASE_URL when set (we start nothing), otherwise the embedded
// server under .data/. Tests get a database of their own per run on the same server.
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, startEmbeddedDb, type EmbeddedDb } from "./embedded-db.ts";

export type DatabaseServer = {
  /** A URL on the server that can create and drop databases. */
  adminUrl: string;
  urlFor(database: string): string;
  embedded: boolean;
  /** The embedded cluster's directory, or "DATABASE_URL". */
  location: string;
  stop(): Promise<void>;
};

function fromUrl(url: string): DatabaseServer {
  return {
    adminUrl: url,
    urlFor(database) {
      const u = new URL(url);
      u.pathname = `/${database}`;
      return u.toString();
    },
    embedded: false,
    location: "DATABASE_URL",
    stop: async () => {},
  };
}

export async function openDatabaseServer(log?: (s: string) => void): Promise<DatabaseServer> {
  const given = process.env.DATABASE_URL;
  if (given) return fromUrl(given);
  const port = process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined;
  const e: EmbeddedDb = await startEmbeddedDb({ port, log });
  return { adminUrl: e.adminUrl, urlFor: e.urlFor, embedded: true, location: e.location, stop: e.stop };
}

export async function withDatabaseServer<T>(fn: (s: DatabaseServer) => Promise<T>): Promise<T> {
  const server = await openDatabaseServer();
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** The app's own database: DATABASE_URL itself, or "gatehouse" on the embedded server. */
export async function appDatabaseUrl(server: DatabaseServer): Promise<string> {
  if (!server.embedded) return server.adminUrl;
  await ensureDatabase(server.adminUrl, "gatehouse");
  return server.urlFor("gatehouse");
}

/** A throwaway database for one test run. Refuses servers that are not on this machine. */
export async function createTestDatabase(
  server: DatabaseServer,
  label = "test",
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const host = new URL(server.adminUrl).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host) && process.env.ALLOW_REMOTE_TEST_DATABASE !== "1") {
    throw new Error(
      `Tests refuse to run against ${host}: set ALLOW_REMOTE_TEST_DATABASE=1 if that server is really a test server.`,
    );
  }
  const name = `gatehouse_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(server.adminUrl, name);
  return { url: server.urlFor(name), name, drop: () => dropDatabase(server.adminUrl, name) };
}
