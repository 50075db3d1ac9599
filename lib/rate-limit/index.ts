// Fixed-window rate limits kept in PostgreSQL, so they hold across several app servers.
// One atomic upsert per hit: no read-modify-write race. A bucket whose window has ended counts as
// absent, so old rows only take room: they are pruned now and then by the hits themselves (every
// key is a bucket row, and sign-in keys per address would otherwise pile up for ever).
import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/ops/log";

/**
 * The longest window any limit may use. Buckets whose window started longer ago than this are
 * over whatever their limit was, so pruning deletes them; a longer window is refused outright,
 * as pruning would forget it early.
 */
export const MAX_WINDOW_SECONDS = 24 * 3600;
/** How often one process prunes (a few app servers each pruning every ten minutes is plenty). */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Rows per prune: one short statement, never a long lock on a large table. */
const PRUNE_BATCH = 5000;

let lastPrune = 0;

function checkWindow(windowSeconds: number): void {
  if (!(windowSeconds > 0 && windowSeconds <= MAX_WINDOW_SECONDS))
    throw new Error(`rate-limit window of ${windowSeconds}s: it must be between 1 s and ${MAX_WINDOW_SECONDS} s`);
}

/** Deletes buckets older than the longest window (a batch at a time); answers how many. */
export async function pruneRateLimitBuckets(): Promise<number> {
  return db.$executeRaw`
    delete from "RateLimitBucket" where "key" in (
      select "key" from "RateLimitBucket"
      where "windowStart" < now() - make_interval(secs => ${MAX_WINDOW_SECONDS})
      limit ${PRUNE_BATCH})`;
}

/** At most once per PRUNE_EVERY_MS per process, in the background: the hit does not wait for it. */
function maybePrune(): void {
  const now = Date.now();
  if (now - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now;
  pruneRateLimitBuckets().catch((err: unknown) => log.error({ err }, "[rate-limit] pruning old buckets failed"));
}

/** Makes the next hit prune (tests). */
export function forgetLastPrune(): void {
  lastPrune = 0;
}

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

type Bumped = { count: number; windowStart: Date; elapsedMs: number | string };

/** Counts one hit against `key`; the window restarts when it has run out. */
async function bump(key: string, windowSeconds: number): Promise<Bumped> {
  checkWindow(windowSeconds);
  maybePrune();
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
  checkWindow(windowSeconds);
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    select "count", "windowStart" from "RateLimitBucket"
    where "key" = ${key} and "windowStart" >= now() - make_interval(secs => ${windowSeconds})`;
  if (!rows[0]) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  return result(rows[0], limit, windowSeconds, true);
}

function result(
  row: { count: number; windowStart: Date },
  limit: number,
  windowSeconds: number,
  peek = false,
): RateLimitResult {
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
