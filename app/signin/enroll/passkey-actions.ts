"use server";

// A passkey as the first enrolled factor (stage ENROLL: the person must use MFA and has none):
// registering it here, bound to this partial session, finishes the sign-in.
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { AMR, finishSignIn } from "@/lib/auth/assurance";
import { passkeyRegistrationOptions } from "@/lib/auth/passkeys";
import { registerPasskey } from "@/lib/flows/passkeys";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";

const start = defineAction({ who: "enroll" }, async ({ partial: s }) => {
  return { ok: true, data: { options: await passkeyRegistrationOptions(s, "enroll") } };
});
export async function startPasskeyEnrollmentAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialCreationOptionsJSON }>
> {
  return start();
}

const answer = z.object({ response: z.unknown(), name: z.unknown(), next: z.string().max(500).optional() });
const finish = defineAction(
  { who: "enroll", input: answer, incomplete: "That was not a passkey answer. Try again." },
  async ({ partial: s, input, next }) => {
    const ip = await clientIp();
    await registerPasskey(s, "enroll", input.response, input.name, { ip });
    if (!(await finishSignIn(s.sessionId, "ENROLL", [AMR.passkey], { ip })))
      return { ok: false, formError: "This sign-in was already finished or has ended. Sign in again." };
    return { ok: true, data: { next } };
  },
);
export async function finishPasskeyEnrollmentAction(input: unknown): Promise<ActionResult<{ next: string }>> {
  return finish(input);
}
