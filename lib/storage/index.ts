// One storage interface for uploaded bytes (request photos today): put, get and delete by key.
// The default backend keeps the bytes in PostgreSQL (StoredObject), because app servers share
// nothing but PostgreSQL (DESIGN.md "Runtime"): a photo uploaded through one server is served by
// any other, and a put inside a transaction is rolled back with it. STORAGE=fs keeps them as
// files under STORAGE_DIR (default .data/uploads) for a single server with a local disk; a file
// cannot join a database transaction, so writers go through `storeAtomically`, which removes the
// files it wrote when the transaction that should have recorded them fails.
import "server-only";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { db, type Db } from "@/lib/db";
import { storageSettings } from "@/lib/env";

export type StorageTx = Pick<Db, "storedObject">;
export type StoredBytes = { bytes: Buffer; contentType: string };

export interface ObjectStorage {
  readonly backend: "pg" | "fs";
  /** Stores `bytes` under `key` (a new key: keys are never reused). The pg backend writes through `tx`. */
  put(tx: StorageTx, key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredBytes | null>;
  /** Removes the object; an unknown key is not an error. */
  delete(tx: StorageTx, key: string): Promise<void>;
}

// Keys are made by our code (lib/data), never taken from a request; the pattern still refuses a
// path that could leave the storage directory ("..", absolute paths, backslashes).
const KEY = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*(?:\.[a-z0-9]{1,8})?$/;
const CONTENT_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

export function assertKey(key: string): string {
  if (key.length > 200 || !KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key.slice(0, 60))}`);
  return key;
}

/** Bytes in the StoredObject table: shared by every app server, transactional. */
export function postgresStorage(): ObjectStorage {
  return {
    backend: "pg",
    async put(tx, key, bytes, contentType) {
      await tx.storedObject.create({
        data: { key: assertKey(key), bytes: new Uint8Array(bytes), byteSize: bytes.length, contentType },
      });
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      const row = await db.storedObject.findUnique({ where: { key }, select: { bytes: true, contentType: true } });
      return row ? { bytes: Buffer.from(row.bytes), contentType: row.contentType } : null;
    },
    async delete(tx, key) {
      await tx.storedObject.deleteMany({ where: { key: assertKey(key) } });
    },
  };
}

/** Files under `root`: the bytes at <key>, the content type beside them at <key>.type. */
export function fileStorage(root: string): ObjectStorage {
  const base = path.resolve(root);
  const fileOf = (key: string) => {
    const file = path.resolve(base, assertKey(key));
    if (!file.startsWith(base + path.sep)) throw new Error("Not a storage key");
    return file;
  };
  // Write to a temporary name, then rename: a reader never sees half a file.
  const writeWhole = async (file: string, data: Buffer | string) => {
    const tmp = `${file}.${randomUUID()}.tmp`;
    await writeFile(tmp, data, { flag: "wx", mode: 0o640 });
    await rename(tmp, file);
  };
  return {
    backend: "fs",
    async put(_tx, key, bytes, contentType) {
      if (!CONTENT_TYPE.test(contentType)) throw new Error("Not a content type");
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o750 });
      await writeWhole(`${file}.type`, contentType);
      await writeWhole(file, bytes);
    },
    async get(key) {
      if (!KEY.test(key) || key.length > 200) return null;
      const file = fileOf(key);
      try {
        const [bytes, contentType] = await Promise.all([readFile(file), readFile(`${file}.type`, "utf8")]);
        return { bytes, contentType: contentType.trim() };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(_tx, key) {
      const file = fileOf(key);
      await rm(file, { force: true });
      await rm(`${file}.type`, { force: true });
    },
  };
}

const made = new Map<string, ObjectStorage>();

/** The backend STORAGE chooses (pg by default); read at each call, one instance per setting. */
export function storage(): ObjectStorage {
  const s = storageSettings();
  const key = s.backend === "fs" ? `fs:${s.dir}` : "pg";
  let store = made.get(key);
  if (!store) made.set(key, (store = s.backend === "fs" ? fileStorage(s.dir) : postgresStorage()));
  return store;
}

/**
 * Runs `work` (a database transaction that puts objects through the `put` it is given) and, when
 * it fails, deletes what was put: nothing for the pg backend (the transaction took it back), the
 * files for the fs backend. The error is rethrown.
 */
export async function storeAtomically<T>(
  store: ObjectStorage,
  work: (put: (tx: StorageTx, key: string, bytes: Buffer, contentType: string) => Promise<void>) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  try {
    return await work(async (tx, key, bytes, contentType) => {
      written.push(key);
      await store.put(tx, key, bytes, contentType);
    });
  } catch (err) {
    if (store.backend === "fs") await Promise.all(written.map((k) => store.delete(db, k).catch(() => undefined)));
    throw err;
  }
}
