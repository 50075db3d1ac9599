"use server";

import { defineAction } from "@/lib/actions/action-client";
import { requestPasswordReset, resetRequestAnswer } from "@/lib/flows/password-reset";
import { resetRequestInput } from "@/lib/schemas/account";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

const request = defineAction({ who: "anonymous", input: resetRequestInput }, async ({ input }) => {
  await requestPasswordReset(input, await clientIp());
  // The same answer whether a mail went out or not (lib/flows/password-reset.ts).
  return { ok: true, message: resetRequestAnswer(input.email) };
});

/** Anonymous by design; limited per address and per email inside the flow. */
export async function requestPasswordResetAction(values: unknown): Promise<ActionResult> {
  return request(values);
}
