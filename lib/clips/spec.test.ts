// The clips views hold exactly what the policies allow (issue 21): their columns, read from the real
// database, against the ability compiler's answer for the clips group; personal fields never, free
// text only when a rule names it; the loader refuses query rules that would widen the schema; and
// the migration runner regenerates the views when the policies change.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { subject } from "@casl/ability";
import { sql, sqlOn, testDatabaseUrl } from "@/test/fixtures/db";
import { groupAbility } from "@/lib/policy/ability";
import { loadPolicies, PolicyLoadError } from "@/lib/policy/load";
import { CLIPS_SUBJECTS, fieldsOf } from "@/lib/policy/subjects";
import { clipsGroupName, clipsSpec, snakeCase, VIEW_OF } from "./spec";
import { clipsSchemaSql, clipsViews } from "./schema-sql";
import { applyClipsSchema } from "./apply";
import { migrate } from "@/scripts/lib/migrate";

const dirs: string[] = [];
function copyPolicies(): string {
  const root = mkdtempSync(path.join(tmpdir(), "gh-clips-policies-"));
  cpSync(path.join(process.cwd(), "policies"), root, { recursive: true });
  dirs.push(root);
  return path.join(root, "groups");
}
function edit(file: string, from: string, to: string) {
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}
const analystFile = (dir: string) => path.join(dir, "analyst.yaml");
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function viewColumns(url?: string): Promise<Record<string, string[]>> {
  const q = `select table_name as view, column_name as col from information_schema.columns
    where table_schema = 'clips' order by table_name, ordinal_position`;
  const rows = url ? await sqlOn<{ view: string; col: string }>(url, q) : await sql<{ view: string; col: string }>(q);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.view] ??= []).push(r.col);
  return out;
}

describe("the clips views hold exactly what the policies allow", () => {
  it("each record type's view has the fields the ability compiler lets the clips group query", async () => {
    const policies = loadPolicies();
    expect(clipsGroupName(policies)).toBe("analyst");
    const ability = groupAbility("analyst", policies);
    const { personal, freeText } = policies.personalData;
    const columns = await viewColumns();
    for (const s of CLIPS_SUBJECTS) {
      // The compiler's own answer, field by field, for a row of the group's municipality.
      const row = subject(s, { municipalityId: "sample-municipality" });
      const allowed = fieldsOf(s).filter((f) => ability.can("query", row as never, f));
      expect(allowed.length, s).toBeGreaterThan(0);
      expect(clipsSpec(policies)[s], s).toEqual(allowed);
      expect(columns[VIEW_OF[s]], `clips.${VIEW_OF[s]}`).toEqual(allowed.map(snakeCase));
      for (const f of personal[s]) expect(columns[VIEW_OF[s]], `${s}.${f} is personal`).not.toContain(snakeCase(f));
      for (const f of freeText[s]) expect(columns[VIEW_OF[s]], `${s}.${f} is free text`).not.toContain(snakeCase(f));
    }
  });

  it("every view of the database is one the generator describes, column for column", async () => {
    const columns = await viewColumns();
    const described = Object.fromEntries(clipsViews().map((v) => [v.name, v.columns.map((c) => c.name)]));
    expect(columns).toEqual(described);
    const barrier = await sql<{ name: string; options: string[] | null }>(
      `select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'clips'`,
    );
    for (const v of barrier) expect(v.options, v.name).toContain("security_barrier=true");
  });

  it("a rule without a field list leaves free text out; naming a free-text field brings it in", () => {
    const dir = copyPolicies();
    edit(
      analystFile(dir),
      "fields: [id, kind, name, district, period, designation, isPublic, createdAt, updatedAt]",
      "# all but personal data and free text",
    );
    edit(
      analystFile(dir),
      "fields: [id, departmentId, kind, visibility, title,",
      "fields: [id, summary, departmentId, kind, visibility, title,",
    );
    const spec = clipsSpec(loadPolicies(dir));
    expect(spec.HeritageSite).toContain("name");
    expect(spec.HeritageSite).toContain("municipalityId");
    expect(spec.HeritageSite).not.toContain("summary");
    expect(spec.HeritageSite).not.toContain("ownerName");
    expect(spec.Document).toContain("summary");
  });

  it("a cannot-query rule takes fields out", () => {
    const dir = copyPolicies();
    writeFileSync(
      analystFile(dir),
      readFileSync(analystFile(dir), "utf8") +
        "  - cannot: query\n    on: ServiceRequest\n    where: { municipalityId: $membership.municipalityId }\n    fields: [area]\n",
    );
    const spec = clipsSpec(loadPolicies(dir));
    expect(spec.ServiceRequest).not.toContain("area");
    expect(spec.ServiceRequest).toContain("category");
  });
});

describe("the loader refuses query rules that would widen the clips schema", () => {
  const refuses = (change: (dir: string) => void, message: RegExp) => {
    const dir = copyPolicies();
    change(dir);
    expect(() => loadPolicies(dir)).toThrow(PolicyLoadError);
    expect(() => loadPolicies(dir)).toThrow(message);
  };

  it("a query rule naming a personal field", () => {
    refuses(
      (dir) => edit(analystFile(dir), "        reference,\n", "        reference,\n        reporterEmail,\n"),
      /analyst\.yaml rule #\d+: ServiceRequest\.reporterEmail is personal data \(policies\/personal-data\.yaml\); a query rule can never list it/,
    );
  });

  it("a query rule on a record type outside the clips ones", () => {
    refuses(
      (dir) =>
        writeFileSync(
          analystFile(dir),
          readFileSync(analystFile(dir), "utf8") +
            "  - can: query\n    on: User\n    where: { municipalityId: $membership.municipalityId }\n",
        ),
      /analyst\.yaml rule #\d+: "query" is only about ServiceRequest, HeritageSite/,
    );
  });

  it("a query rule with another where", () => {
    refuses(
      (dir) =>
        edit(
          analystFile(dir),
          "on: Department\n    where: { municipalityId: $membership.municipalityId }",
          "on: Department\n    where: { municipalityId: $membership.municipalityId, archivedAt: null }",
        ),
      /analyst\.yaml rule #\d+: a query rule's where must be exactly \{ municipalityId: \$membership\.municipalityId \}/,
    );
  });

  it("two groups with query rules of their own", () => {
    refuses(
      (dir) =>
        writeFileSync(
          path.join(dir, "viewer.yaml"),
          readFileSync(path.join(dir, "viewer.yaml"), "utf8") +
            "  - can: query\n    on: Department\n    where: { municipalityId: $membership.municipalityId }\n    fields: [id]\n",
        ),
      /only one group may define `query` rules/,
    );
  });

  it("personal-data.yaml naming an unknown field", () => {
    refuses(
      (dir) => edit(path.join(path.dirname(dir), "personal-data.yaml"), "reporterPhone,", "reporterFax,"),
      /personal-data\.yaml personal\.ServiceRequest: unknown field "reporterFax"/,
    );
  });
});

describe("the migration runner keeps the views in step with the policies", () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created) await sqlOn(testDatabaseUrl(), `drop database if exists ${name} with (force)`);
  });

  it("regenerates when the generated SQL changes, and only then", async () => {
    // A database of its own: the run's shared one keeps the project's views for the other tests.
    const name = `gh_clips_regen_${Date.now().toString(36)}`;
    await sqlOn(testDatabaseUrl(), `create database ${name}`);
    created.push(name);
    const u = new URL(testDatabaseUrl());
    u.pathname = `/${name}`;
    await migrate(u.toString());
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    try {
      expect(await applyClipsSchema(client)).toBe(false);
      const dir = copyPolicies();
      edit(analystFile(dir), "        area,\n", "");
      const edited = loadPolicies(dir);
      expect(clipsSchemaSql(edited).hash).not.toBe(clipsSchemaSql().hash);
      expect(await applyClipsSchema(client, () => {}, edited)).toBe(true);
      expect((await viewColumns(u.toString())).service_requests).not.toContain("area");
      expect(await applyClipsSchema(client, () => {}, edited)).toBe(false);
    } finally {
      await client.end();
    }
  });
});
