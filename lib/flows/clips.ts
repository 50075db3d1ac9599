// Clips (issue 21, seed 000's Dataclips): running SQL in the municipality's clips schema and saving
// queries shared within the municipality. Decisions a reviewer can check:
// - Who: the policies. Without `read Clip` in the municipality (the clips group, analyst) every
//   call is "not found", exactly like a record out of reach; saving needs `create`/`update Clip`.
// - What SQL may read is never decided here: lib/clips runs it as the municipality's clips role,
//   which sees only the views generated from the policies, read-only, with a timeout and a row cap.
//   This flow only refuses empty, oversized or NUL-holding text (lib/schemas/clips.ts).
// - Every run — succeeded or refused by PostgreSQL — is kept as a ClipRun row (the result, already
//   purged and capped, so its page and CSV read it later) and audited as `clip.run` with its SQL
//   text, duration, row count, cut and status, in one transaction that first confirms the
//   person's (or token's) access is still what the ability was built from.
// - A run belongs to a saved clip (its "latest result") only when it ran that clip's saved SQL.
// - Clips not set up (no role or schema yet): ClipsUnavailableError (503), nothing recorded.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { assertAccessCurrent } from "@/lib/data/access-version";
import { clipFor, mayUseClips } from "@/lib/data/clips";
import { actorOf } from "@/lib/data/scoped-records";
import { AppError, ForbiddenError, NotFoundError, validationErrorOf } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/identity/viewer";
import type { ClipOutcome } from "@/lib/clips/types";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { clipRunInput, clipSaveInput, type ClipRunForm, type ClipSaveForm } from "@/lib/schemas/clips";
import { ClipsUnavailableError as EngineUnavailable, runClipsSql } from "@/lib/clips/run";
import type { Tx } from "./tx";

/** Clips cannot run here (yet): the page shows its "unavailable" state, the API a 503 with the engine's reason. */
export class ClipsUnavailableError extends AppError {
  constructor(readonly reason: string) {
    super(reason, 503);
    this.name = "ClipsUnavailableError";
  }
}

/** The engine's answer; its "not set up" as our typed error (lib/clips knows no HTTP statuses). */
async function runInClips(municipalityId: string, sql: string): Promise<ClipOutcome> {
  try {
    return await runClipsSql(municipalityId, sql);
  } catch (e) {
    if (e instanceof EngineUnavailable) throw new ClipsUnavailableError(e.reason);
    throw e;
  }
}

/** Who may do anything with clips here: a person (or their token) holding the clips group. */
function clipsUser(viewer: Viewer, municipalityId: string) {
  if (viewer.principal.kind !== "user" || !mayUseClips(viewer, municipalityId)) throw new NotFoundError();
  return viewer.principal;
}

type RunVia = { apiTokenId?: string };

/**
 * Runs SQL in the municipality's clips schema as its clips role and keeps the run: its ClipRun row
 * and the `clip.run` audit event, in one transaction. PostgreSQL refusing the query (syntax,
 * permission, timeout, a write) is a run too — FAILED, with PostgreSQL's message.
 */
export async function runClip(
  viewer: Viewer,
  municipalityId: string,
  input: ClipRunForm | Record<string, unknown>,
  via: RunVia = {},
): Promise<{ runId: string; outcome: ClipOutcome }> {
  const me = clipsUser(viewer, municipalityId);
  const parsed = clipRunInput.safeParse(input);
  if (!parsed.success)
    throw validationErrorOf(parsed.error, { message: "Please correct the marked fields", known: ["sql", "clipId"] });
  const { sql, clipId } = parsed.data;
  // A saved clip named by the run must be one of this municipality's, readable and not archived.
  const clip = clipId ? await clipFor(viewer, clipId, { municipalityId }) : null;
  if (clip?.archivedAt) throw new NotFoundError();
  const outcome = await runInClips(municipalityId, sql);
  const apiTokenId = via.apiTokenId ?? (me.via === "token" ? me.tokenId : undefined) ?? null;
  const ownClipId = clip && clip.sql === sql ? clip.id : null;
  const result = outcome.ok ? outcome.result : null;
  const durationMs = Math.max(0, Math.round(outcome.ok ? outcome.result.durationMs : outcome.durationMs));
  const runId = await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const run = await tx.clipRun.create({
      data: {
        municipalityId,
        clipId: ownClipId,
        userId: me.userId,
        apiTokenId,
        sql,
        status: outcome.ok ? "SUCCEEDED" : "FAILED",
        error: outcome.ok ? null : outcome.error,
        columns: (result?.columns ?? []) as Prisma.InputJsonValue,
        rows: (result?.rows ?? []) as Prisma.InputJsonValue,
        rowCount: result?.rowCount ?? 0,
        truncated: result?.truncated ?? false,
        durationMs,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "clip.run",
      ...actorOf(viewer),
      municipalityId,
      targetType: "ClipRun",
      targetId: run.id,
      data: {
        sql,
        status: outcome.ok ? "SUCCEEDED" : "FAILED",
        durationMs,
        rowCount: result?.rowCount ?? 0,
        truncated: result?.truncated ?? false,
        ...(ownClipId ? { clipId: ownClipId, name: clip!.name } : {}),
        ...(apiTokenId ? { apiTokenId } : {}),
        ...(outcome.ok ? {} : { error: outcome.error }),
      },
    });
    return run.id;
  });
  return { runId, outcome };
}

/** Runs a saved clip's own SQL (its latest result afterwards). */
export async function runSavedClip(
  viewer: Viewer,
  clipId: string,
  via: RunVia = {},
): Promise<{ runId: string; outcome: ClipOutcome }> {
  const clip = await clipFor(viewer, clipId);
  if (clip.archivedAt) throw new NotFoundError();
  return runClip(viewer, clip.municipalityId, { sql: clip.sql, clipId: clip.id }, via);
}

const SAVED_FIELDS = ["name", "description", "sql"] as const;

async function auditClip(
  tx: Tx,
  viewer: Viewer,
  e: { action: "clip.create" | "clip.update" | "clip.archive"; municipalityId: string; id: string; data: object },
) {
  await recordAudit(tx, {
    action: e.action,
    ...actorOf(viewer),
    municipalityId: e.municipalityId,
    targetType: "Clip",
    targetId: e.id,
    data: e.data as Prisma.InputJsonValue,
  });
}

/**
 * Saves a clip: a new one (no `id`) authored by the viewer, or changes one of this municipality's
 * clips that is not archived. Audited as `clip.create` (name, description, SQL) or `clip.update`
 * (each changed field from → to); an unchanged save writes nothing.
 */
export async function saveClip(
  viewer: Viewer,
  municipalityId: string,
  input: ClipSaveForm | Record<string, unknown>,
  id?: string,
): Promise<{ id: string }> {
  const me = clipsUser(viewer, municipalityId);
  const parsed = clipSaveInput.safeParse(input);
  if (!parsed.success)
    throw validationErrorOf(parsed.error, {
      message: "Please correct the marked fields",
      known: ["name", "description", "sql"],
    });
  const values = parsed.data;
  if (id === undefined) {
    if (!viewer.ability.can("create", subjectOf("Clip", { municipalityId })))
      throw new ForbiddenError("You may not save clips here.");
    return db.$transaction(async (tx) => {
      await assertAccessCurrent(tx, viewer);
      const clip = await tx.clip.create({
        data: { municipalityId, ...values, authorId: me.userId, updatedById: me.userId },
        select: { id: true },
      });
      await auditClip(tx, viewer, { action: "clip.create", municipalityId, id: clip.id, data: values });
      return clip;
    });
  }
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const before = await updatableClip(tx, viewer, id, municipalityId);
    const changed = Object.fromEntries(
      SAVED_FIELDS.filter((f) => before[f] !== values[f]).map((f) => [f, { from: before[f], to: values[f] }]),
    );
    if (Object.keys(changed).length === 0) return { id: before.id };
    await tx.clip.update({ where: { id: before.id }, data: { ...values, updatedById: me.userId } });
    await auditClip(tx, viewer, {
      action: "clip.update",
      municipalityId,
      id: before.id,
      data: { name: values.name, changed },
    });
    return { id: before.id };
  });
}

/** The clip the viewer may update (locked for the write that follows), not archived; else not found. */
async function updatableClip(tx: Tx, viewer: Viewer, id: string, municipalityId?: string) {
  const where = {
    AND: [
      accessibleBy(viewer.ability, "update").ofType("Clip"),
      { id: id.slice(0, 64), archivedAt: null, ...(municipalityId ? { municipalityId } : {}) },
    ],
  };
  const found = await tx.clip.findFirst({ where, select: { id: true } });
  if (!found) throw new NotFoundError();
  const [row] = await tx.$queryRaw<{ id: string }[]>`select id from "Clip" where id = ${found.id} for update`;
  const clip = row && (await tx.clip.findFirst({ where }));
  if (!clip) throw new NotFoundError();
  return clip;
}

/** Archives a saved clip (never deleted: its runs point at it); it leaves the list. Audited as `clip.archive`. */
export async function archiveClip(viewer: Viewer, id: string): Promise<void> {
  if (viewer.principal.kind !== "user") throw new NotFoundError();
  const me = viewer.principal;
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const clip = await updatableClip(tx, viewer, id);
    if (!mayUseClips(viewer, clip.municipalityId)) throw new NotFoundError();
    await tx.clip.update({ where: { id: clip.id }, data: { archivedAt: new Date(), updatedById: me.userId } });
    await auditClip(tx, viewer, {
      action: "clip.archive",
      municipalityId: clip.municipalityId,
      id: clip.id,
      data: { name: clip.name },
    });
  });
}
