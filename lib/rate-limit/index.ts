// Fixed-window rate limits kept in PostgreSQL, so they hold across several app servers.
// One atomic upsert per hit: no read-modify-write race.
import "server-only";
import { db } from "@/lib/db";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/** Counts one hit against `key` and says whether the caller is still within `limit` per window. */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    insert into "RateLimitBucket" ("key", "windowStart", "count") values (${key}, now(), 1)
    on conflict ("key") do update set
      "count" = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}) then 1 else "RateLimitBucket"."count" + 1 end,
      "windowStart" = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}) then now() else "RateLimitBucket"."windowStart" end
    returning "count", "windowStart"`;
  return result(rows[0]!, limit, windowSeconds);
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
