"use server";

// Step-up with the authenticator app on /signin/confirm (lib/auth/step-up.ts): a code from the app
// makes the session's authentication fresh, with "otp" — what a person whose strongest factor is
// the app must show before privileged actions. Same limits and messages as at sign-in.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, formText } from "@/lib/actions/action-client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { stepUpWithTotp } from "@/lib/flows/second-factor";
import type { ActionResult } from "@/lib/action-result";

const stepUp = defineAction(
  {
    who: "user",
    form: true,
    scope: z.object({ next: z.string().max(2000).default("/account") }),
    input: z.object({ code: formText }),
  },
  async ({ session, scope, input }) => {
    await stepUpWithTotp(session, input.code, { ip: clientIpFrom(await headers()) });
    redirect(safeNextPath(scope.next, "/account"));
  },
);
export async function stepUpWithTotpAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return stepUp(form);
}
