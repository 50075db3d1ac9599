"use server";

import { z } from "zod";
import { defineAction, formText, idField } from "@/lib/actions/action-client";
import { approveMembership, rejectMembership, reopenMembership } from "@/lib/flows/approval";
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
