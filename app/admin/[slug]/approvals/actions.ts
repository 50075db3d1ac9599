"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-session";
import { approveMembership, rejectMembership, reopenMembership } from "@/lib/flows/approval";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";

async function run(form: FormData, fn: (v: Awaited<ReturnType<typeof requireUser>>["viewer"], id: string, reason: string) => Promise<void>, message: string): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  try {
    await fn(viewer, String(form.get("membershipId") ?? ""), String(form.get("reason") ?? ""));
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/admin/${String(form.get("slug") ?? "")}/approvals`);
  return { ok: true, message };
}

export async function approveMembershipAction(_: ActionResult | null, form: FormData) {
  return run(form, (v, id) => approveMembership(v, id), "Approved; a welcome mail is on its way.");
}
export async function rejectMembershipAction(_: ActionResult | null, form: FormData) {
  return run(form, (v, id, reason) => rejectMembership(v, id, reason), "Rejected; the person was told why.");
}
export async function reopenMembershipAction(_: ActionResult | null, form: FormData) {
  return run(form, (v, id) => reopenMembership(v, id), "Re-opened.");
}
