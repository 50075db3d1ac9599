"use server";

// Clips (issue 21) from the workspace: run the SQL typed in the editor, save it as a shared clip,
// archive a clip. Thin: lib/flows/clips.ts decides who may (the clips group, else "not found"),
// parses the SQL and the names (naming the field it refuses), runs it as the municipality's clips
// role and audits every run and change. A run — PostgreSQL's refusal too — is kept, so Run sends
// the browser to its result page; "clips not set up" comes back as the form's message.
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, formText, idField } from "@/lib/actions/action-client";
import { archiveClip, runClip, saveClip } from "@/lib/flows/clips";
import type { ActionResult } from "@/lib/action-result";

const optionalId = idField()
  .optional()
  .or(z.literal("").transform(() => undefined));

const clipsPath = (slug: string, clipId?: string) => `/w/${slug}/clips${clipId ? `/${clipId}` : ""}`;

const run = defineAction(
  { who: "workspace", form: true, scope: z.object({ clipId: optionalId }), input: z.object({ sql: formText }) },
  async ({ viewer, ws, scope, input }) => {
    const { runId } = await runClip(viewer, ws.municipality.id, { sql: input.sql, clipId: scope.clipId });
    redirect(`${clipsPath(ws.municipality.slug, scope.clipId)}?run=${runId}#result`);
  },
);

export async function runClipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
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
    if (!scope.clipId) redirect(clipsPath(ws.municipality.slug, id));
    return { ok: true, message: "Saved." };
  },
);

export async function saveClipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return save(form);
}

const archive = defineAction(
  {
    who: "workspace",
    form: true,
    scope: z.object({ clipId: idField() }),
    revalidate: ({ ws }) => clipsPath(ws.municipality.slug),
  },
  async ({ viewer, ws, scope }) => {
    await archiveClip(viewer, scope.clipId);
    redirect(clipsPath(ws.municipality.slug));
  },
);

export async function archiveClipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return archive(form);
}
