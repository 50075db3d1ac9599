"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { confirmEmailChange } from "@/lib/flows/email-change";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

// The mailed token proves the new mailbox: anyone holding it may confirm (a press of a button on
// the page, never the page load itself, so a mail scanner that opens links confirms nothing).
const confirm = defineAction(
  {
    who: "anonymous",
    scope: z.string().max(100),
    incomplete: "This confirmation link is not valid. Ask for the change again on your account page.",
  },
  async ({ scope }) => {
    const r = await confirmEmailChange(scope, await clientIp());
    return { ok: true, message: `Your email address is now ${r.newEmail}. Sign in with it from now on.` };
  },
);

/** Confirms a new email address from its mailed link (lib/flows/email-change.ts). */
export async function confirmEmailChangeAction(tokenInput: unknown): Promise<ActionResult> {
  return confirm(tokenInput);
}
