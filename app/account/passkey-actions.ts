"use server";

// The person's own passkeys on /account: registering one (two calls around the browser's
// ceremony: options, then the answer), renaming and removing. Registration and removal change
// the person's credentials: lib/auth/passkeys.ts asks for a recent authentication (step-up) first.
import { z } from "zod";
import { defineAction, formText, idField } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { passkeyRegistrationOptions } from "@/lib/auth/passkeys";
import { registerPasskey, removePasskey, renamePasskey } from "@/lib/flows/passkeys";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { ActionResult } from "@/lib/action-result";

const account = { who: "user", revalidate: () => "/account" } as const;

const startRegistration = defineAction({ who: "user" }, async ({ session }) => ({
  ok: true,
  data: { options: await passkeyRegistrationOptions(session, "register") },
}));
/** Options for the browser's passkey registration (a challenge bound to this session, 5 minutes). */
export async function startPasskeyRegistrationAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialCreationOptionsJSON }>
> {
  return startRegistration();
}

// The answer is parsed (and refused with one message) by lib/auth/passkeys.ts.
const answer = z.object({ response: z.unknown(), name: z.unknown() });
const finishRegistration = defineAction(
  { ...account, input: answer, incomplete: "That was not a passkey answer. Try again." },
  async ({ session, input }) => {
    const p = await registerPasskey(session, "register", input.response, input.name, { ip: await clientIp() });
    return { ok: true, message: `Passkey "${p.name}" added. You can now sign in with it.` };
  },
);
export async function finishPasskeyRegistrationAction(input: unknown): Promise<ActionResult> {
  return finishRegistration(input);
}

const rename = defineAction(
  {
    ...account,
    form: true,
    scope: z.object({ passkeyId: idField() }),
    input: z.object({ name: formText }),
    incomplete: "Unknown passkey.",
  },
  async ({ principal, scope, input }) => {
    const r = await renamePasskey(principal.userId, scope.passkeyId, input.name, { ip: await clientIp() });
    return { ok: true, message: r.changed ? "Renamed." : "The name is unchanged." };
  },
);
export async function renamePasskeyAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return rename(form);
}

const remove = defineAction(
  { ...account, form: true, scope: z.object({ passkeyId: idField() }), incomplete: "Unknown passkey." },
  async ({ session, scope }) => {
    const r = await removePasskey(session, scope.passkeyId, { ip: await clientIp() });
    return { ok: true, message: `Passkey "${r.name}" removed. It no longer signs you in.` };
  },
);
export async function removePasskeyAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return remove(form);
}
