"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, formText } from "@/lib/actions/action-client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { reauthenticateWithPassword } from "@/lib/auth/reauthenticate";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import type { ActionResult } from "@/lib/action-result";

const CONFIRM_MESSAGES = {
  invalid: "That password is not right. Nothing was changed; try again.",
  locked: "Too many wrong passwords. Wait 15 minutes and try again, or sign out and sign in again.",
  not_password: "Your account uses a stronger way to confirm it's you; use the option shown on this page.",
} as const;

const confirmPassword = defineAction(
  {
    who: "user",
    form: true,
    input: z.object({
      password: z.string().max(1000, "That is longer than any password here.").default(""),
      next: formText,
    }),
  },
  async ({ session, input }) => {
    if (!input.password)
      return { ok: false, formError: "Enter your password.", fieldErrors: { password: ["Enter your password."] } };
    const r = await reauthenticateWithPassword(session, input.password, clientIpFrom(await headers()));
    if (!r.ok)
      return {
        ok: false,
        formError: CONFIRM_MESSAGES[r.reason],
        fieldErrors: r.reason === "invalid" ? { password: [CONFIRM_MESSAGES.invalid] } : undefined,
      };
    redirect(safeNextPath(input.next, "/"));
  },
);
/** Step-up with the password (lib/auth/reauthenticate.ts), then back to the page that asked for it. */
export async function confirmPasswordAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return confirmPassword(form);
}
