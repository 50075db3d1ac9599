"use server";

import { z } from "zod";
import { defineAction, formList, formText } from "@/lib/actions/action-client";
import { BULK_MAX, bulkUpdateRequests, type BulkRow } from "@/lib/data/request-bulk";
import { requestTimeline } from "@/lib/flows/request-casework";
import { ServiceRequestStatus } from "@/lib/schemas/enums";
import type { ActionResult } from "@/lib/action-result";

// The list's bulk change: one status, or one assignee, for the ticked requests. Each row goes
// through lib/data's normal update path (the policy on that row and field, the assignee check,
// audit and timeline), and the answer reports every row.
const bulkInput = z
  .object({
    op: z.enum(["status", "assign"], { error: "Choose what to change." }),
    // A plain list (one ticked box arrives as one value; the form reader wraps it only for a list).
    ids: formList,
    status: formText,
    assigneeId: formText.pipe(z.string().max(64)),
  })
  .superRefine((v, ctx) => {
    if (v.ids.length === 0 || v.ids.length > BULK_MAX || v.ids.some((id) => id.length > 64))
      ctx.addIssue({ code: "custom", path: ["ids"], message: `Tick between 1 and ${BULK_MAX} requests.` });
    if (v.op === "status" && !(Object.values(ServiceRequestStatus) as string[]).includes(v.status))
      ctx.addIssue({ code: "custom", path: ["status"], message: "Choose the new status." });
  });

const bulk = defineAction(
  {
    who: "workspace",
    form: true,
    input: bulkInput,
    revalidate: ({ ws }) => `/w/${ws.municipality.slug}/requests`,
  },
  async ({ viewer, ws, input }) => {
    const change = input.op === "status" ? { status: input.status } : { assigneeId: input.assigneeId || null };
    const rows = await bulkUpdateRequests(viewer, ws.municipality.id, input.ids, change, requestTimeline);
    const n = (o: BulkRow["outcome"]) => rows.filter((r) => r.outcome === o).length;
    // Every row refused: a refusal, saying why for each (nothing was changed).
    if (n("refused") === rows.length)
      return {
        ok: false,
        formError: `Nothing was changed. ${rows.map((r) => `${r.reference ?? "A request"}: ${r.reason}`).join(" ")}`,
      };
    return {
      ok: true,
      data: { rows },
      message: `${n("changed")} changed, ${n("unchanged")} already so, ${n("refused")} refused.`,
    };
  },
);

export async function bulkUpdateServiceRequestsAction(
  _: ActionResult<{ rows: BulkRow[] }> | null,
  form: FormData,
): Promise<ActionResult<{ rows: BulkRow[] }>> {
  return bulk(form);
}
