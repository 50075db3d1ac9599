// The PostgreSQL roles clips run as (issue 21): one LOGIN role per municipality and database, so the
// views' tenant filter (`current_user`, lib/clips/schema-sql.ts) is something a session cannot
// change. Each role: SELECT on the clips views and nothing else, member of no other role (so SET
// ROLE is refused), fixed search_path, read-only transactions, statement timeout, memory and temp
// file limits, a connection limit. Its password is an HMAC of AUTH_SECRET, derived again whenever
// needed and never stored. Created by `npm start` on the embedded database, `npm run clips:setup`
// elsewhere, and on demand when the app's own database user may create roles. Used by scripts too.
import { createHash, createHmac } from "node:crypto";
import pg from "pg";
import { CLIPS_PRIVATE_SCHEMA, CLIPS_SCHEMA } from "./schema-sql";

export type ClipsRoleLimits = { statementTimeoutMs: number; connectionLimit: number };

export const DEFAULT_ROLE_LIMITS: ClipsRoleLimits = { statementTimeoutMs: 5000, connectionLimit: 4 };

/** `clips_<municipality id>_<hash of database and id>`: unique on a server shared by several databases. */
export function clipsRoleName(database: string, municipalityId: string): string {
  const id = municipalityId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "_")
    .slice(0, 32);
  const h = createHash("sha256").update(`${database}\0${municipalityId}`).digest("hex").slice(0, 10);
  return `clips_${id}_${h}`;
}

export function clipsRolePassword(authSecret: string, roleName: string): string {
  return createHmac("sha256", authSecret).update(`gatehouse clips role ${roleName}`).digest("base64url");
}

/** The comment on a clips role names its database, so a dropped test database's roles can go too. */
const roleComment = (database: string, municipalityId: string) =>
  `Gatehouse clips role: database ${database}, municipality ${municipalityId}`;

export class ClipsSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClipsSetupError";
  }
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Whether this connection's user may create roles (superuser or CREATEROLE). */
export async function canCreateRoles(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    "select (rolsuper or rolcreaterole) as ok from pg_roles where rolname = current_user",
  );
  return Boolean(rows[0]?.ok);
}

/**
 * Creates or updates one municipality's role on the app's connection (which owns the clips views).
 * Returns the settings that could not be applied (temp_file_limit needs a superuser).
 */
export async function ensureClipsRole(
  client: pg.ClientBase,
  municipalityId: string,
  authSecret: string,
  limits: ClipsRoleLimits = DEFAULT_ROLE_LIMITS,
): Promise<{ role: string; skipped: string[] }> {
  const { rows } = await client.query<{ db: string }>("select current_database() as db");
  const database = rows[0]!.db;
  const role = clipsRoleName(database, municipalityId);
  const password = clipsRolePassword(authSecret, role);
  // Two servers starting at once, or two first runs: one creates, the other waits.
  await client.query("select pg_advisory_lock(727274021)");
  try {
    const exists = (await client.query("select 1 from pg_roles where rolname = $1", [role])).rowCount;
    const attributes = `login noinherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls connection limit ${Number(limits.connectionLimit)} password ${literal(password)}`;
    await client.query(`${exists ? "alter" : "create"} role ${ident(role)} ${exists ? "with " : ""}${attributes}`);
    await client.query(`comment on role ${ident(role)} is ${literal(roleComment(database, municipalityId))}`);
    // Member of nothing: SET ROLE and inherited privileges are refused.
    const { rows: memberOf } = await client.query<{ name: string }>(
      "select g.rolname as name from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles u on u.oid = m.member where u.rolname = $1",
      [role],
    );
    for (const m of memberOf) await client.query(`revoke ${ident(m.name)} from ${ident(role)}`);
    const settings: [string, string][] = [
      ["search_path", CLIPS_SCHEMA],
      ["default_transaction_read_only", "on"],
      ["statement_timeout", String(Number(limits.statementTimeoutMs))],
      ["idle_in_transaction_session_timeout", "10000"],
      ["lock_timeout", "2000"],
      ["work_mem", "16MB"],
      ["timezone", "UTC"],
      ["temp_file_limit", "256MB"],
    ];
    const skipped: string[] = [];
    for (const [name, value] of settings) {
      try {
        await client.query(`alter role ${ident(role)} in database ${ident(database)} set ${name} = ${literal(value)}`);
      } catch (e) {
        if ((e as { code?: string }).code !== "42501") throw e;
        skipped.push(name);
      }
    }
    await client.query(
      `insert into ${CLIPS_PRIVATE_SCHEMA}.roles (role_name, municipality_id) values ($1, $2)
       on conflict (municipality_id) do update set role_name = excluded.role_name`,
      [role, municipalityId],
    );
    await client.query(`grant usage on schema ${CLIPS_SCHEMA} to ${ident(role)}`);
    await client.query(`grant select on all tables in schema ${CLIPS_SCHEMA} to ${ident(role)}`);
    return { role, skipped };
  } finally {
    await client.query("select pg_advisory_unlock(727274021)").catch(() => {});
  }
}

/**
 * Every municipality's role (`npm start` on the embedded database, `npm run clips:setup`). Says
 * plainly when the database user may not create roles.
 */
export async function setupClipsRoles(
  databaseUrl: string,
  authSecret: string,
  limits: ClipsRoleLimits = DEFAULT_ROLE_LIMITS,
  log: (s: string) => void = () => {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (!(await canCreateRoles(client))) {
      const { rows } = await client.query<{ u: string }>("select current_user as u");
      throw new ClipsSetupError(
        `clips setup needs a database user that may create roles: ${rows[0]!.u} has neither CREATEROLE nor SUPERUSER. ` +
          `Run \`npm run clips:setup\` with DATABASE_URL of such a user (for example: ALTER ROLE ${rows[0]!.u} CREATEROLE).`,
      );
    }
    const schema = await client.query("select 1 from pg_namespace where nspname = $1", [CLIPS_PRIVATE_SCHEMA]);
    if (!schema.rowCount) throw new ClipsSetupError("the clips schema is missing: run the migrations first");
    const { rows } = await client.query<{ id: string; slug: string }>(
      `select id, slug from "Municipality" order by slug`,
    );
    const roles: string[] = [];
    for (const m of rows) {
      const { role, skipped } = await ensureClipsRole(client, m.id, authSecret, limits);
      roles.push(role);
      if (skipped.length) log(`clips role for ${m.slug}: not set (needs a superuser): ${skipped.join(", ")}`);
    }
    log(`clips roles ready for ${rows.length} municipalit${rows.length === 1 ? "y" : "ies"}`);
    return roles;
  } finally {
    await client.end();
  }
}

/** After a database is dropped: its clips roles (named in their comments) go too. */
export async function dropClipsRolesOf(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select r.rolname as name from pg_roles r join pg_shdescription d on d.objoid = r.oid and d.classoid = 'pg_authid'::regclass
       where starts_with(d.description, $1)`,
      [`${roleComment(database, "")}`],
    );
    for (const r of rows) await client.query(`drop role if exists ${ident(r.name)}`).catch(() => {});
  } finally {
    await client.end();
  }
}
