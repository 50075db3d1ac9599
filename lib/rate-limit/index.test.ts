// Rate-limit buckets on the real database. firstInWindow answers repeated hits from memory while
// it knows the window is running; the database stays the judge across processes.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import {
  firstInWindow,
  forgetCountedWindows,
  forgetLastPrune,
  hitRateLimit,
  MAX_WINDOW_SECONDS,
  pruneRateLimitBuckets,
} from "./index";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

const key = (label: string) => `test:${label}:${uniq()}`;
const bucket = (k: string) => raw.rateLimitBucket.findUnique({ where: { key: k } });

describe("hitRateLimit", () => {
  it("allows up to the limit in a window and counts every hit", async () => {
    const k = key("hit");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(k, 3, 60));
    expect(results.map((r) => [r.count, r.allowed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect((await bucket(k))?.count).toBe(4);
  });
});

describe("firstInWindow", () => {
  it("is true once per window; repeats are answered without writing the bucket", async () => {
    const k = key("first");
    expect(await firstInWindow(k, 300)).toBe(true);
    for (let i = 0; i < 5; i++) expect(await firstInWindow(k, 300)).toBe(false);
    // One write for six calls: the repeats never reached the database.
    expect((await bucket(k))?.count).toBe(1);
  });

  it("another app server (no memory of the key) asks the database, which says it is not the first", async () => {
    const k = key("other-server");
    expect(await firstInWindow(k, 300)).toBe(true);
    forgetCountedWindows();
    expect(await firstInWindow(k, 300)).toBe(false);
    expect((await bucket(k))?.count).toBe(2);
  });

  it("a window that has run out in the database starts a new one, and the first hit of it is first again", async () => {
    const k = key("expired");
    expect(await firstInWindow(k, 1)).toBe(true);
    // The window the process remembered ends after one second; the database's window with it.
    await new Promise((r) => setTimeout(r, 1100));
    expect(await firstInWindow(k, 1)).toBe(true);
    expect((await bucket(k))?.count).toBe(1);
  });

  it("a bucket left from an old window: the next hit starts a new one and is first again", async () => {
    const k = key("backdated");
    // A bucket from long ago: the next hit starts a new window and is the first of it.
    await raw.rateLimitBucket.create({ data: { key: k, windowStart: new Date(Date.now() - 3_600_000), count: 7 } });
    expect(await firstInWindow(k, 60)).toBe(true);
    expect(await firstInWindow(k, 60)).toBe(false);
    expect((await bucket(k))?.count).toBe(1);
  });
});

describe("pruning", () => {
  it("deletes buckets whose window ended longer ago than any limit's window, and keeps the rest", async () => {
    const old = key("old");
    const fresh = key("fresh");
    await raw.rateLimitBucket.create({
      data: { key: old, windowStart: new Date(Date.now() - (MAX_WINDOW_SECONDS + 60) * 1000), count: 3 },
    });
    await raw.rateLimitBucket.create({ data: { key: fresh, windowStart: new Date(Date.now() - 3600_000), count: 3 } });
    expect(await pruneRateLimitBuckets()).toBeGreaterThanOrEqual(1);
    expect(await bucket(old)).toBeNull();
    expect((await bucket(fresh))?.count).toBe(3);
  });

  it("a hit prunes by itself now and then (once per process every few minutes), without waiting for it", async () => {
    const old = key("old-opportunistic");
    await raw.rateLimitBucket.create({
      data: { key: old, windowStart: new Date(Date.now() - (MAX_WINDOW_SECONDS + 60) * 1000), count: 1 },
    });
    forgetLastPrune();
    await hitRateLimit(key("trigger"), 10, 60);
    for (let i = 0; i < 50 && (await bucket(old)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await bucket(old)).toBeNull();
  });

  it("refuses a window longer than the pruning keeps (it would be forgotten too early)", async () => {
    await expect(hitRateLimit(key("too-long"), 1, MAX_WINDOW_SECONDS + 1)).rejects.toThrow(/window/);
  });
});
