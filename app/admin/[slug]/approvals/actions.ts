"use server";

import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import {
  approveMembership,
  decideMemberships,
  rejectMembership,
  reopenMembership,
  type BulkDecisionRow,
} from "@/lib/flows/approval";
import type { ActionResult } from "@/lib/action-result";
import type { Viewer } from "@/lib/identity/viewer";

// The reason is checked by the flow (rejection only), which names the field.
// Approving grants the membership's groups: it needs a recent authentication (step-up).
const decide = (
  fn: (viewer: Viewer, membershipId: string, reason: string) => Promise<void>,
  message: string,
  stepUp = false,
) =>
  defineAction(
    {
      who: "admin",
      form: true,
      stepUp,
      scope: z.object({ membershipId: idField() }),
      input: z.object({ reason: formText }),
      revalidate: ({ muni }) => `/admin/${muni.slug}/approvals`,
    },
    async ({ viewer, scope, input }) => {
      await fn(viewer, scope.membershipId, input.reason);
      return { ok: true, message };
    },
  );

const approve = decide((v, id) => approveMembership(v, id), "Approved; a welcome mail is on its way.", true);
export async function approveMembershipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return approve(form);
}

const reject = decide((v, id, reason) => rejectMembership(v, id, reason), "Rejected; the person was told why.");
export async function rejectMembershipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return reject(form);
}

const reopen = decide((v, id) => reopenMembership(v, id), "Re-opened.");
export async function reopenMembershipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return reopen(form);
}

// Several requests at once: each row goes through the one-click flow (lib/flows/approval.ts), so
// the rules hold per row and the report says what happened to each. Approving grants access, so
// the bulk step asks for a recent authentication like a single approval.
const bulkDecision = z.object({
  decision: z.enum(["approve", "reject"], { error: "Choose approve or reject." }),
  membershipIds: formList,
  // Checked here too (not only by the flow, for rejections), so an over-long reason is refused on
  // its field before anything else is asked.
  reason: formText.pipe(z.string().max(500, "Keep the reason to 500 characters or fewer.")),
});
const decideMany = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    input: bulkDecision,
    revalidate: ({ muni }) => `/admin/${muni.slug}/approvals`,
  },
  async ({ viewer, muni, input }) => {
    const rows = await decideMemberships(viewer, muni.id, input.membershipIds, input.decision, input.reason);
    const done = rows.filter((r) => r.outcome !== "refused").length;
    const verb = input.decision === "approve" ? "approved" : "rejected";
    return { ok: true, data: { rows }, message: `${done} ${verb}, ${rows.length - done} refused.` };
  },
);
export async function decideMembershipsAction(
  _: ActionResult<{ rows: BulkDecisionRow[] }> | null,
  form: FormData,
): Promise<ActionResult<{ rows: BulkDecisionRow[] }>> {
  return decideMany(form);
}
