// Retention: a scheduled job deletes the rows that stop meaning anything once they have expired —
// rate-limit buckets, sign-in challenges (passkeys, SAML requests and tickets), link intents, OpenID
// Provider artifacts, old sessions, spent account links and unconfirmed citizen sign-ups. Rows that
// are history are never deleted by any job: the audit trail (AuditEvent and its signed head — the
// hash chain must stay whole, and an operator who must keep a year keeps it all), memberships,
// invitations, API tokens, view-as sessions, outbox mail, service deliveries.
//
// Some of these tables are also pruned on the way by the code that writes them (lib/rate-limit,
// lib/auth/passkey-challenge.ts), but only when that code runs; this job makes it happen on a
// schedule whatever traffic there is. Infrastructure, not record data: it deletes through `db`
// directly (no person's ability is involved), a batch at a time so no statement holds a long lock,
// and it is safe to run twice at once (a row is deleted once; the second run finds less).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { ScheduledJob } from "@/lib/jobs/scheduled";
import { log } from "@/lib/ops/log";
import { MAX_WINDOW_SECONDS } from "@/lib/rate-limit";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows per statement. */
const BATCH = 5000;

export type RetentionRule = {
  /** What the rows are, in words (the job's log line, the README). */
  what: string;
  table: string;
  /** A timestamp column: rows whose value lies more than `keepMs` in the past are deleted. */
  column: string;
  keepMs: number;
};

/** One row per kind of expiring data: the whole policy, in one place. */
export const RETENTION_RULES: readonly RetentionRule[] = [
  // A bucket older than the longest window counts as absent (lib/rate-limit).
  { what: "rate-limit buckets", table: "RateLimitBucket", column: "windowStart", keepMs: MAX_WINDOW_SECONDS * 1000 },
  // Passkey challenges, SAML requests and tickets: minutes long; an hour's margin for clock talk.
  { what: "expired sign-in challenges", table: "AuthChallenge", column: "expiresAt", keepMs: HOUR_MS },
  { what: "expired account-link intents", table: "VerificationToken", column: "expires", keepMs: HOUR_MS },
  { what: "expired OpenID Provider artifacts", table: "OidcPayload", column: "expiresAt", keepMs: HOUR_MS },
  // Ended sessions stay on the person's page for a month (sign-ins themselves are audited).
  { what: "sessions ended over 30 days ago", table: "Session", column: "expires", keepMs: 30 * DAY_MS },
  { what: "password-reset and email-change links", table: "AccountToken", column: "expiresAt", keepMs: 30 * DAY_MS },
  { what: "unconfirmed citizen sign-ups", table: "CitizenSignup", column: "expiresAt", keepMs: 30 * DAY_MS },
];

/** What the job may never touch (a test holds the rules to it). */
export const NEVER_PRUNED = ["AuditEvent", "AuditHead"] as const;

/** Any client that runs raw SQL: the app's `db`, or a test's client of another database. */
export type RetentionClient = { $executeRaw(query: Prisma.Sql): PromiseLike<number> };

async function pruneRule(client: RetentionClient, rule: RetentionRule, now: Date): Promise<number> {
  // Identifiers cannot be bound parameters: these come from RETENTION_RULES above (constants,
  // never input); the cutoff and the batch size are bound.
  const table = Prisma.raw(`"${rule.table}"`);
  const column = Prisma.raw(`"${rule.column}"`);
  const cutoff = new Date(now.getTime() - rule.keepMs);
  let total = 0;
  for (;;) {
    const n = await client.$executeRaw(
      Prisma.sql`delete from ${table} where ctid in (select ctid from ${table} where ${column} < ${cutoff} limit ${BATCH})`,
    );
    total += n;
    if (n < BATCH) return total;
  }
}

/** Deletes what the rules say has expired; answers how many rows of each table went. */
export async function pruneExpired(
  opts: { client?: RetentionClient; now?: Date } = {},
): Promise<Record<string, number>> {
  const client = opts.client ?? db;
  const now = opts.now ?? new Date();
  const counts: Record<string, number> = {};
  for (const rule of RETENTION_RULES) counts[rule.table] = await pruneRule(client, rule, now);
  return counts;
}

/** Every hour at minute 37 (beside the inactivity job's minute 7). */
export const RETENTION_JOB: ScheduledJob = {
  name: "retention-prune",
  cron: "37 * * * *",
  async run() {
    const counts = await pruneExpired();
    const done = RETENTION_RULES.filter((r) => counts[r.table]).map((r) => `${counts[r.table]} ${r.what}`);
    if (done.length) log.info(`[retention-prune] deleted ${done.join(", ")}`);
  },
};
