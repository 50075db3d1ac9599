"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { revokeOwnSessions } from "@/lib/auth/sessions";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-token";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";

export async function signOutEverywhereElseAction(): Promise<ActionResult> {
  const { principal, sessionId } = await requireUser();
  const n = await revokeOwnSessions(principal.userId, { keepSessionId: sessionId });
  revalidatePath("/account");
  return { ok: true, message: `Signed out ${n} other session${n === 1 ? "" : "s"}.` };
}

/** Every session, this browser's too: for a lost laptop or a suspected leak. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  const { principal } = await requireUser();
  await revokeOwnSessions(principal.userId);
  redirect("/signin?reason=signed_out_everywhere");
}

export async function revokeSessionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { principal, sessionId } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const id = z.string().min(1).max(64).safeParse(form.get("sessionId"));
  if (!id.success) return { ok: false, formError: "Unknown session." };
  // Scoped to the caller's own sessions inside revokeOwnSessions (userId in the where clause).
  const n = await revokeOwnSessions(principal.userId, { onlySessionId: id.data });
  if (id.data === sessionId) redirect("/signin?reason=revoked");
  revalidatePath("/account");
  return n ? { ok: true, message: "That session is signed out." } : { ok: false, formError: "That session had already ended." };
}

export async function createApiTokenAction(_: ActionResult<{ token: string }> | null, form: FormData): Promise<ActionResult<{ token: string }>> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  try {
    const t = await createApiToken(viewer, {
      name: String(form.get("name") ?? ""),
      municipalityId: String(form.get("municipalityId") ?? ""),
      groups: form.getAll("groups").map(String),
      expiresInDays: Number(form.get("expiresInDays") ?? 90),
    });
    revalidatePath("/account");
    return { ok: true, data: { token: t.token }, message: "Copy the token now: it is shown only once." };
  } catch (err) {
    return failure(err);
  }
}

export async function revokeApiTokenAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const id = z.string().min(1).max(64).safeParse(form.get("tokenId"));
  if (!id.success) return { ok: false, formError: "Unknown token." };
  try {
    await revokeApiToken(viewer, id.data);
  } catch (err) {
    return failure(err);
  }
  revalidatePath("/account");
  return { ok: true, message: "Token revoked. It stops working immediately." };
}
