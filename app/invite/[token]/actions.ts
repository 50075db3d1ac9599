"use server";

import { acceptInvitation } from "@/lib/flows/onboarding";
import { failure, type ActionResult } from "@/lib/action-result";

export async function acceptInvitationAction(token: string, values: unknown): Promise<ActionResult<{ status: string }>> {
  if (typeof token !== "string" || !values || typeof values !== "object") return { ok: false, formError: "The form was empty." };
  try {
    const r = await acceptInvitation(token, values as never);
    return { ok: true, data: { status: r.status } };
  } catch (err) {
    return failure(err);
  }
}
