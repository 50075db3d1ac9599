// What "the database is unchanged" means for the bad-input and CSRF suites: a hash per table of
// every row, for every table of the public schema (a new table is covered without touching this
// file), minus what legitimately moves while any request is served. pg-boss's own schema (the job
// queue) is not ours to judge and not in "public".
import { sql } from "../../../test/fixtures/db";

/** Tables left out whole, and why. */
const SKIPPED: Record<string, string> = {
  Session: "lastSeenAt moves on every signed-in request, and signing in adds rows",
  RateLimitBucket: "counters move on every limited request, refused ones included — that is their job",
  AuditEvent: "checked separately: earlier rows must stay as they were, new rows may only record refusals",
  AuditHead:
    "the signed end of the audit chain: moves with every audit event, refusals included (AuditEvent is checked)",
  ClipRun:
    "a log of clips queries (issue 21), reads of the purged views: PostgreSQL's refusals are kept too, like refusals in the audit log",
};

/** Columns left out of otherwise guarded tables, and why. */
const VOLATILE: Record<string, string[]> = {
  // Stamped when a bearer token is used (the CSRF suite's bearer check), not a change of the token.
  ApiToken: ["lastUsedAt"],
  // Stamped when a directory's SCIM token is used (the bad-input suite sends it), not a change of the connection.
  ScimConnection: ["lastUsedAt"],
  // The mail worker keeps delivering earlier tests' mail meanwhile; a new message is still a new row.
  OutboxMessage: ["status", "attempts", "lastError", "nextAttemptAt", "sentAt"],
};

/** Audit actions a refused request may leave behind (a refusal on record is not a change). */
export const AUDITED_REFUSALS = new Set([
  "auth.login.failed",
  "auth.login.rate_limited",
  "auth.login.refused",
  "auth.passkey.refused",
  "token.rejected",
  "token.use",
  "auth.mfa.code_refused",
  "auth.step_up.failed",
  "directory.refused",
  "auth.saml.refused",
  // A clips query (a read of the purged views) is audited whether PostgreSQL ran or refused it.
  "clip.run",
]);

export type DbState = { tables: Record<string, string>; auditSeq: string };

export async function dbState(): Promise<DbState> {
  const names = (
    await sql<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
  )
    .map((r) => r.t)
    .filter((t) => !(t in SKIPPED));
  const parts = names.map((t) => {
    const row = `(to_jsonb(x) ${(VOLATILE[t] ?? []).map((c) => `- '${c}'`).join(" ")})::text`;
    return `SELECT '${t}' AS t, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS h FROM "${t}" x`;
  });
  const [rows, audit] = await Promise.all([
    sql<{ t: string; h: string }>(parts.join(" UNION ALL ")),
    sql<{ seq: string; h: string }>(
      `SELECT coalesce(max(seq), 0)::text AS seq, md5(coalesce(string_agg(hash, '|' ORDER BY seq), '')) AS h FROM "AuditEvent"`,
    ),
  ]);
  const tables = Object.fromEntries(rows.map((r) => [r.t, r.h]));
  tables.AuditEvent = audit[0]!.h;
  return { tables, auditSeq: audit[0]!.seq };
}

/** What changed between two states: tables whose rows differ, and audit events that are not refusals. */
export async function changesSince(before: DbState): Promise<string[]> {
  const after = await dbState();
  const out: string[] = [];
  for (const [t, h] of Object.entries(before.tables)) {
    if (t === "AuditEvent") continue;
    if (after.tables[t] !== h) out.push(`table "${t}" changed`);
  }
  for (const t of Object.keys(after.tables)) if (!(t in before.tables)) out.push(`table "${t}" appeared`);
  const earlier = await sql<{ h: string }>(
    `SELECT md5(coalesce(string_agg(hash, '|' ORDER BY seq), '')) AS h FROM "AuditEvent" WHERE seq <= $1`,
    [before.auditSeq],
  );
  if (earlier[0]!.h !== before.tables.AuditEvent) out.push("earlier audit events changed");
  const added = await sql<{ action: string; n: string }>(
    `SELECT action, count(*)::text AS n FROM "AuditEvent" WHERE seq > $1 GROUP BY action`,
    [before.auditSeq],
  );
  for (const a of added) if (!AUDITED_REFUSALS.has(a.action)) out.push(`audit: ${a.n} × ${a.action}`);
  return out;
}
