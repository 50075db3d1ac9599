"use server";

// The timeline's one save on a service request: a new status with its optional reason, an
// internal note or a public comment, or both (lib/flows/request-casework.ts: one transaction,
// the policies decide which kinds the person may write, followers' mails queued with it).
import { z } from "zod";
import { defineAction, idField } from "@/lib/actions/action-client";
import { workOnServiceRequest } from "@/lib/flows/request-casework";
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
