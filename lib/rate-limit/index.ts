// Fixed-window rate limits kept in PostgreSQL, so they hold across several app servers.
// One atomic upsert per hit: no read-modify-write race.
import "server-only";
import { db } from "@/lib/db";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    insert into "RateLimitBucket" ("key", "windowStart", "count") values (${key}, now(), 1)
    on conflict ("key") do update set
      "count" = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}) then 1 else "RateLimitBucket"."count" + 1 end,
      "windowStart" = case when "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${windowSeconds}) then now() else "RateLimitBucket"."windowStart" end
    returning "count", "windowStart"`;
  const row = rows[0]!;
  const elapsed = (Date.now() - row.windowStart.getTime()) / 1000;
  return { allowed: row.count <= limit, count: row.count, retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)) };
}
