"use server";

import { z } from "zod";
import { defineAction, formText, idField } from "@/lib/actions/action-client";
import { changeRequestTag, createRequestTag } from "@/lib/data/request-tags";
import type { ActionResult } from "@/lib/action-result";

// The forms of /admin/<slug>/tags, for an admin of the slug's municipality; lib/data checks the
// RequestTag policy (who may add, rename, archive) and audits every change.
const tagsForm = {
  who: "admin",
  form: true,
  revalidate: ({ muni }: { muni: { slug: string } }) => `/admin/${muni.slug}/tags`,
} as const;

// One action for a tag's name: without an id it adds one, with an id it renames that one.
const saveName = defineAction(
  { ...tagsForm, scope: z.object({ id: idField().optional() }), input: z.object({ label: formText }) },
  async ({ viewer, muni, scope, input }) => {
    if (scope.id) await changeRequestTag(viewer, muni.id, scope.id, { label: input.label });
    else await createRequestTag(viewer, muni.id, input);
    return { ok: true, message: scope.id ? "Renamed." : `Tag “${input.label.trim()}” added.` };
  },
);

export async function saveRequestTagAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return saveName(form);
}

// Archiving takes a tag out of the request pages' pickers (the requests that have it keep it):
// asked first, and after a recent sign-in (step-up) like every archiving.
const archive = defineAction(
  { ...tagsForm, stepUp: true, scope: z.object({ id: idField(), archived: z.enum(["yes", "no"]) }) },
  async ({ viewer, muni, scope }) => {
    const archived = scope.archived === "yes";
    await changeRequestTag(viewer, muni.id, scope.id, { archived });
    return {
      ok: true,
      message: archived ? "Archived. Requests keep it; it is no longer offered." : "Restored. It is offered again.",
    };
  },
);

export async function setRequestTagArchivedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return archive(form);
}
