"use server";

import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/flows/invite";
import type { ActionResult } from "@/lib/action-result";
import { bulkInvite, type BulkRowResult } from "@/lib/flows/bulk-invite";

const invitations = {
  who: "admin",
  form: true,
  revalidate: ({ muni }: { muni: { slug: string } }) => `/admin/${muni.slug}/invitations`,
} as const;

// lib/flows/invite.ts parses the invitation and names the offending field.
const inviteFields = z.object({
  email: formText,
  groups: formList,
  departmentId: formText,
  allowedCategories: formList,
});
// An invitation grants its groups when accepted: inviting needs a recent authentication (step-up).
const invite = defineAction({ ...invitations, stepUp: true, input: inviteFields }, async ({ viewer, muni, input }) => {
  await createInvitation(viewer, muni.id, { ...input, allowedCategories: input.allowedCategories as never });
  return { ok: true, message: `Invitation sent to ${input.email.trim().toLowerCase()}.` };
});
export async function inviteMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return invite(form);
}

const oneInvitation = (fn: typeof revokeInvitation, message: string) =>
  defineAction({ ...invitations, scope: z.object({ invitationId: idField() }) }, async ({ viewer, scope }) => {
    await fn(viewer, scope.invitationId);
    return { ok: true, message };
  });

const revoke = oneInvitation(revokeInvitation, "Invitation revoked.");
export async function revokeInvitationAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return revoke(form);
}

const resend = oneInvitation(resendInvitation, "Sent again with a new link; the old link no longer works.");
export async function resendInvitationAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return resend(form);
}

const csv = z.instanceof(File).refine((f) => f.size > 0, "The file is empty.");
const bulk = defineAction(
  { ...invitations, stepUp: true, input: z.object({ file: csv }), invalid: "Choose a CSV file." },
  async ({ viewer, muni, input }) => {
    const report = await bulkInvite(viewer, muni.id, await input.file.text());
    const invited = report.filter((r) => r.outcome === "invited").length;
    return { ok: true, data: { report }, message: `${invited} invited, ${report.length - invited} refused.` };
  },
);
export async function bulkInviteAction(
  _: ActionResult<{ report: BulkRowResult[] }> | null,
  form: FormData,
): Promise<ActionResult<{ report: BulkRowResult[] }>> {
  return bulk(form);
}
