"use server";

import { z } from "zod";
import { confirmBox, defineAction, formText } from "@/lib/actions/action-client";
import { resetFactors } from "@/lib/flows/factor-reset";
import type { ActionResult } from "@/lib/action-result";
import { personPage } from "./person-page";

const reset = defineAction(
  {
    ...personPage,
    form: true,
    // Removing someone's factors lets whoever holds their password in: a recent authentication first.
    stepUp: true,
    scope: z.object({ membershipId: z.string().max(64), userId: z.string().max(64) }),
    input: z.object({
      reason: formText,
      confirm: confirmBox,
    }),
    invalid: "Confirm that you checked who asked for this: tick the box, then reset.",
  },
  async ({ viewer, scope, input }) => {
    const r = await resetFactors(viewer, scope.userId, input.reason);
    return {
      ok: true,
      message: `Sign-in methods reset: ${r.passkeys} passkey${r.passkeys === 1 ? "" : "s"}, ${r.totp ? "the authenticator app" : "no authenticator app"} and ${r.recoveryCodes} recovery code${r.recoveryCodes === 1 ? "" : "s"} removed; ${r.sessionsEnded} session${r.sessionsEnded === 1 ? "" : "s"} ended. The person was told by mail.`,
    };
  },
);

/** An administrator's reset of the person's passkeys, authenticator app and recovery codes (lib/flows/factor-reset.ts). */
export async function resetFactorsAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return reset(form);
}
