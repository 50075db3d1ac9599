"use server";

// The timeline's one save on a service request: a new status with its optional reason, an
// internal note or a public comment, or both (lib/flows/request-casework.ts: one transaction,
// the policies decide which kinds the person may write, followers' mails queued with it).
import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import { requestTimeline, workOnServiceRequest } from "@/lib/flows/request-casework";
import { recordsOf } from "@/lib/data/record-store";
import { ServiceRequestStatus } from "@/lib/schemas/enums";
import type { ActionResult } from "@/lib/action-result";

const work = defineAction(
  {
    who: "workspace",
    form: true,
    scope: z.object({ id: idField(), expectedUpdatedAt: z.iso.datetime().optional() }),
    input: z.object({
      status: z.union([z.literal(""), z.enum(ServiceRequestStatus, { error: "Choose a status." })]).optional(),
      reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
      kind: z
        .union([
          z.literal(""),
          z.enum(["INTERNAL_NOTE", "PUBLIC_COMMENT"], { error: "Choose an internal note or a public comment." }),
        ])
        .optional(),
      body: z.string().trim().max(5000, "Keep it under 5,000 characters.").optional(),
    }),
    revalidate: ({ ws, scope }) => [
      `/w/${ws.municipality.slug}/requests`,
      `/w/${ws.municipality.slug}/requests/${scope.id}`,
    ],
  },
  async ({ viewer, ws, scope, input }): Promise<ActionResult> => {
    if (input.body && !input.kind)
      return {
        ok: false,
        formError: "Say who may read what you wrote.",
        fieldErrors: { kind: ["Choose an internal note or a public comment."] },
      };
    const done = await workOnServiceRequest(
      viewer,
      scope.id,
      {
        status: input.status || undefined,
        reason: input.reason || undefined,
        entry: input.body && input.kind ? { kind: input.kind, body: input.body } : undefined,
      },
      {
        expectedUpdatedAt: scope.expectedUpdatedAt ? new Date(scope.expectedUpdatedAt) : undefined,
        within: { municipalityId: ws.municipality.id },
      },
    );
    return { ok: true, message: done === "status" ? "Status changed." : "Added to the timeline." };
  },
);

export async function workOnServiceRequestAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return work(form);
}

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
      await requests.update(
        viewer,
        scope.id,
        toChange(typed as z.output<I>),
        expected,
        { municipalityId: ws.municipality.id },
        requestTimeline,
      );
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
