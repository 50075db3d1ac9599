"use server";

// Step-up with a passkey (/signin/confirm): a signed-in person re-authenticates with one of their
// own passkeys before a privileged action; the session's authentication becomes "now, hwk"
// (lib/auth/step-up.ts recordReauthentication).
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { recordReauthentication } from "@/lib/auth/step-up";
import { AMR } from "@/lib/auth/assurance";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import {
  auditPasskeyRefusal,
  passkeyAuthenticationOptions,
  passkeyError,
  verifyPasskeyAssertion,
} from "@/lib/auth/passkeys";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";

const start = defineAction({ who: "user" }, async ({ session }) => ({
  ok: true,
  data: {
    options: await passkeyAuthenticationOptions("step_up", { userId: session.userId, sessionId: session.sessionId }),
  },
}));
export async function startPasskeyStepUpAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  return start();
}

const answer = z.object({ response: z.unknown(), next: z.string().max(500).optional() });
const finish = defineAction(
  { who: "user", input: answer, incomplete: "That was not a passkey answer. Try again." },
  async ({ session, input }) => {
    const ip = await clientIp();
    const bind = { userId: session.userId, sessionId: session.sessionId };
    const r = await verifyPasskeyAssertion(input.response, "step_up", bind, { ip });
    if (!r.ok) {
      await auditPasskeyRefusal(session.userId, "step_up", r.reason, { ip });
      throw passkeyError(r.reason);
    }
    await recordReauthentication(session, [AMR.passkey], { ip });
    return { ok: true, data: { next: safeNextPath(input.next, "/account") } };
  },
);
export async function finishPasskeyStepUpAction(input: unknown): Promise<ActionResult<{ next: string }>> {
  return finish(input);
}
