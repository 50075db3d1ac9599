"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { revokeOwnSessions } from "@/lib/auth/sessions";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-token";
import { failure, type ActionResult } from "@/lib/action-result";

export async function signOutEverywhereElseAction(): Promise<ActionResult> {
  const { principal, sessionId } = await requireUser();
  const n = await revokeOwnSessions(principal.userId, { keepSessionId: sessionId });
  revalidatePath("/account");
  return { ok: true, message: `Signed out ${n} other session${n === 1 ? "" : "s"}.` };
}

export async function createApiTokenAction(_: ActionResult<{ token: string }> | null, form: FormData): Promise<ActionResult<{ token: string }>> {
  const { viewer } = await requireUser();
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
