"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { deactivateUser, reactivateMembership, reactivateUser, suspendMembership } from "@/lib/flows/deactivation";
import { changeMembershipAccess } from "@/lib/flows/group-change";
import { eraseUser, erasureInput } from "@/lib/flows/erasure";
import { accessInput } from "@/lib/schemas/people";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";

const input = z.object({ slug: z.string().max(64), membershipId: z.string().max(64), userId: z.string().max(64), reason: z.string().max(500).optional() });

async function run(form: FormData, fn: (viewer: Awaited<ReturnType<typeof requireUser>>["viewer"], v: z.infer<typeof input>) => Promise<void>, message: string): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, formError: "The form was incomplete; reload the page." };
  try {
    await fn(viewer, parsed.data);
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/admin/${parsed.data.slug}/people/${parsed.data.membershipId}`);
  return { ok: true, message };
}

export async function suspendMembershipAction(_: ActionResult | null, form: FormData) {
  return run(form, (v, d) => suspendMembership(v, d.membershipId, d.reason ?? ""), "Membership suspended.");
}
export async function reactivateMembershipAction(_: ActionResult | null, form: FormData) {
  return run(form, (v, d) => reactivateMembership(v, d.membershipId), "Membership reactivated.");
}
export async function deactivateUserAction(_: ActionResult | null, form: FormData) {
  return run(form, (v, d) => deactivateUser(v, d.userId, d.reason ?? ""), "Account deactivated. All sessions and API tokens were revoked.");
}
export async function reactivateUserAction(_: ActionResult | null, form: FormData) {
  return run(form, (v, d) => reactivateUser(v, d.userId), "Account reactivated.");
}

const target = z.object({ slug: z.string().max(64), membershipId: z.string().max(64) });

/** Groups, department, categories. Same zod schema as the form; the flow re-checks the grant. */
export async function changeMembershipAccessAction(targetInput: unknown, values: unknown): Promise<ActionResult> {
  const { viewer } = await requireUser();
  const t = target.safeParse(targetInput);
  const parsed = accessInput.safeParse(values);
  if (!t.success) return { ok: false, formError: "Reload the page and try again." };
  if (!parsed.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    const r = await changeMembershipAccess(viewer, t.data.membershipId, parsed.data);
    revalidatePath(`/admin/${t.data.slug}/people/${t.data.membershipId}`);
    return { ok: true, message: r.changed ? "Access changed. It applies from the person's next click." : "Nothing to change." };
  } catch (err) {
    return failure(err);
  }
}

export async function eraseUserAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const ids = input.pick({ slug: true, membershipId: true, userId: true }).safeParse(Object.fromEntries(form));
  const parsed = erasureInput.safeParse({ reason: form.get("reason"), confirmEmail: form.get("confirmEmail") });
  if (!ids.success) return { ok: false, formError: "The form was incomplete; reload the page." };
  if (!parsed.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await eraseUser(viewer, ids.data.userId, parsed.data);
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/admin/${ids.data.slug}/people/${ids.data.membershipId}`);
  return { ok: true, message: "Personal data erased. The history is kept under an anonymous name." };
}
