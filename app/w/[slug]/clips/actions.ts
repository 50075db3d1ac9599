"use server";

// Clips (issue 21) from the workspace: run the SQL typed in the editor, save it as a shared clip,
// archive a clip. Thin: lib/flows/clips.ts decides who may (the clips group, else "not found"),
// parses the SQL and the names (naming the field it refuses), runs it as the municipality's clips
// role and audits every run and change. A run that succeeded answers with the address of its
// result (the editor goes there; without JavaScript it shows the link); a refusal by PostgreSQL (kept and audited too) and "clips not set up" come back as the form's
// message, PostgreSQL's own words beside the SQL.
import { z } from "zod";
import { defineAction, formText, idField } from "@/lib/actions/action-client";
import { archiveClip, runClip, saveClip } from "@/lib/flows/clips";
import type { ActionResult } from "@/lib/action-result";

const optionalId = idField()
  .optional()
  .or(z.literal("").transform(() => undefined));

/** PostgreSQL's error position (1-based, in characters) as the line and column a person finds it at. */
function positionOf(sql: string, position: number): string {
  const before = [...sql]
    .slice(0, Math.max(0, position - 1))
    .join("")
    .split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** Where the editor goes after a success (the run's result, the saved clip's page); with JavaScript it goes there at once. */
export type ClipDone = { href: string };

const clipsPath = (slug: string, clipId?: string) => `/w/${slug}/clips${clipId ? `/${clipId}` : ""}`;

const run = defineAction(
  { who: "workspace", form: true, scope: z.object({ clipId: optionalId }), input: z.object({ sql: formText }) },
  async ({ viewer, ws, scope, input }) => {
    const { runId, outcome } = await runClip(viewer, ws.municipality.id, { sql: input.sql, clipId: scope.clipId });
    // PostgreSQL refused it (syntax, a name outside the schema, a write, the timeout): its message
    // beside the SQL, which stays as typed. The run is kept and audited all the same.
    if (!outcome.ok) {
      const where = outcome.position ? ` (${positionOf(input.sql, outcome.position)})` : "";
      return {
        ok: false,
        formError: "PostgreSQL refused the query; nothing was changed.",
        fieldErrors: { sql: [`${outcome.error}${where}`] },
      };
    }
    const { rowCount, truncated } = outcome.result;
    return {
      ok: true,
      message: `The query ran: ${rowCount.toLocaleString("en")} ${rowCount === 1 ? "row" : "rows"}${truncated ? " (cut at the limit)" : ""}.`,
      data: { href: `${clipsPath(ws.municipality.slug, scope.clipId)}?run=${runId}#result` },
    };
  },
);

export async function runClipAction(_: ActionResult<ClipDone> | null, form: FormData): Promise<ActionResult<ClipDone>> {
  return run(form);
}

const save = defineAction(
  {
    who: "workspace",
    form: true,
    scope: z.object({ clipId: optionalId }),
    input: z.object({ name: formText, description: formText, sql: formText }),
    revalidate: ({ ws, scope }) => [
      clipsPath(ws.municipality.slug),
      ...(scope.clipId ? [clipsPath(ws.municipality.slug, scope.clipId)] : []),
    ],
  },
  async ({ viewer, ws, scope, input }) => {
    const { id } = await saveClip(viewer, ws.municipality.id, input, scope.clipId);
    return {
      ok: true,
      message: scope.clipId ? "Saved." : "Saved as a clip: everyone here who may use clips sees it.",
      data: { href: clipsPath(ws.municipality.slug, id) },
    };
  },
);

export async function saveClipAction(
  _: ActionResult<ClipDone> | null,
  form: FormData,
): Promise<ActionResult<ClipDone>> {
  return save(form);
}

const archive = defineAction(
  {
    who: "workspace",
    form: true,
    scope: z.object({ clipId: idField() }),
    revalidate: ({ ws }) => clipsPath(ws.municipality.slug),
  },
  async ({ viewer, scope }) => {
    await archiveClip(viewer, scope.clipId);
    return { ok: true, message: "Archived: it has left the saved clips list. Its runs are kept." };
  },
);

export async function archiveClipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return archive(form);
}
