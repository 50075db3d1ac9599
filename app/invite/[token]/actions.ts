"use server";

import { z } from "zod";
import { getPrincipal } from "@/lib/auth/current-session";
import { acceptInvitation, acceptInvitationSignedIn, prepareProviderSignIn } from "@/lib/flows/onboarding";
import { onboardingInput, signedInOnboardingInput } from "@/lib/schemas/people";
import { failure, type ActionResult } from "@/lib/action-result";

const token = z.string().max(100);
type Accepted = ActionResult<{ status: "ACTIVE" | "PENDING_APPROVAL" }>;

/** New person: name + password + profile. The token is the only credential. */
export async function acceptInvitationAction(tokenInput: unknown, values: unknown): Promise<Accepted> {
  const t = token.safeParse(tokenInput);
  const parsed = onboardingInput.safeParse(values);
  if (!t.success) return { ok: false, formError: "This invitation link is not valid." };
  if (!parsed.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    const r = await acceptInvitation(t.data, parsed.data);
    return { ok: true, data: { status: r.status } };
  } catch (err) {
    return failure(err);
  }
}

/** Signed in already (password, SSO, OAuth): identity re-read here, the email must match. */
export async function acceptInvitationSignedInAction(tokenInput: unknown, values: unknown): Promise<Accepted> {
  const principal = await getPrincipal();
  if (principal.kind !== "user") return { ok: false, formError: "Your session ended. Sign in again and reopen the invitation link." };
  const t = token.safeParse(tokenInput);
  const parsed = signedInOnboardingInput.safeParse(values);
  if (!t.success) return { ok: false, formError: "This invitation link is not valid." };
  if (!parsed.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    const r = await acceptInvitationSignedIn(principal, t.data, parsed.data);
    return { ok: true, data: { status: r.status } };
  } catch (err) {
    return failure(err);
  }
}

/** Before "Continue with Google/Microsoft": see lib/flows/onboarding.ts prepareProviderSignIn. */
export async function prepareProviderSignInAction(tokenInput: unknown): Promise<ActionResult> {
  const t = token.safeParse(tokenInput);
  if (!t.success) return { ok: false, formError: "This invitation link is not valid." };
  try {
    await prepareProviderSignIn(t.data);
    return { ok: true };
  } catch (err) {
    return failure(err);
  }
}
