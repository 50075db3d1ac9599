"use server";

import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/flows/invite";
import type { ActionResult } from "@/lib/action-result";
import {
  MAX_BYTES,
  MAX_ROWS,
  previewBulkInvite,
  sendBulkInvite,
  type BulkBatch,
  type BulkPreview,
} from "@/lib/flows/bulk-invite";

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

// Two steps (lib/flows/bulk-invite.ts): the preview reads the file and writes nothing; sending
// posts the previewed text back with the lines it showed as invitable, and the server checks it all again.
const csvFile = z.instanceof(File).refine((f) => f.size > 0, "The file is empty.");
const csvText = z.string().min(1, "The file is empty.").max(MAX_BYTES, "The file is too large.");
export type BulkPreviewData = BulkPreview & { csv: string };

const preview = defineAction(
  { who: "admin", form: true, input: z.object({ file: csvFile }), invalid: "Choose a CSV file." },
  async ({ viewer, muni, input }) => {
    const csv = await input.file.text();
    const data = { ...(await previewBulkInvite(viewer, muni.id, csv)), csv };
    return { ok: true, data, message: `${data.invitable} can be invited, ${data.refused} refused.` };
  },
);
export async function previewBulkInviteAction(
  _: ActionResult<BulkPreviewData> | null,
  form: FormData,
): Promise<ActionResult<BulkPreviewData>> {
  return preview(form);
}

const lines = z.array(z.coerce.number().int().min(1).max(1_000_000)).max(MAX_ROWS).default([]);
const send = defineAction(
  {
    ...invitations,
    stepUp: true,
    input: z.object({
      csv: csvText,
      lines,
    }),
  },
  async ({ viewer, muni, input }) => {
    const batch = await sendBulkInvite(viewer, muni.id, input.csv, input.lines);
    return { ok: true, data: batch, message: `${batch.invited} invited, ${batch.refused} refused.` };
  },
);
export async function sendBulkInviteAction(
  _: ActionResult<BulkBatch> | null,
  form: FormData,
): Promise<ActionResult<BulkBatch>> {
  return send(form);
}
