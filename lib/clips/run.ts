// Runs an analyst's SQL as the municipality's clips role (issue 21). The role itself can read the
// clips views and nothing else (lib/clips/roles.ts); on top of that every run is one statement, as
// a cursor (so only a query — SELECT, WITH, VALUES, TABLE — runs at all), in a READ ONLY transaction
// with a statement timeout, rows fetched up to the cap plus one (`truncated`), always rolled back,
// on a connection of its own that is closed after. Errors are PostgreSQL's message and position,
// nothing else of the server's (no file, line, routine or internal query).
import "server-only";
import pg from "pg";
import type { ClipCell, ClipColumn, ClipOutcome, ClipsAvailability, ClipsView } from "./types";
import { canCreateRoles, clipsRoleName, clipsRolePassword, DEFAULT_ROLE_LIMITS, ensureClipsRole } from "./roles";
import { CLIPS_PRIVATE_SCHEMA, CLIPS_SCHEMA, clipsViews } from "./schema-sql";
import { clipsSettings, databaseUrl, env } from "@/lib/env";

/** Clips cannot run here: the schema or the municipality's role is missing (the page says so, the API answers 503). */
export class ClipsUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ClipsUnavailableError";
  }
}

const NOT_SET_UP =
  "Clips is not set up for this municipality yet: an operator runs `npm run clips:setup` (a database user with CREATEROLE).";

// Cells come as PostgreSQL's text and are converted below, by type name: no driver guesses.
const RAW_TEXT = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

function roleUrl(municipalityId: string): { url: string; database: string } {
  const u = new URL(databaseUrl());
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  const role = clipsRoleName(database, municipalityId);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(clipsRolePassword(env().AUTH_SECRET, role));
  return { url: u.toString(), database };
}

async function connectAs(municipalityId: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: roleUrl(municipalityId).url,
    connectionTimeoutMillis: 5000,
    application_name: "gatehouse clips",
    types: RAW_TEXT,
  });
  client.on("error", () => {}); // a dropped connection fails the run, not the process
  await client.connect();
  return client;
}

const isAuthFailure = (e: unknown) => ["28P01", "28000"].includes((e as { code?: string }).code ?? "");

/**
 * The role is created (or its password set again after AUTH_SECRET changed) on first use when the
 * app's own database user may create roles — the embedded database, and tests. Elsewhere that is
 * `npm run clips:setup`'s job, and the run is "unavailable" until then.
 */
async function provision(municipalityId: string, dryRun: boolean): Promise<boolean> {
  const app = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 5000 });
  await app.connect();
  try {
    const ready = await app.query(
      `select 1 from pg_namespace where nspname = $1 and exists (select 1 from pg_namespace where nspname = $2)
         and exists (select 1 from "Municipality" where id = $3)`,
      [CLIPS_SCHEMA, CLIPS_PRIVATE_SCHEMA, municipalityId],
    );
    if (!ready.rowCount || !(await canCreateRoles(app))) return false;
    if (!dryRun) {
      await ensureClipsRole(app, municipalityId, env().AUTH_SECRET, {
        ...DEFAULT_ROLE_LIMITS,
        statementTimeoutMs: clipsSettings().statementTimeoutMs,
      });
    }
    return true;
  } finally {
    await app.end().catch(() => {});
  }
}

async function connectOrProvision(municipalityId: string): Promise<pg.Client> {
  try {
    return await connectAs(municipalityId);
  } catch (e) {
    if (!isAuthFailure(e)) throw new ClipsUnavailableError("The clips database connection failed; try again later.");
    if (!(await provision(municipalityId, false))) throw new ClipsUnavailableError(NOT_SET_UP);
    return connectAs(municipalityId);
  }
}

/** Whether clips can run for the municipality: its role connects and reads the clips schema. Writes nothing. */
export async function clipsAvailability(municipalityId: string): Promise<ClipsAvailability> {
  let client: pg.Client | undefined;
  try {
    client = await connectAs(municipalityId);
    const { rows } = await client.query<{ ok: string }>(
      "select (has_schema_privilege($1, 'usage') and exists (select 1 from pg_views where schemaname = $1))::text as ok",
      [CLIPS_SCHEMA],
    );
    return rows[0]?.ok === "true" ? { ready: true } : { ready: false, reason: NOT_SET_UP };
  } catch (e) {
    if (!isAuthFailure(e)) return { ready: false, reason: "The clips database connection failed; try again later." };
    // No role yet: ready when the first run will create it.
    return (await provision(municipalityId, true).catch(() => false))
      ? { ready: true }
      : { ready: false, reason: NOT_SET_UP };
  } finally {
    await client?.end().catch(() => {});
  }
}

let catalog: ClipsView[] | undefined;

/** The clips views, their columns and types, with a line each: what the editor shows beside it. */
export function clipsCatalog(): ClipsView[] {
  return (catalog ??= clipsViews());
}

// The cursor the statement runs as: only a query can follow FOR, and the extended protocol (a named
// statement) refuses a second command after a `;`.
const PREFIX = "declare clips_result no scroll cursor for\n";

type PgError = { message?: string; position?: string; code?: string };

function failure(e: unknown, started: number, offset = PREFIX.length): ClipOutcome {
  const err = e as PgError;
  const durationMs = Math.round(performance.now() - started);
  // Only PostgreSQL's own errors carry a SQLSTATE; anything else says nothing of the server.
  if (!err || typeof err.code !== "string" || !/^[0-9A-Z]{5}$/.test(err.code)) {
    return { ok: false, error: "The query could not be run (the database connection failed).", durationMs };
  }
  const at = Number(err.position) - offset;
  return {
    ok: false,
    error: String(err.message ?? "error"),
    ...(Number.isInteger(at) && at > 0 ? { position: at } : {}),
    durationMs,
  };
}

const SIGNIFICANT = /^-?0*(\d*?)\.?(\d*?)0*$/;

function cell(value: string | null, type: string): ClipCell {
  if (value === null) return null;
  if (type.endsWith("[]")) {
    // text[]'s parser (oid 1009) reads any array's text form into strings and nulls.
    const parse = (pg.types.getTypeParser as (oid: number, format: "text") => (v: string) => unknown)(1009, "text");
    return JSON.stringify(parse(value));
  }
  switch (type) {
    case "bool":
      return value === "t";
    case "int2":
    case "int4":
    case "oid":
      return Number(value);
    case "float4":
    case "float8": {
      const n = Number(value);
      return Number.isFinite(n) ? n : value;
    }
    case "int8": {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    }
    case "numeric": {
      const n = Number(value);
      const digits = (SIGNIFICANT.exec(value)?.slice(1).join("") ?? value).replace(/^0+/, "");
      return Number.isFinite(n) && digits.length <= 15 ? n : value;
    }
    case "timestamptz": {
      const d = new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
      return Number.isNaN(d.getTime()) ? value : d.toISOString();
    }
    case "timestamp": {
      // Prisma keeps DateTime columns as UTC without a zone.
      const d = new Date(`${value.replace(" ", "T")}Z`);
      return Number.isNaN(d.getTime()) ? value : d.toISOString();
    }
    default:
      return value;
  }
}

/** One statement as the municipality's clips role. Throws ClipsUnavailableError only when clips is not set up. */
export async function runClipsSql(
  municipalityId: string,
  sql: string,
  opts: { rowCap?: number; timeoutMs?: number } = {},
): Promise<ClipOutcome> {
  const settings = clipsSettings();
  const rowCap = Math.max(1, Math.floor(opts.rowCap ?? settings.rowCap));
  const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs ?? settings.statementTimeoutMs));
  const client = await connectOrProvision(municipalityId);
  const started = performance.now();
  try {
    await client.query("begin transaction isolation level repeatable read read only");
    await client.query(`set local statement_timeout = ${timeoutMs}`);
    try {
      await client.query({ name: "clips_run", text: PREFIX + sql });
    } catch (e) {
      return failure(e, started);
    }
    let result: pg.QueryArrayResult<(string | null)[]>;
    try {
      result = await client.query({ text: `fetch forward ${rowCap + 1} from clips_result`, rowMode: "array" });
    } catch (e) {
      return failure(e, started);
    }
    const durationMs = Math.round(performance.now() - started);
    const types = await typeNames(
      client,
      result.fields.map((f) => f.dataTypeID),
    );
    const columns: ClipColumn[] = result.fields.map((f) => ({ name: f.name, type: types.get(f.dataTypeID) ?? "text" }));
    const truncated = result.rows.length > rowCap;
    const rows = result.rows.slice(0, rowCap).map((r) => r.map((v, i) => cell(v, columns[i]!.type)));
    return { ok: true, result: { columns, rows, rowCount: rows.length, truncated, durationMs } };
  } catch (e) {
    return failure(e, started, 0);
  } finally {
    await client.query("rollback").catch(() => {});
    await client.end().catch(() => {});
  }
}

async function typeNames(client: pg.Client, oids: number[]): Promise<Map<number, string>> {
  if (oids.length === 0) return new Map();
  const { rows } = await client.query<{ oid: string; name: string }>(
    `select t.oid::text as oid, case when t.typcategory = 'A' and e.oid is not null then e.typname || '[]' else t.typname end as name
       from pg_catalog.pg_type t left join pg_catalog.pg_type e on e.oid = t.typelem where t.oid = any($1::oid[])`,
    [oids],
  );
  return new Map(rows.map((r) => [Number(r.oid), r.name]));
}
