// Saved clips and their runs (issue 21), read through the viewer's ability like every governed
// record: accessibleBy(…, "read").ofType("Clip" | "ClipRun") is in every query, rows are cut to the
// fields the policy permits, and a clip or run outside reach — another municipality's, or anyone's
// for a person without the clips group — is "not found". A run's rows were already purged by the
// clips views when it ran (lib/clips); they are stored so a result pages on the server, exports as
// CSV and stays the saved clip's "latest result". Pages and the API get DTOs, never rows. Who wrote
// a clip or ran a query reads as a name only where the viewer may know it (./people-names.ts).
// Writes are in lib/flows/clips.ts.
import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClipCell, ClipColumn } from "@/lib/clips/types";
import type { Viewer } from "@/lib/identity/viewer";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { idSchema } from "@/lib/records/list";
import type { ClipListQuery, ClipRunPageQuery } from "@/lib/schemas/clips";
import { sharedAuthorNames } from "./people-names";
import { project } from "./project";

const CLIP_FIELDS = MODEL_FIELDS.Clip as readonly string[];
const RUN_FIELDS = MODEL_FIELDS.ClipRun as readonly string[];

/**
 * "May use clips here": the policies give this municipality's Clip records to the viewer (the
 * clips group, analyst, and who extends it; a superuser). Pages show the Clips tab and the API
 * answers only then; everyone else gets "not found".
 */
export function mayUseClips(viewer: Viewer, municipalityId: string): boolean {
  return viewer.ability.can("read", subjectOf("Clip", { municipalityId }));
}

/** The same for saving: creating a clip here. */
export function maySaveClips(viewer: Viewer, municipalityId: string): boolean {
  return viewer.ability.can("create", subjectOf("Clip", { municipalityId }));
}

const clipWhere = (viewer: Viewer, filters: Prisma.ClipWhereInput): Prisma.ClipWhereInput => ({
  AND: [accessibleBy(viewer.ability, "read").ofType("Clip"), filters],
});
const runWhere = (viewer: Viewer, filters: Prisma.ClipRunWhereInput): Prisma.ClipRunWhereInput => ({
  AND: [accessibleBy(viewer.ability, "read").ofType("ClipRun"), filters],
});

/** A string field of a projected row ("" when the policy withholds it). */
const text = (row: Record<string, unknown>, f: string) => (typeof row[f] === "string" ? (row[f] as string) : "");
const date = (row: Record<string, unknown>, f: string) => (row[f] instanceof Date ? (row[f] as Date) : null);

// ─── Saved clips ──────────────────────────────────────────────────────────────────────────────

export type ClipListRow = {
  id: string;
  name: string;
  description: string;
  authorName: string;
  updatedAt: Date | null;
  /** The clip's latest successful run the viewer may read: its result's page. */
  latestRunId: string | null;
  latestRunAt: Date | null;
};

export type ClipList = { rows: ClipListRow[]; total: number; page: number; pageSize: number; pageCount: number };

/** Each clip's latest successful run the viewer may read (one query, at most one row per clip). */
async function latestRuns(viewer: Viewer, clipIds: string[]): Promise<Map<string, { id: string; createdAt: Date }>> {
  if (!clipIds.length) return new Map();
  const runs = await db.clipRun.findMany({
    where: runWhere(viewer, { clipId: { in: clipIds }, status: "SUCCEEDED" }),
    distinct: ["clipId"],
    orderBy: [{ clipId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    select: { id: true, clipId: true, createdAt: true },
  });
  return new Map(runs.map((r) => [r.clipId!, { id: r.id, createdAt: r.createdAt }]));
}

/** The municipality's saved clips (not archived) the viewer may read: searched, sorted, one page. */
export async function listClips(viewer: Viewer, municipalityId: string, query: ClipListQuery): Promise<ClipList> {
  const where = clipWhere(viewer, {
    municipalityId,
    archivedAt: null,
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { description: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  });
  const [rows, total] = await Promise.all([
    db.clip.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: query.dir }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.clip.count({ where }),
  ]);
  const [names, latest] = await Promise.all([
    sharedAuthorNames(
      viewer,
      rows.map((r) => r.authorId),
      municipalityId,
    ),
    latestRuns(
      viewer,
      rows.map((r) => r.id),
    ),
  ]);
  return {
    rows: rows.map((row) => {
      const r = project(viewer.ability, "read", "Clip", row, CLIP_FIELDS);
      const run = latest.get(row.id);
      return {
        id: row.id,
        name: text(r, "name"),
        description: text(r, "description"),
        authorName: r.authorId ? names.get(r.authorId)!.name : "",
        updatedAt: date(r, "updatedAt"),
        latestRunId: run?.id ?? null,
        latestRunAt: run?.createdAt ?? null,
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

export type ClipView = {
  id: string;
  municipalityId: string;
  name: string;
  description: string;
  sql: string;
  authorName: string;
  updatedByName: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  archivedAt: Date | null;
  latestRunId: string | null;
  latestRunAt: Date | null;
  /** The viewer may change (and archive) it. */
  mayUpdate: boolean;
};

/** One saved clip the viewer may read (archived ones too: their runs still point at them), or NotFoundError. */
export async function clipFor(viewer: Viewer, id: string, within: { municipalityId?: string } = {}): Promise<ClipView> {
  if (!idSchema.safeParse(id).success) throw new NotFoundError();
  const row = await db.clip.findFirst({ where: clipWhere(viewer, { id, ...within }) });
  if (!row) throw new NotFoundError();
  const r = project(viewer.ability, "read", "Clip", row, CLIP_FIELDS);
  const [names, latest] = await Promise.all([
    sharedAuthorNames(viewer, [r.authorId, r.updatedById], row.municipalityId),
    latestRuns(viewer, [row.id]),
  ]);
  const run = latest.get(row.id);
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    name: text(r, "name"),
    description: text(r, "description"),
    sql: text(r, "sql"),
    authorName: r.authorId ? names.get(r.authorId)!.name : "",
    updatedByName: r.updatedById ? names.get(r.updatedById)!.name : null,
    createdAt: date(r, "createdAt"),
    updatedAt: date(r, "updatedAt"),
    archivedAt: date(r, "archivedAt"),
    latestRunId: run?.id ?? null,
    latestRunAt: run?.createdAt ?? null,
    mayUpdate: viewer.ability.can("update", subjectOf("Clip", { ...row })) && row.archivedAt === null,
  };
}

// ─── Runs ─────────────────────────────────────────────────────────────────────────────────────

export type ClipRunView = {
  id: string;
  municipalityId: string;
  clipId: string | null;
  /** The saved clip's name when the run belongs to one the viewer may read. */
  clipName: string | null;
  sql: string;
  status: "SUCCEEDED" | "FAILED";
  error: string | null;
  columns: ClipColumn[];
  /** This page of the result's rows (cells in column order). */
  rows: ClipCell[][];
  rowCount: number;
  truncated: boolean;
  durationMs: number;
  createdAt: Date;
  byName: string;
  /** Run through the API with a token (the token's owner is `byName`). */
  viaApiToken: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
};

const asColumns = (v: unknown): ClipColumn[] =>
  Array.isArray(v)
    ? v.map((c) => {
        const o = (c ?? {}) as Record<string, unknown>;
        return { name: String(o.name ?? ""), type: String(o.type ?? "") };
      })
    : [];
const asRows = (v: unknown): ClipCell[][] => (Array.isArray(v) ? (v.filter(Array.isArray) as ClipCell[][]) : []);

/** The run's row the viewer may read, whole and projected, or NotFoundError. */
async function runInReach(viewer: Viewer, runId: string, within: { municipalityId?: string }) {
  if (!idSchema.safeParse(runId).success) throw new NotFoundError();
  const row = await db.clipRun.findFirst({ where: runWhere(viewer, { id: runId, ...within }) });
  if (!row) throw new NotFoundError();
  return { row, r: project(viewer.ability, "read", "ClipRun", row, RUN_FIELDS) };
}

/** Whole result of a run the viewer may read: for its CSV (lib/export/clip-run-csv.ts) and its page. */
export async function clipRunTable(
  viewer: Viewer,
  runId: string,
  within: { municipalityId?: string } = {},
): Promise<{ id: string; createdAt: Date; columns: ClipColumn[]; rows: ClipCell[][]; truncated: boolean }> {
  const { row, r } = await runInReach(viewer, runId, within);
  return {
    id: row.id,
    createdAt: row.createdAt,
    columns: asColumns(r.columns),
    rows: asRows(r.rows),
    truncated: r.truncated === true,
  };
}

/** One run the viewer may read, with one page of its rows, or NotFoundError. */
export async function clipRunFor(
  viewer: Viewer,
  runId: string,
  paging: ClipRunPageQuery,
  within: { municipalityId?: string } = {},
): Promise<ClipRunView> {
  const { row, r } = await runInReach(viewer, runId, within);
  const all = asRows(r.rows);
  const pageCount = Math.max(1, Math.ceil(all.length / paging.pageSize));
  const page = Math.min(paging.page, pageCount);
  const [names, clip] = await Promise.all([
    sharedAuthorNames(viewer, [r.userId], row.municipalityId),
    row.clipId
      ? db.clip.findFirst({ where: clipWhere(viewer, { id: row.clipId }), select: { name: true } })
      : Promise.resolve(null),
  ]);
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    clipId: clip ? row.clipId : null,
    clipName: clip?.name ?? null,
    sql: text(r, "sql"),
    status: row.status,
    error: typeof r.error === "string" ? r.error : null,
    columns: asColumns(r.columns),
    rows: all.slice((page - 1) * paging.pageSize, page * paging.pageSize),
    rowCount: typeof r.rowCount === "number" ? r.rowCount : 0,
    truncated: r.truncated === true,
    durationMs: typeof r.durationMs === "number" ? r.durationMs : 0,
    createdAt: row.createdAt,
    byName: r.userId ? names.get(r.userId)!.name : "",
    viaApiToken: !!r.apiTokenId,
    page,
    pageSize: paging.pageSize,
    pageCount,
  };
}

/** The latest successful run of a saved clip the viewer may read (for /clips/<id>/latest), or NotFoundError. */
export async function latestClipRunId(viewer: Viewer, clipId: string): Promise<string> {
  const clip = await clipFor(viewer, clipId);
  if (!clip.latestRunId) throw new NotFoundError("This clip has not run yet.");
  return clip.latestRunId;
}

export type ClipRunListRow = {
  id: string;
  clipId: string | null;
  sql: string;
  status: "SUCCEEDED" | "FAILED";
  rowCount: number;
  truncated: boolean;
  durationMs: number;
  createdAt: Date;
  byName: string;
};

/** The municipality's runs the viewer may read, newest first, one page; `clipId`: one saved clip's runs. */
export async function listClipRuns(
  viewer: Viewer,
  municipalityId: string,
  query: ClipRunPageQuery & { clipId?: string },
): Promise<{ rows: ClipRunListRow[]; total: number; page: number; pageSize: number; pageCount: number }> {
  const where = runWhere(viewer, { municipalityId, ...(query.clipId ? { clipId: query.clipId } : {}) });
  const [rows, total] = await Promise.all([
    db.clipRun.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      // The rows stay in the table: a list names runs, their pages show results.
      omit: { rows: true, columns: true },
    }),
    db.clipRun.count({ where }),
  ]);
  const names = await sharedAuthorNames(
    viewer,
    rows.map((r) => r.userId),
    municipalityId,
  );
  return {
    rows: rows.map((row) => {
      const r = project(viewer.ability, "read", "ClipRun", row, RUN_FIELDS);
      return {
        id: row.id,
        clipId: typeof r.clipId === "string" ? r.clipId : null,
        sql: text(r, "sql"),
        status: row.status,
        rowCount: typeof r.rowCount === "number" ? r.rowCount : 0,
        truncated: r.truncated === true,
        durationMs: typeof r.durationMs === "number" ? r.durationMs : 0,
        createdAt: row.createdAt,
        byName: r.userId ? names.get(r.userId)!.name : "",
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}
