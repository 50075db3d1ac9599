"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { retryOutboxMessage } from "@/lib/people/outbox";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";

const input = z.object({ slug: z.string().max(64), id: z.string().max(64) });

export async function retryOutboxMessageAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, formError: "Reload the page and try again." };
  try {
    const muni = await adminMunicipality(viewer, parsed.data.slug);
    await retryOutboxMessage(viewer, muni.id, parsed.data.id);
    revalidatePath(`/admin/${muni.slug}/outbox`);
    return { ok: true, message: "Queued to be sent now." };
  } catch (err) {
    return failure(err);
  }
}
