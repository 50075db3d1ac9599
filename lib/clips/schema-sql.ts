// The `clips` schema as SQL, generated from the policies (lib/clips/spec.ts): one security_barrier
// view per clips record type with only the permitted fields, only the rows of the connected role's
// municipality, and a few aggregate views built on those views (so they can never hold more). The
// tenant is `current_user`: each municipality has its own LOGIN role (lib/clips/roles.ts), listed in
// clips_private.roles, which the roles themselves cannot read; nothing a session can SET changes it.
// The migration runner (scripts/lib/migrate.ts) applies this when its hash changes. Pure.
import { createHash } from "node:crypto";
import type { ClipColumn, ClipsView } from "./types";
import { columnType } from "./columns";
import { clipsSpec, snakeCase, VIEW_DESCRIPTIONS, VIEW_OF, type ClipsSpec, type ClipsSubject } from "./spec";
import type { CompiledPolicies } from "@/lib/policy/load";
import { CLIPS_SUBJECTS } from "@/lib/policy/subjects";

export const CLIPS_SCHEMA = "clips";
export const CLIPS_PRIVATE_SCHEMA = "clips_private";

type ViewColumn = ClipColumn & { expr: string };
type ViewDef = { name: string; description: string; columns: ViewColumn[]; body: string };

const TENANT = `(select r.municipality_id from ${CLIPS_PRIVATE_SCHEMA}.roles r where r.role_name = current_user)`;

function recordView(s: ClipsSubject, fields: string[]): ViewDef {
  const columns = fields.map((f) => {
    const t = columnType(s, f);
    return { name: snakeCase(f), type: t.type, expr: t.enum ? `t."${f}"::${t.type}` : `t."${f}"` };
  });
  return {
    name: VIEW_OF[s],
    description: VIEW_DESCRIPTIONS[s],
    columns,
    body: `from public."${s}" t where t."municipalityId" = ${TENANT}`,
  };
}

/** Aggregates worth having, each only when the fields it needs are in the views. */
function aggregateViews(spec: ClipsSpec): ViewDef[] {
  const has = (s: ClipsSubject, ...fs: string[]) => fs.every((f) => spec[s].includes(f));
  const out: ViewDef[] = [];
  const month: ViewColumn = { name: "month", type: "date", expr: "date_trunc('month', created_at)::date" };
  const groupBy = (n: number) => `group by ${Array.from({ length: n }, (_, i) => i + 1).join(", ")}`;
  const dims = (s: ClipsSubject, fs: string[]): ViewColumn[] =>
    fs.filter((f) => has(s, f)).map((f) => ({ name: snakeCase(f), type: columnType(s, f).type, expr: snakeCase(f) }));
  if (has("ServiceRequest", "createdAt")) {
    const d = dims("ServiceRequest", ["category", "status"]);
    out.push({
      name: "requests_per_month",
      description: `Requests per month${d.length ? ` by ${d.map((c) => c.name).join(" and ")}` : ""}.`,
      columns: [month, ...d, { name: "requests", type: "int8", expr: "count(*)" }],
      body: `from ${CLIPS_SCHEMA}.service_requests ${groupBy(d.length + 1)}`,
    });
  }
  if (has("ServiceRequest", "createdAt", "resolvedAt")) {
    const d = dims("ServiceRequest", ["category"]);
    const days = "extract(epoch from (resolved_at - created_at)) / 86400";
    out.push({
      name: "resolution_times",
      description: `Resolved requests per month of filing${d.length ? " and category" : ""}: how many, average and median days to resolve.`,
      columns: [
        month,
        ...d,
        { name: "resolved", type: "int8", expr: "count(*)" },
        { name: "avg_days", type: "numeric", expr: `round((avg(${days}))::numeric, 1)` },
        {
          name: "median_days",
          type: "numeric",
          expr: `round((percentile_cont(0.5) within group (order by ${days}))::numeric, 1)`,
        },
      ],
      body: `from ${CLIPS_SCHEMA}.service_requests where resolved_at is not null ${groupBy(d.length + 1)}`,
    });
  }
  if (has("RequestEvent", "createdAt", "kind")) {
    out.push({
      name: "request_events_per_month",
      description: "Timeline entries per month and kind.",
      columns: [month, ...dims("RequestEvent", ["kind"]), { name: "events", type: "int8", expr: "count(*)" }],
      body: `from ${CLIPS_SCHEMA}.request_events ${groupBy(2)}`,
    });
  }
  if (has("HeritageSite", "district")) {
    const d = dims("HeritageSite", ["district", "kind"]);
    out.push({
      name: "heritage_sites_by_district",
      description: "Heritage sites per district and kind.",
      columns: [...d, { name: "sites", type: "int8", expr: "count(*)" }],
      body: `from ${CLIPS_SCHEMA}.heritage_sites ${groupBy(d.length)}`,
    });
  }
  if (has("Document", "kind")) {
    const d = dims("Document", ["kind", "visibility"]);
    out.push({
      name: "documents_by_kind",
      description: "Documents per kind and visibility, archived ones apart.",
      columns: [
        ...d,
        ...(has("Document", "archivedAt") ? [{ name: "archived", type: "bool", expr: "archived_at is not null" }] : []),
        { name: "documents", type: "int8", expr: "count(*)" },
      ],
      body: `from ${CLIPS_SCHEMA}.documents ${groupBy(d.length + (has("Document", "archivedAt") ? 1 : 0))}`,
    });
  }
  return out;
}

function viewDefs(policies?: CompiledPolicies): ViewDef[] {
  const spec = clipsSpec(policies);
  const records = CLIPS_SUBJECTS.filter((s) => spec[s].length > 0).map((s) => recordView(s, spec[s]));
  return [...records, ...aggregateViews(spec)];
}

/** The views, their columns and types, and a line each (the editor's sidebar, the API's schema). */
export function clipsViews(policies?: CompiledPolicies): ClipsView[] {
  return viewDefs(policies).map((v) => ({
    name: v.name,
    description: v.description,
    columns: v.columns.map(({ name, type }) => ({ name, type })),
  }));
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Runs every time (idempotent): the private schema with the role → municipality list. Nobody but
 * the owner reads it; the views do, as their owner.
 */
export const CLIPS_BOOTSTRAP_SQL = `
create schema if not exists ${CLIPS_PRIVATE_SCHEMA};
revoke all on schema ${CLIPS_PRIVATE_SCHEMA} from public;
create table if not exists ${CLIPS_PRIVATE_SCHEMA}.roles (
  role_name name primary key,
  municipality_id text not null unique references public."Municipality"(id)
);
revoke all on ${CLIPS_PRIVATE_SCHEMA}.roles from public;
`;

/** The SQL that (re)creates the clips schema; its hash is kept as the schema's comment. */
export function clipsSchemaSql(policies?: CompiledPolicies): { sql: string; hash: string } {
  const views = viewDefs(policies);
  const body = [
    `drop schema if exists ${CLIPS_SCHEMA} cascade;`,
    `create schema ${CLIPS_SCHEMA};`,
    `revoke all on schema ${CLIPS_SCHEMA} from public;`,
    ...views.flatMap((v) => [
      `create view ${CLIPS_SCHEMA}.${v.name} with (security_barrier) as\n  select ${v.columns
        .map((c) => (c.expr === c.name ? c.name : `${c.expr} as ${c.name}`))
        .join(", ")}\n  ${v.body};`,
      `comment on view ${CLIPS_SCHEMA}.${v.name} is ${quote(v.description)};`,
    ]),
    // Every municipality's role reads every view (each sees its own rows); nothing else.
    `do $$ declare r record; begin
  for r in select x.role_name from ${CLIPS_PRIVATE_SCHEMA}.roles x join pg_roles p on p.rolname = x.role_name loop
    execute format('grant usage on schema ${CLIPS_SCHEMA} to %I', r.role_name);
    execute format('grant select on all tables in schema ${CLIPS_SCHEMA} to %I', r.role_name);
  end loop;
end $$;`,
  ].join("\n");
  const hash = createHash("sha256").update(body).digest("hex");
  return { sql: `${body}\ncomment on schema ${CLIPS_SCHEMA} is ${quote(schemaComment(hash))};`, hash };
}

export function schemaComment(hash: string): string {
  return `Gatehouse clips views, generated from the policies (lib/clips). sha256:${hash}`;
}
