"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-session";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/flows/invite";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";
import { bulkInvite, type BulkRowResult } from "@/lib/flows/bulk-invite";

export async function inviteMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  try {
    const muni = await adminMunicipality(viewer, String(form.get("slug") ?? ""));
    const email = String(form.get("email") ?? "");
    await createInvitation(viewer, muni.id, {
      email,
      groups: form.getAll("groups").map(String),
      departmentId: String(form.get("departmentId") ?? ""),
      allowedCategories: form.getAll("allowedCategories").map(String) as never,
    });
    revalidatePath(`/admin/${muni.slug}/invitations`);
    return { ok: true, message: `Invitation sent to ${email.trim().toLowerCase()}.` };
  } catch (err) {
    return failure(err);
  }
}

export async function revokeInvitationAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  try {
    await revokeInvitation(viewer, String(form.get("invitationId") ?? ""));
    revalidatePath(`/admin/${String(form.get("slug") ?? "")}/invitations`);
    return { ok: true, message: "Invitation revoked." };
  } catch (err) {
    return failure(err);
  }
}

export async function bulkInviteAction(_: ActionResult<{ report: BulkRowResult[] }> | null, form: FormData): Promise<ActionResult<{ report: BulkRowResult[] }>> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  try {
    const muni = await adminMunicipality(viewer, String(form.get("slug") ?? ""));
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return { ok: false, formError: "Choose a CSV file." };
    const report = await bulkInvite(viewer, muni.id, await file.text());
    revalidatePath(`/admin/${muni.slug}/invitations`);
    const invited = report.filter((r) => r.outcome === "invited").length;
    return { ok: true, data: { report }, message: `${invited} invited, ${report.length - invited} refused.` };
  } catch (err) {
    return failure(err);
  }
}

export async function resendInvitationAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  try {
    await resendInvitation(viewer, String(form.get("invitationId") ?? ""));
    revalidatePath(`/admin/${String(form.get("slug") ?? "")}/invitations`);
    return { ok: true, message: "Sent again with a new link; the old link no longer works." };
  } catch (err) {
    return failure(err);
  }
}
