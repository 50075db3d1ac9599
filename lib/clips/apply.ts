// Keeps the database's clips schema equal to what the policies say (lib/clips/schema-sql.ts): the
// migration runner calls this after the migrations, on every start and in every test setup. The
// views are dropped and made again only when the generated SQL's hash differs from the one kept as
// the schema's comment; the grants to every municipality's role are given again with them.
import type pg from "pg";
import { CLIPS_BOOTSTRAP_SQL, CLIPS_SCHEMA, clipsSchemaSql, schemaComment } from "./schema-sql";
import type { CompiledPolicies } from "@/lib/policy/load";

/** Returns true when the views were (re)generated. */
export async function applyClipsSchema(
  client: pg.ClientBase,
  log: (s: string) => void = () => {},
  policies?: CompiledPolicies,
): Promise<boolean> {
  const { sql, hash } = clipsSchemaSql(policies);
  const { rows } = await client.query<{ comment: string | null }>(
    "select obj_description(oid, 'pg_namespace') as comment from pg_namespace where nspname = $1",
    [CLIPS_SCHEMA],
  );
  const current = rows[0]?.comment === schemaComment(hash);
  await client.query("begin");
  try {
    await client.query(CLIPS_BOOTSTRAP_SQL);
    if (!current) await client.query(sql);
    await client.query("commit");
  } catch (err) {
    await client.query("rollback");
    throw new Error(`The clips schema could not be generated: ${(err as Error).message}`);
  }
  if (!current) log("clips views generated from the policies");
  return !current;
}
