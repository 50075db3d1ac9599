"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { acceptInvitation, acceptInvitationSignedIn, prepareProviderSignIn } from "@/lib/flows/onboarding";
import { onboardingInput, signedInOnboardingInput } from "@/lib/schemas/people";
import { ACTION_MESSAGES, type ActionResult } from "@/lib/action-result";

// The token is the only credential of a new person: anyone may call these, with a token.
const byToken = { who: "anonymous", scope: z.string().max(100), incomplete: ACTION_MESSAGES.badLink } as const;
type Accepted = ActionResult<{ status: "ACTIVE" | "PENDING_APPROVAL" }>;

const accept = defineAction({ ...byToken, input: onboardingInput }, async ({ scope, input }) => {
  const r = await acceptInvitation(scope, input);
  return { ok: true, data: { status: r.status } };
});
/** New person: name + password + profile. The token is the only credential. */
export async function acceptInvitationAction(tokenInput: unknown, values: unknown): Promise<Accepted> {
  return accept(tokenInput, values);
}

const acceptSignedIn = defineAction(
  { ...byToken, input: signedInOnboardingInput },
  async ({ viewer, scope, input }) => {
    if (viewer.principal.kind !== "user")
      return { ok: false, formError: "Your session ended. Sign in again and reopen the invitation link." };
    const r = await acceptInvitationSignedIn(viewer.principal, scope, input);
    return { ok: true, data: { status: r.status } };
  },
);
/** Signed in already (password, SSO, OAuth): identity re-read here, the email must match. */
export async function acceptInvitationSignedInAction(tokenInput: unknown, values: unknown): Promise<Accepted> {
  return acceptSignedIn(tokenInput, values);
}

const prepare = defineAction(byToken, async ({ scope }) => {
  await prepareProviderSignIn(scope);
  return { ok: true };
});
/** Before "Continue with Google/Microsoft": see lib/flows/onboarding.ts prepareProviderSignIn. */
export async function prepareProviderSignInAction(tokenInput: unknown): Promise<ActionResult> {
  return prepare(tokenInput);
}
