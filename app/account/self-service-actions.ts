"use server";

import type { z } from "zod";
import { defineAction, type BodyArgs } from "@/lib/actions/action-client";
import { changeOwnPassword, updateOwnProfile } from "@/lib/flows/account-settings";
import { requestEmailChange } from "@/lib/flows/email-change";
import { changePasswordInput, emailChangeInput, profileInput } from "@/lib/schemas/account";
import { clientIp } from "@/lib/http/client-ip";
import type { ActionResult } from "@/lib/action-result";

/**
 * A change to the caller's own account only: the person comes from the session, never the input.
 * `change` makes it (a lib flow) and says what happened, the form's success message.
 */
function ownChange<I extends z.ZodType>(input: I, change: (args: BodyArgs<"user", undefined, I>) => Promise<string>) {
  return defineAction({ who: "user", input, revalidate: () => "/account" }, async (args) => ({
    ok: true,
    message: await change(args),
  }));
}

const profile = ownChange(profileInput, async ({ principal, input }) => {
  const r = await updateOwnProfile(principal.userId, input);
  return r.changed.length ? "Your profile was saved." : "Nothing to change.";
});
/** Name, job title and phone of the signed-in person. */
export async function updateOwnProfileAction(values: unknown): Promise<ActionResult> {
  return profile(values);
}

const password = ownChange(changePasswordInput, async ({ session, input }) => {
  const { sessionsEnded: n } = await changeOwnPassword(session, input, await clientIp());
  return `Your password was changed.${n ? ` ${n} other session${n === 1 ? " was" : "s were"} signed out.` : ""}`;
});
/** Current password + a recent authentication (step-up); other sessions end. */
export async function changeOwnPasswordAction(values: unknown): Promise<ActionResult> {
  return password(values);
}

const email = ownChange(emailChangeInput, async ({ session, input }) => {
  const { newEmail } = await requestEmailChange(session, input, await clientIp());
  return `We mailed a confirmation link to ${newEmail}. Your address changes once you open it (within 24 hours).`;
});
/** Mails a confirmation link to the new address (lib/flows/email-change.ts); the old one is told. */
export async function requestEmailChangeAction(values: unknown): Promise<ActionResult> {
  return email(values);
}
