"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { unlockSignIn } from "@/lib/flows/sign-in-lock";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";

const input = z.object({
  slug: z.string().max(64),
  membershipId: z.string().max(64),
  confirm: z.literal("yes", { message: "Confirm that you checked the person's identity: tick the box, then unlock." }).optional(),
});

/** Unlocks a sign-in held by a strict lockout (lib/flows/sign-in-lock.ts re-checks who may). */
export async function unlockSignInAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const parsed = input.safeParse({ slug: form.get("slug"), membershipId: form.get("membershipId"), confirm: form.get("confirm") ?? undefined });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return fieldErrors.confirm ? { ok: false, formError: fieldErrors.confirm[0], fieldErrors } : { ok: false, formError: "The form was incomplete; reload the page." };
  }
  if (parsed.data.confirm !== "yes") return { ok: false, formError: "Confirm that you checked the person's identity: tick the box, then unlock.", fieldErrors: { confirm: ["Tick the box to confirm."] } };
  try {
    const r = await unlockSignIn(viewer, parsed.data.membershipId);
    revalidatePath(`/admin/${parsed.data.slug}/people/${parsed.data.membershipId}`);
    return { ok: true, message: r.unlocked ? "Sign-in unlocked. They can sign in with their password again." : "Sign-in was not locked; nothing changed." };
  } catch (err) {
    return failure(err);
  }
}
