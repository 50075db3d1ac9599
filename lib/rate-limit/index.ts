// Fixed-window rate limits kept in PostgreSQL, so they hold across several app servers.
// One atomic upsert per hit: no read-modify-write race.
import "server-only";
import { db } from "@/lib/db";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

type Bumped = { count: number; windowStart: Date; elapsedMs: number | string };

/** Counts one hit against `key`; the window restarts when it has run out. */
async function bump(key: string, windowSeconds: number): Promise<Bumped> {
  const rows = await db.$queryRaw<Bumped[]>`
    insert into "RateLimitBucket" ("key", "windowStart", "count") values (${key}, now(), 1)
    on conflict ("key") do update set
      "count" = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}) then 1 else "RateLimitBucket"."count" + 1 end,
      "windowStart" = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}) then now() else "RateLimitBucket"."windowStart" end
    returning "count", "windowStart", extract(epoch from (now() - "windowStart")) * 1000 as "elapsedMs"`;
  return rows[0]!;
}

/** Counts one hit against `key` and says whether the caller is still within `limit` per window. */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  return result(await bump(key, windowSeconds), limit, windowSeconds);
}

/**
 * Whether `key` is already over `limit` in the current window, without counting a hit. Sign-in
 * uses it to count only failures: a town hall where everyone signs in from one address at 8:30
 * must not lock itself out, while guessing from that address still hits the limit.
 */
export async function peekRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    select "count", "windowStart" from "RateLimitBucket"
    where "key" = ${key} and "windowStart" >= now() - make_interval(secs => ${windowSeconds})`;
  if (!rows[0]) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  return result(rows[0], limit, windowSeconds, true);
}

function result(row: { count: number; windowStart: Date }, limit: number, windowSeconds: number, peek = false): RateLimitResult {
  const elapsed = (Date.now() - row.windowStart.getTime()) / 1000;
  // A hit is allowed up to and including the limit; a peek says whether one more would be.
  const allowed = peek ? row.count < limit : row.count <= limit;
  return { allowed, count: row.count, retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)) };
}

// Keys this process has seen counted in their current window → when that window ends (this
// process's clock). Only for once-per-window bookkeeping (firstInWindow), never for limits.
const counted = new Map<string, number>();
const MAX_REMEMBERED = 10_000;

/**
 * True for the first hit of `key` in its window (across every app server: the database decides),
 * false for the rest. Once this process has seen the key counted, it answers false from memory
 * until the window it saw ends — the database would answer "not the first" for each of those
 * hits anyway — so a busy API token costs one bucket write per window instead of one per
 * request. For bookkeeping such as "record a token's use once per five minutes"; a limit that
 * must refuse requests uses hitRateLimit, which counts every hit.
 */
export async function firstInWindow(key: string, windowSeconds: number): Promise<boolean> {
  const now = Date.now();
  const until = counted.get(key);
  if (until !== undefined && now < until) return false;
  const row = await bump(key, windowSeconds);
  // The rest of the window as the database's clock sees it, counted from now on ours: clock
  // skew between the servers cannot stretch it.
  const remaining = windowSeconds * 1000 - Number(row.elapsedMs);
  counted.delete(key);
  if (remaining > 0) {
    counted.set(key, now + remaining);
    if (counted.size > MAX_REMEMBERED) counted.delete(counted.keys().next().value!);
  }
  return row.count === 1;
}

/** Forgets what firstInWindow remembered (tests that reset the buckets table). */
export function forgetCountedWindows(): void {
  counted.clear();
}
