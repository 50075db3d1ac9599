"use server";

import { defineAction } from "@/lib/actions/action-client";
import { changeOwnPassword, updateOwnProfile } from "@/lib/flows/account-settings";
import { requestEmailChange } from "@/lib/flows/email-change";
import { changePasswordInput, emailChangeInput, profileInput } from "@/lib/schemas/account";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

// Each acts on the caller's own account only: the person comes from the session, never the input.
const own = { who: "user", revalidate: () => "/account" } as const;

const profile = defineAction({ ...own, input: profileInput }, async ({ principal, input }) => {
  const r = await updateOwnProfile(principal.userId, input);
  return { ok: true, message: r.changed.length ? "Your profile was saved." : "Nothing to change." };
});
/** Name, job title and phone of the signed-in person. */
export async function updateOwnProfileAction(values: unknown): Promise<ActionResult> {
  return profile(values);
}

const password = defineAction({ ...own, input: changePasswordInput }, async ({ session, input }) => {
  const r = await changeOwnPassword(session, input, await clientIp());
  return {
    ok: true,
    message: `Your password was changed.${r.sessionsEnded ? ` ${r.sessionsEnded} other session${r.sessionsEnded === 1 ? " was" : "s were"} signed out.` : ""}`,
  };
});
/** Current password + a recent authentication (step-up); other sessions end. */
export async function changeOwnPasswordAction(values: unknown): Promise<ActionResult> {
  return password(values);
}

const email = defineAction({ ...own, input: emailChangeInput }, async ({ session, input }) => {
  const r = await requestEmailChange(session, input, await clientIp());
  return {
    ok: true,
    message: `We mailed a confirmation link to ${r.newEmail}. Your address changes once you open it (within 24 hours).`,
  };
});
/** Mails a confirmation link to the new address (lib/flows/email-change.ts); the old one is told. */
export async function requestEmailChangeAction(values: unknown): Promise<ActionResult> {
  return email(values);
}
