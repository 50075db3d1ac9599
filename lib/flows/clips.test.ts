// Saved clips and their runs on the real database: an analyst saves, changes and archives clips
// of their own municipality (each audited), lists them sorted, searched and paged; another
// municipality's clip or run is "not found" (also for ids that exist), a person without the clips
// group is refused everything, a run's page and CSV come from its stored rows (CSV formula-safe),
// and bad input names its field with nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshViewer, type Viewer } from "@/test/fixtures/viewers";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { clipFor, clipRunFor, listClips, mayUseClips } from "@/lib/data/clips";
import { clipRunCsv } from "@/lib/export/clip-run-csv";
import { clipListQuery, clipRunPageQuery } from "@/lib/schemas/clips";
import type { Prisma } from "@/lib/generated/prisma/client";
import { archiveClip, runClip, runSavedClip, saveClip } from "./clips";

const raw = testPrisma();
/** Two new towns; in the first an analyst, a performance monitor (extends analyst) and a viewer; in the other an analyst. */
async function people() {
  const [town, other] = [await freshMunicipality(), await freshMunicipality()];
  return {
    town,
    other,
    analyst: await freshViewer(town.id, ["analyst"]),
    colleague: await freshViewer(town.id, ["performance_monitors"]),
    viewer: await freshViewer(town.id, ["viewer"]),
    otherAnalyst: await freshViewer(other.id, ["analyst"]),
  };
}
let w: Awaited<ReturnType<typeof people>>;
beforeAll(async () => {
  w = await people();
});

const userOf = (v: Viewer) => (v.principal.kind === "user" ? v.principal.userId : "");
const list = (v: Viewer, municipalityId: string, q: Record<string, unknown> = {}) =>
  listClips(v, municipalityId, clipListQuery.parse(q));
const page1 = clipRunPageQuery.parse({});

async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

/** A stored run, as runClip keeps one (the engine's answer is arranged here, not run). */
async function storedRun(municipalityId: string, by: Viewer, data: Partial<Prisma.ClipRunUncheckedCreateInput> = {}) {
  return raw.clipRun.create({
    data: {
      municipalityId,
      userId: userOf(by),
      sql: "select 1",
      status: "SUCCEEDED",
      columns: [{ name: "n", type: "int4" }],
      rows: [[1]],
      rowCount: 1,
      ...data,
    },
  });
}

describe("who may use clips", () => {
  it("is the clips group (and who extends it) in its own municipality only", () => {
    expect(mayUseClips(w.analyst, w.town.id)).toBe(true);
    expect(mayUseClips(w.colleague, w.town.id)).toBe(true);
    expect(mayUseClips(w.analyst, w.other.id)).toBe(false);
    expect(mayUseClips(w.viewer, w.town.id)).toBe(false);
  });

  it("refuses a person without the group everything, as not found, and writes nothing", async () => {
    const before = await raw.clip.count({ where: { municipalityId: w.town.id } });
    const { id } = await saveClip(w.analyst, w.town.id, { name: "Mine", sql: "select 1" });
    const run = await storedRun(w.town.id, w.analyst);
    for (const p of [
      () => saveClip(w.viewer, w.town.id, { name: "Nope", sql: "select 1" }),
      () => saveClip(w.viewer, w.town.id, { name: "Nope", sql: "select 2" }, id),
      () => archiveClip(w.viewer, id),
      () => runClip(w.viewer, w.town.id, { sql: "select 1" }),
      () => clipFor(w.viewer, id),
      () => clipRunFor(w.viewer, run.id, page1),
      () => clipRunCsv(w.viewer, run.id),
    ])
      expect(await refusal(p())).toBeInstanceOf(NotFoundError);
    expect((await list(w.viewer, w.town.id)).rows).toEqual([]);
    expect(await raw.clip.count({ where: { municipalityId: w.town.id } })).toBe(before + 1);
    expect(await raw.clip.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Mine", archivedAt: null });
  });
});

describe("saved clips", () => {
  it("are saved, changed and archived, each audited, and shared within the municipality", async () => {
    const { id } = await saveClip(w.analyst, w.town.id, {
      name: "Open requests per month",
      description: "For the council",
      sql: "select count(*) from clips.service_requests",
    });
    const created = await raw.auditEvent.findFirstOrThrow({ where: { targetType: "Clip", targetId: id } });
    expect(created).toMatchObject({ action: "clip.create", actorId: userOf(w.analyst), municipalityId: w.town.id });
    expect(created.data).toMatchObject({ name: "Open requests per month", sql: expect.stringContaining("count(*)") });

    // The colleague (performance_monitors extends analyst) reads and changes it.
    const seen = await clipFor(w.colleague, id);
    expect(seen).toMatchObject({ name: "Open requests per month", description: "For the council", mayUpdate: true });
    await saveClip(w.colleague, w.town.id, { name: "Open requests per month", sql: "select 2" }, id);
    const update = await raw.auditEvent.findFirstOrThrow({
      where: { targetType: "Clip", targetId: id, action: "clip.update" },
    });
    expect(update.data).toMatchObject({
      changed: { sql: { to: "select 2" }, description: { from: "For the council", to: "" } },
    });
    // An unchanged save writes nothing.
    await saveClip(w.colleague, w.town.id, { name: "Open requests per month", sql: "select 2" }, id);
    expect(await raw.auditEvent.count({ where: { targetId: id, action: "clip.update" } })).toBe(1);

    await archiveClip(w.analyst, id);
    expect(await raw.auditEvent.count({ where: { targetId: id, action: "clip.archive" } })).toBe(1);
    expect((await list(w.analyst, w.town.id, { q: "Open requests" })).rows).toEqual([]);
    expect((await clipFor(w.analyst, id)).archivedAt).toBeInstanceOf(Date);
    // Archived: no more changes, no more runs.
    expect(await refusal(saveClip(w.analyst, w.town.id, { name: "x", sql: "select 1" }, id))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await refusal(archiveClip(w.analyst, id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(runClip(w.analyst, w.town.id, { sql: "select 2", clipId: id }))).toBeInstanceOf(NotFoundError);
  });

  it("list searched, sorted and paged, with each clip's latest successful run", async () => {
    const town2 = await freshMunicipality();
    const a = await freshViewer(town2.id, ["analyst"]);
    const names = ["Beta tags", "Alpha departments", "Gamma events"];
    const ids: string[] = [];
    for (const name of names) ids.push((await saveClip(a, town2.id, { name, sql: `select '${name}'` })).id);
    await storedRun(town2.id, a, { clipId: ids[0], createdAt: new Date(Date.now() - 60_000) });
    const newest = await storedRun(town2.id, a, { clipId: ids[0] });
    await storedRun(town2.id, a, { clipId: ids[0], status: "FAILED", error: "syntax error", rows: [], columns: [] });

    const byName = await list(a, town2.id, { sort: "name" });
    expect(byName.rows.map((r) => r.name)).toEqual(["Alpha departments", "Beta tags", "Gamma events"]);
    expect(byName.total).toBe(3);
    const beta = byName.rows.find((r) => r.name === "Beta tags")!;
    expect(beta).toMatchObject({ latestRunId: newest.id, authorName: expect.any(String) });
    expect(byName.rows.find((r) => r.name === "Gamma events")!.latestRunId).toBeNull();
    expect((await list(a, town2.id, { sort: "name", dir: "desc" })).rows[0]!.name).toBe("Gamma events");
    expect((await list(a, town2.id, { q: "TAGS" })).rows.map((r) => r.id)).toEqual([ids[0]]);
    const paged = await list(a, town2.id, { sort: "name", pageSize: 2, page: 2 });
    expect(paged).toMatchObject({ total: 3, page: 2, pageCount: 2 });
    expect(paged.rows.map((r) => r.name)).toEqual(["Gamma events"]);
    expect((await clipFor(a, ids[0]!)).latestRunId).toBe(newest.id);
  });

  it("refuses bad input naming the field, with nothing written", async () => {
    const before = await raw.clip.count({ where: { municipalityId: w.town.id } });
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "", sql: "select 1" }, "name"],
      [{ name: "x".repeat(121), sql: "select 1" }, "name"],
      [{ name: "ok", sql: "   " }, "sql"],
      [{ name: "ok", sql: "select 1".padEnd(20_001, " ") }, "sql"],
      [{ name: "ok", sql: "select '\u0000'" }, "sql"],
      [{ name: "ok", description: "d".repeat(1001), sql: "select 1" }, "description"],
      [{ name: "ok", sql: "select 1", authorId: userOf(w.otherAnalyst) }, "authorId"],
    ];
    for (const [input, field] of cases) {
      const e = await refusal(saveClip(w.analyst, w.town.id, input as never));
      expect(e, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((e as ValidationError).fieldErrors), field).toContain(field);
    }
    const e = await refusal(runClip(w.analyst, w.town.id, { sql: "" }));
    expect((e as ValidationError).fieldErrors.sql?.[0]).toBe("SQL: write a query.");
    expect(await raw.clip.count({ where: { municipalityId: w.town.id } })).toBe(before);
  });
});

describe("tenancy", () => {
  it("another municipality's clip or run is not found, even by its id", async () => {
    const { id } = await saveClip(w.otherAnalyst, w.other.id, { name: "Theirs", sql: "select 1" });
    const run = await storedRun(w.other.id, w.otherAnalyst, { clipId: id });
    for (const p of [
      () => clipFor(w.analyst, id),
      () => clipRunFor(w.analyst, run.id, page1),
      () => clipRunCsv(w.analyst, run.id),
      () => saveClip(w.analyst, w.town.id, { name: "Mine now", sql: "select 1" }, id),
      () => saveClip(w.analyst, w.other.id, { name: "Mine now", sql: "select 1" }, id),
      () => archiveClip(w.analyst, id),
      () => runClip(w.analyst, w.town.id, { sql: "select 1", clipId: id }),
      () => runClip(w.analyst, w.other.id, { sql: "select 1" }),
    ])
      expect(await refusal(p())).toBeInstanceOf(NotFoundError);
    expect((await list(w.analyst, w.other.id)).rows).toEqual([]);
    expect((await list(w.analyst, w.town.id)).rows.map((r) => r.id)).not.toContain(id);
    expect(await raw.clip.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Theirs", archivedAt: null });
    // Its owner still reads both.
    expect((await clipFor(w.otherAnalyst, id)).name).toBe("Theirs");
    expect((await clipRunFor(w.otherAnalyst, run.id, page1)).clipName).toBe("Theirs");
  });
});

describe("a run's result", () => {
  it("pages its stored rows on the server and says who ran it", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [i, `row ${i}`]);
    const run = await storedRun(w.town.id, w.analyst, {
      columns: [
        { name: "n", type: "int4" },
        { name: "label", type: "text" },
      ],
      rows,
      rowCount: 60,
      truncated: true,
      durationMs: 12,
    });
    const p2 = await clipRunFor(w.colleague, run.id, clipRunPageQuery.parse({ page: 2, pageSize: 25 }));
    expect(p2).toMatchObject({ page: 2, pageCount: 3, rowCount: 60, truncated: true, durationMs: 12 });
    expect(p2.rows[0]).toEqual([25, "row 25"]);
    expect(p2.rows).toHaveLength(25);
    expect(p2.columns.map((c) => c.name)).toEqual(["n", "label"]);
    expect(p2.byName).not.toMatch(/^c[a-z0-9]{20,}$/);
    // A page past the end shows the last one.
    expect((await clipRunFor(w.analyst, run.id, clipRunPageQuery.parse({ page: 99, pageSize: 25 }))).page).toBe(3);
  });

  it("exports as CSV with formula-safe cells and header", async () => {
    const run = await storedRun(w.town.id, w.analyst, {
      columns: [
        { name: "=cmd()", type: "text" },
        { name: "lon", type: "float8" },
      ],
      rows: [
        ['=HYPERLINK("http://evil")', -8.61],
        ["+1, two", null],
        ["@SUM(A1)", 3],
      ],
      rowCount: 3,
    });
    const { csv, filename, truncated } = await clipRunCsv(w.analyst, run.id);
    expect(csv).toBe(`'=cmd(),lon\r\n"'=HYPERLINK(""http://evil"")",-8.61\r\n"'+1, two",\r\n'@SUM(A1),3\r\n`);
    expect(filename).toMatch(/^clip-run-[0-9T-]+\.csv$/);
    expect(truncated).toBe(false);
  });
});

describe("running", () => {
  it("names the clip it runs only within the municipality, and refuses an unknown one", async () => {
    expect(await refusal(runClip(w.analyst, w.town.id, { sql: "select 1", clipId: "nope" }))).toBeInstanceOf(
      NotFoundError,
    );
    const e = await refusal(runClip(w.analyst, w.town.id, { sql: "select 1", clipId: "bad id!" }));
    expect((e as ValidationError).fieldErrors.clipId).toBeDefined();
  });
});

describe("a run, as the clips role", () => {
  it("keeps the result and audits the SQL, duration and row count, in the run's municipality only", async () => {
    const before = await raw.clipRun.count({ where: { municipalityId: w.town.id } });
    const { runId, outcome } = await runClip(w.analyst, w.town.id, {
      sql: "select count(*)::int as requests from clips.service_requests",
    });
    expect(outcome.ok).toBe(true);
    const run = await raw.clipRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({
      municipalityId: w.town.id,
      userId: userOf(w.analyst),
      status: "SUCCEEDED",
      rowCount: 1,
      truncated: false,
      // A fresh municipality has no requests: its view shows none of the others'.
      rows: [[0]],
      columns: [{ name: "requests", type: "int4" }],
    });
    const event = await raw.auditEvent.findFirstOrThrow({ where: { targetType: "ClipRun", targetId: runId } });
    expect(event).toMatchObject({ action: "clip.run", actorId: userOf(w.analyst), actorType: "user" });
    expect(event.data).toEqual({
      sql: "select count(*)::int as requests from clips.service_requests",
      status: "SUCCEEDED",
      durationMs: run.durationMs,
      rowCount: 1,
      truncated: false,
    });
    expect(await raw.clipRun.count({ where: { municipalityId: w.town.id } })).toBe(before + 1);
  });

  it("keeps a refused query as a FAILED run with PostgreSQL's message, audited too", async () => {
    const { runId, outcome } = await runClip(w.analyst, w.town.id, { sql: 'select email from "User"' });
    expect(outcome.ok).toBe(false);
    const run = await raw.clipRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/relation "User" does not exist|permission denied/);
    expect(run.rows).toEqual([]);
    const event = await raw.auditEvent.findFirstOrThrow({ where: { targetType: "ClipRun", targetId: runId } });
    expect(event.data).toMatchObject({ status: "FAILED", rowCount: 0, error: run.error });
    const view = await clipRunFor(w.analyst, runId, page1);
    expect(view).toMatchObject({ status: "FAILED", error: run.error, rows: [] });
  });

  it("cuts a result at the row cap and says so", async () => {
    const { runId } = await runClip(w.analyst, w.town.id, { sql: "select g from generate_series(1, 1500) g" });
    const view = await clipRunFor(w.analyst, runId, clipRunPageQuery.parse({ page: 40, pageSize: 25 }));
    expect(view).toMatchObject({ status: "SUCCEEDED", rowCount: 1000, truncated: true, pageCount: 40 });
    expect(view.rows.at(-1)).toEqual([1000]);
    const { csv, truncated } = await clipRunCsv(w.analyst, runId);
    expect(truncated).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(1002);
  });

  it("is a saved clip's latest result only when it ran the saved SQL", async () => {
    const { id } = await saveClip(w.analyst, w.town.id, {
      name: "Tag count",
      sql: "select count(*) from clips.request_tags",
    });
    const saved = await runSavedClip(w.analyst, id);
    expect((await clipFor(w.analyst, id)).latestRunId).toBe(saved.runId);
    const edited = await runClip(w.analyst, w.town.id, { sql: "select 42 as answer", clipId: id });
    expect((await raw.clipRun.findUniqueOrThrow({ where: { id: edited.runId } })).clipId).toBeNull();
    expect((await clipFor(w.analyst, id)).latestRunId).toBe(saved.runId);
    const event = await raw.auditEvent.findFirstOrThrow({ where: { targetId: saved.runId } });
    expect(event.data).toMatchObject({ clipId: id, name: "Tag count" });
  });
});

describe("who wrote a shared clip", () => {
  it("colleagues see the author's and the runner's name (no email); the viewer's own name too", async () => {
    const author = await raw.user.findUniqueOrThrow({ where: { id: userOf(w.analyst) }, select: { name: true } });
    const { id } = await saveClip(w.analyst, w.town.id, { name: "Shared by name", sql: "select 1" });
    const run = await storedRun(w.town.id, w.analyst, { clipId: id });
    expect(author.name).toBeTruthy();
    for (const v of [w.colleague, w.analyst]) {
      expect((await clipFor(v, id)).authorName).toBe(author.name);
      expect((await clipRunFor(v, run.id, page1)).byName).toBe(author.name);
      const row = (await list(v, w.town.id, { q: "Shared by name" })).rows[0]!;
      expect(row.authorName).toBe(author.name);
    }
  });
});
