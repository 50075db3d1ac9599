"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { stopFollowing } from "@/lib/flows/request-tracking";
import type { ActionResult } from "@/lib/action-result";

const NEUTRAL = "This link does not open a report. It may be incomplete or may have expired.";

const unsubscribe = defineAction(
  {
    who: "anonymous",
    form: true,
    scope: z.object({ slug: z.string().min(1).max(64), token: z.string().min(1).max(100) }),
    incomplete: NEUTRAL,
  },
  async ({ scope }) => {
    // The token is the credential: a wrong or expired one changes nothing and says the neutral words.
    const done = await stopFollowing(scope.slug, scope.token);
    return done
      ? { ok: true, message: "Done. You will get no more emails about this report." }
      : { ok: false, formError: NEUTRAL };
  },
);

/** Anonymous by design: whoever holds the tracking link may stop its mails (one-click unsubscribe). */
export async function unsubscribeFromReportAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return unsubscribe(form);
}
