"use server";

// The second step of a sign-in (/signin/verify): an authenticator code or a recovery code for the
// partial SECOND_FACTOR session (lib/flows/second-factor.ts); the action client accepts only that
// session. A refusal says which of wrong, reused, expired or too many it was, and changed nothing.
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction, formText } from "@/lib/actions/action-client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { passSecondFactor } from "@/lib/flows/second-factor";
import type { ActionResult } from "@/lib/action-result";

const verifyWith = (method: "totp" | "recovery") =>
  defineAction(
    { who: "secondFactor", form: true, input: z.object({ code: formText }) },
    async ({ partial, next, input }) => {
      await passSecondFactor(partial, { method, code: input.code }, { ip: clientIpFrom(await headers()) });
      // The form loads `next` anew (not a redirect within this request, whose layout still saw
      // the signed-out header: the session was read before the step finished).
      return { ok: true, data: { next }, message: "Signed in." };
    },
  );

const totp = verifyWith("totp");
type Done = { next: string };
export async function verifyTotpAction(_: ActionResult<Done> | null, form: FormData): Promise<ActionResult<Done>> {
  return totp(form);
}

const recovery = verifyWith("recovery");
export async function verifyRecoveryCodeAction(
  _: ActionResult<Done> | null,
  form: FormData,
): Promise<ActionResult<Done>> {
  return recovery(form);
}
