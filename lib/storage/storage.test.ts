// Both backends behind the one interface, on the run's real PostgreSQL and a real directory: put,
// get, delete by key; keys that could leave the directory are refused; and storeAtomically leaves
// nothing behind when the transaction that should record the objects fails.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testPrisma } from "@/test/fixtures/db";
import { assertKey, fileStorage, postgresStorage, storeAtomically, type ObjectStorage } from "./index";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
}

const backends: [string, () => Promise<{ store: ObjectStorage; count: () => Promise<number> }>][] = [
  [
    "pg",
    async () => {
      const store = postgresStorage();
      return { store, count: () => testPrisma().storedObject.count({ where: { key: { startsWith: "test/" } } }) };
    },
  ],
  [
    "fs",
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "gatehouse-storage-"));
      dirs.push(dir);
      return { store: fileStorage(dir), count: async () => (await filesUnder(dir)).length };
    },
  ],
];

describe.each(backends)("storage backend %s", (_name, make) => {
  it("puts, gets and deletes by key", async () => {
    const { store } = await make();
    const key = `test/${crypto.randomUUID()}.jpg`;
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    await db.$transaction((tx) => store.put(tx, key, bytes, "image/jpeg"));
    expect(await store.get(key)).toEqual({ bytes, contentType: "image/jpeg" });
    await store.delete(db, key);
    expect(await store.get(key)).toBeNull();
    await store.delete(db, key); // unknown key: not an error
  });

  it("answers null for unknown and malformed keys, and refuses to write one that leaves the store", async () => {
    const { store } = await make();
    expect(await store.get("test/nothing-here.jpg")).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
    await expect(
      db.$transaction((tx) => store.put(tx, "../escape.jpg", Buffer.from("x"), "image/jpeg")),
    ).rejects.toThrow(/Not a storage key/);
    await expect(db.$transaction((tx) => store.put(tx, "/abs/x", Buffer.from("x"), "image/jpeg"))).rejects.toThrow(
      /Not a storage key/,
    );
  });

  it("storeAtomically leaves nothing behind when the transaction fails", async () => {
    const { store, count } = await make();
    const before = await count();
    await expect(
      storeAtomically(store, (put) =>
        db.$transaction(async (tx) => {
          await put(tx, `test/${crypto.randomUUID()}.jpg`, Buffer.from("one"), "image/jpeg");
          await put(tx, `test/${crypto.randomUUID()}.jpg`, Buffer.from("two"), "image/jpeg");
          throw new Error("the request row could not be written");
        }),
      ),
    ).rejects.toThrow(/could not be written/);
    expect(await count()).toBe(before);
  });

  it("storeAtomically keeps what a committed transaction recorded", async () => {
    const { store } = await make();
    const key = `test/${crypto.randomUUID()}.jpg`;
    await storeAtomically(store, (put) => db.$transaction((tx) => put(tx, key, Buffer.from("kept"), "image/jpeg")));
    expect((await store.get(key))?.bytes.toString()).toBe("kept");
  });
});

describe("storage keys", () => {
  it("accepts our keys and refuses paths", () => {
    expect(assertKey("photos/muni_1/abc-DEF.jpg")).toBe("photos/muni_1/abc-DEF.jpg");
    for (const bad of ["", "..", "a/../b", "/a", "a\\b", "a//b", "a/b/", "a.b.c", "x".repeat(201)])
      expect(() => assertKey(bad), bad).toThrow();
  });
});
