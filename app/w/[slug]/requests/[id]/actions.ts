"use server";

import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import { recordsOf } from "@/lib/data/record-store";
import type { ActionResult } from "@/lib/action-result";

// The request page's assignee and tag pickers. Both change one field through lib/data's normal
// update path: the ability on the row and the field, the assignee (someone who may work the
// request) and tags (the municipality's own, in use) checked there, the audit event and the
// timeline entry written there.
const requests = recordsOf("ServiceRequest");
const place = z.object({ id: idField(), expectedUpdatedAt: z.iso.datetime().optional() });
const pages = ({ ws, scope }: { ws: { municipality: { slug: string } }; scope: { id: string } }) => [
  `/w/${ws.municipality.slug}/requests`,
  `/w/${ws.municipality.slug}/requests/${scope.id}`,
];

function change<I extends z.ZodType>(input: I, toChange: (i: z.output<I>) => object, message: string) {
  return defineAction(
    { who: "workspace", form: true, scope: place, input, revalidate: pages },
    async ({ viewer, ws, scope, input: typed }) => {
      const expected = scope.expectedUpdatedAt ? new Date(scope.expectedUpdatedAt) : undefined;
      await requests.update(viewer, scope.id, toChange(typed as z.output<I>), expected, {
        municipalityId: ws.municipality.id,
      });
      return { ok: true, message };
    },
  );
}

const assign = change(
  z.object({ assigneeId: formText.pipe(z.string().max(64)) }),
  (i) => ({ assigneeId: i.assigneeId || null }),
  "Assignment saved.",
);
export async function assignServiceRequestAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return assign(form);
}

const tag = change(z.object({ tags: formList }), (i) => ({ tags: i.tags }), "Tags saved.");
export async function tagServiceRequestAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return tag(form);
}
