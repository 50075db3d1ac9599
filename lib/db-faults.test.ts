// A real driver failure, not a constructed one: a Prisma client on the pg adapter pointed at a
// port where no PostgreSQL listens, and a pg pool the same way.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { prismaFor, testPool, type TestPrisma as PrismaClient } from "@/test/fixtures/db";
import { isDatabaseUnavailable } from "./db-faults";

const DEAD = "postgresql://nobody:nothing@127.0.0.1:9/none";

/** What the promise fails with; null if it succeeds. */
const failureOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

/** What a query fails with on a Prisma client pointed at the dead port (the client closed after). */
async function failureOnDeadPort(query: (client: PrismaClient) => Promise<unknown>): Promise<unknown> {
  const client = prismaFor(DEAD, { connectionTimeoutMillis: 2000 });
  const err = await failureOf(query(client));
  await client.$disconnect();
  return err;
}

describe("isDatabaseUnavailable", () => {
  it("recognises Prisma's error when PostgreSQL cannot be reached", async () => {
    const err = await failureOnDeadPort((client) => client.user.count());
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it("recognises a raw query's failure when PostgreSQL cannot be reached (P2010 wrapping the adapter's error)", async () => {
    // The session check is a $queryRaw: Prisma reports it as "raw query failed" with the driver
    // adapter's DatabaseNotReachable under meta, not as P1001.
    const err = await failureOnDeadPort((client) => client.$queryRaw`select 1`);
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it("recognises the pg driver's connection refusal", async () => {
    const pool = new pg.Pool({ connectionString: DEAD });
    const err = await failureOf(pool.query("select 1"));
    await pool.end();
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it("does not mistake a query error for an outage", async () => {
    const err = await failureOf(testPool().query("select * from no_such_table"));
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(isDatabaseUnavailable(new Error("ECONNREFUSED in a title"))).toBe(false);
  });
});
