"use server";

// A passkey as the second factor after a password (stage SECOND_FACTOR): options for the person's
// own passkeys (a challenge bound to this partial session), then the answer, which finishes the
// sign-in (lib/auth/assurance.ts finishSignIn). Only a partial session gets here.
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { AMR, finishSignIn } from "@/lib/auth/assurance";
import {
  auditPasskeyRefusal,
  passkeyAuthenticationOptions,
  passkeyError,
  verifyPasskeyAssertion,
} from "@/lib/auth/passkeys";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";

const start = defineAction({ who: "secondFactor" }, async ({ partial: s }) => {
  return {
    ok: true,
    data: {
      options: await passkeyAuthenticationOptions("second_factor", { userId: s.userId, sessionId: s.sessionId }),
    },
  };
});
export async function startPasskeySecondFactorAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  return start();
}

const answer = z.object({ response: z.unknown(), next: z.string().max(500).optional() });
const finish = defineAction(
  { who: "secondFactor", input: answer, incomplete: "That was not a passkey answer. Try again." },
  async ({ partial: s, input, next }) => {
    const ip = await clientIp();
    const bind = { userId: s.userId, sessionId: s.sessionId };
    const r = await verifyPasskeyAssertion(input.response, "second_factor", bind, { ip });
    if (!r.ok) {
      await auditPasskeyRefusal(s.userId, "second_factor", r.reason, { ip });
      throw passkeyError(r.reason);
    }
    if (!(await finishSignIn(s.sessionId, "SECOND_FACTOR", [AMR.passkey], { ip })))
      return { ok: false, formError: "This sign-in was already finished or has ended. Sign in again." };
    return { ok: true, data: { next } };
  },
);
export async function finishPasskeySecondFactorAction(input: unknown): Promise<ActionResult<{ next: string }>> {
  return finish(input);
}
