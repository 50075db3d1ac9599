"use server";

// A passkey as the first enrolled factor (stage ENROLL: the person must use MFA and has none):
// registering it here, bound to this partial session, finishes the sign-in.
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { passkeyRegistrationOptions } from "@/lib/auth/passkeys";
import { registerPasskey } from "@/lib/flows/passkeys";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";
import { finishSignInWithPasskey, passkeyAnswerInput } from "../passkey-steps";

const start = defineAction({ who: "enroll" }, async ({ partial: s }) => {
  return { ok: true, data: { options: await passkeyRegistrationOptions(s, "enroll") } };
});
export async function startPasskeyEnrollmentAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialCreationOptionsJSON }>
> {
  return start();
}

const answer = passkeyAnswerInput.input.extend({ name: z.unknown() });
const finish = defineAction(
  { who: "enroll", input: answer, incomplete: passkeyAnswerInput.incomplete },
  async ({ partial, input, next }) => {
    const meta = { ip: await clientIp() };
    await registerPasskey(partial, "enroll", input.response, input.name, meta);
    return finishSignInWithPasskey(partial, "ENROLL", meta, next);
  },
);
export async function finishPasskeyEnrollmentAction(input: unknown): Promise<ActionResult<{ next: string }>> {
  return finish(input);
}
