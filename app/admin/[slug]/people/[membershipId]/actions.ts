"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { deactivateUser, reactivateMembership, reactivateUser, suspendMembership } from "@/lib/flows/deactivation";
import { failure, type ActionResult } from "@/lib/action-result";

const input = z.object({ slug: z.string().max(64), membershipId: z.string().max(64), userId: z.string().max(64), reason: z.string().max(500).optional() });

async function run(form: FormData, fn: (viewer: Awaited<ReturnType<typeof requireUser>>["viewer"], v: z.infer<typeof input>) => Promise<void>, message: string): Promise<ActionResult> {
  const { viewer } = await requireUser();
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
