"use server";

import { z } from "zod";
import { confirmBox, defineAction, formText, idField } from "@/lib/actions/action-client";
import { createDepartment, renameDepartment, setDepartmentArchived } from "@/lib/data/departments";
import type { ActionResult } from "@/lib/action-result";

// Both are forms of the departments pages, for an admin of the slug's municipality; both refresh
// the list and the department's own page.
const departmentForm = {
  who: "admin",
  form: true,
  revalidate: ({ muni, scope }: { muni: { slug: string }; scope: { id?: string } }) => [
    `/admin/${muni.slug}/departments`,
    ...(scope.id ? [`/admin/${muni.slug}/departments/${scope.id}`] : []),
  ],
} as const;

// One action for a department's name: without an id it creates one, with an id it renames that one.
const saveName = defineAction(
  { ...departmentForm, scope: z.object({ id: idField().optional() }), input: z.object({ name: formText }) },
  async ({ viewer, muni, scope, input }) => {
    if (scope.id) await renameDepartment(viewer, muni.id, scope.id, input);
    else await createDepartment(viewer, muni.id, input);
    return { ok: true, message: scope.id ? "Renamed." : `Department “${input.name.trim()}” created.` };
  },
);

export async function saveDepartmentNameAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return saveName(form);
}

// Archiving takes a department out of every picker: asked twice (a box to tick, checked here) and
// after a recent sign-in (step-up). Its people and records keep it.
const archive = defineAction(
  {
    ...departmentForm,
    stepUp: true,
    scope: z.object({ id: idField(), archived: z.enum(["yes", "no"]) }),
    input: z.object({ confirm: confirmBox }),
    invalid: "Tick the box to confirm, then try again.",
  },
  async ({ viewer, muni, scope }) => {
    const archived = scope.archived === "yes";
    await setDepartmentArchived(viewer, muni.id, scope.id, archived);
    const message = archived
      ? "Archived. Its people and records keep it; it is no longer offered for new ones."
      : "Restored. It is offered again.";
    return { ok: true, message };
  },
);

export async function setDepartmentArchivedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return archive(form);
}
