"use server";

import { z } from "zod";
import { defineAction, formText, idField } from "@/lib/actions/action-client";
import { createDepartment, renameDepartment, setDepartmentArchived } from "@/lib/data/departments";
import type { ActionResult } from "@/lib/action-result";

const departmentPaths = (slug: string, id?: string) => [
  `/admin/${slug}/departments`,
  ...(id ? [`/admin/${slug}/departments/${id}`] : []),
];
const oneDepartment = z.object({ id: idField() });

const create = defineAction(
  {
    who: "admin",
    form: true,
    input: z.object({ name: formText }),
    revalidate: ({ muni }) => departmentPaths(muni.slug),
  },
  async ({ viewer, muni, input }) => {
    await createDepartment(viewer, muni.id, input);
    return { ok: true, message: `Department “${input.name.trim()}” created.` };
  },
);

export async function createDepartmentAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return create(form);
}

const rename = defineAction(
  {
    who: "admin",
    form: true,
    scope: oneDepartment,
    input: z.object({ name: formText }),
    revalidate: ({ muni, scope }) => departmentPaths(muni.slug, scope.id),
  },
  async ({ viewer, muni, scope, input }) => {
    await renameDepartment(viewer, muni.id, scope.id, input);
    return { ok: true, message: "Renamed." };
  },
);

export async function renameDepartmentAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return rename(form);
}

// Archiving takes a department out of every picker: asked twice (a box to tick, checked here) and
// after a recent sign-in (step-up). Its people and records keep it.
const archive = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    scope: oneDepartment.extend({ archived: z.enum(["yes", "no"]) }),
    input: z.object({ confirm: z.literal("yes", { error: "Tick the box to confirm." }) }),
    invalid: "Tick the box to confirm, then try again.",
    revalidate: ({ muni, scope }) => departmentPaths(muni.slug, scope.id),
  },
  async ({ viewer, muni, scope }) => {
    await setDepartmentArchived(viewer, muni.id, scope.id, scope.archived === "yes");
    return {
      ok: true,
      message:
        scope.archived === "yes"
          ? "Archived. Its people and records keep it; it is no longer offered for new ones."
          : "Restored. It is offered again.",
    };
  },
);

export async function setDepartmentArchivedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return archive(form);
}
