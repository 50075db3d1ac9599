"use server";

import { defineAction } from "@/lib/actions/action-client";
import { idleStatus, touchSession } from "@/lib/auth/idle-status";
import type { ActionResult } from "@/lib/action-result";

const stay = defineAction({ who: "user" }, async ({ sessionId }) => {
  await touchSession(sessionId);
  const s = await idleStatus();
  if (s.status !== "active") return { ok: false, formError: "Your session has ended. Please sign in again." };
  return { ok: true, data: { remainingSeconds: s.remainingSeconds } };
});
/** The idle warning's "Stay signed in": counts as activity, answers how long the session now has. */
export async function staySignedInAction(): Promise<ActionResult<{ remainingSeconds: number }>> {
  return stay();
}
