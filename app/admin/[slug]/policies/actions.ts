"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { explainForAdmin } from "@/lib/people/explain";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";

const input = z.object({ slug: z.string().max(64), email: z.string().trim().email().max(200), action: z.string().max(20), subject: z.string().max(30), recordId: z.string().max(64).optional() });

export async function explainAction(_: ActionResult<{ text: string; allowed: boolean }> | null, form: FormData): Promise<ActionResult<{ text: string; allowed: boolean }>> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, formError: "Fill in a person's email, an action and a record type.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    return { ok: true, data: await explainForAdmin(viewer, parsed.data.slug, parsed.data) };
  } catch (err) {
    return failure(err);
  }
}
