"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import { revokeOwnSessions } from "@/lib/auth/session-store";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-token";
import {
  createLinkIntent,
  LINK_COOKIE,
  linkableProviders,
  linkCookieOptions,
  unlinkIdentity,
} from "@/lib/auth/identity-links";
import type { ActionResult } from "@/lib/action-result";

const id = idField();
const account = { who: "user", revalidate: () => "/account" } as const;

const signOutElsewhere = defineAction(account, async ({ principal, sessionId }) => {
  const n = await revokeOwnSessions(principal.userId, { keepSessionId: sessionId });
  return { ok: true, message: `Signed out ${n} other session${n === 1 ? "" : "s"}.` };
});
export async function signOutEverywhereElseAction(): Promise<ActionResult> {
  return signOutElsewhere();
}

const signOutEverywhere = defineAction({ who: "user" }, async ({ principal }) => {
  await revokeOwnSessions(principal.userId);
  redirect("/signin?reason=signed_out_everywhere");
});
/** Every session, this browser's too: for a lost laptop or a suspected leak. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  return signOutEverywhere();
}

const revokeSession = defineAction(
  { ...account, form: true, scope: z.object({ sessionId: id }), incomplete: "Unknown session." },
  async ({ principal, sessionId, scope }) => {
    // Scoped to the caller's own sessions inside revokeOwnSessions (userId in the where clause).
    const n = await revokeOwnSessions(principal.userId, { onlySessionId: scope.sessionId });
    if (scope.sessionId === sessionId) redirect("/signin?reason=revoked");
    return n
      ? { ok: true, message: "That session is signed out." }
      : { ok: false, formError: "That session had already ended." };
  },
);
export async function revokeSessionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return revokeSession(form);
}

// lib/auth/api-token.ts parses these and names the offending field.
const tokenFields = z.object({
  name: formText,
  municipalityId: formText,
  groups: formList,
  expiresInDays: z.string().default("90").transform(Number),
});
// A token acts with the person's groups without a session: creating one needs step-up.
const createToken = defineAction(
  { ...account, form: true, stepUp: true, input: tokenFields },
  async ({ viewer, input }) => {
    const t = await createApiToken(viewer, input);
    return { ok: true, data: { token: t.token }, message: "Copy the token now: it is shown only once." };
  },
);
/** A new token's secret, shown once. */
type TokenResult = ActionResult<{ token: string }>;
export async function createApiTokenAction(_: TokenResult | null, form: FormData): Promise<TokenResult> {
  return createToken(form);
}

const revokeToken = defineAction(
  { ...account, form: true, scope: z.object({ tokenId: id }), incomplete: "Unknown token." },
  async ({ viewer, scope }) => {
    await revokeApiToken(viewer, scope.tokenId);
    return { ok: true, message: "Token revoked. It stops working immediately." };
  },
);
export async function revokeApiTokenAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return revokeToken(form);
}

const notLinkable = {
  ok: false as const,
  formError: "That sign-in cannot be linked to your account.",
  fieldErrors: { provider: ["not a sign-in you can link"] },
};
const startLink = defineAction(
  {
    who: "user",
    form: true,
    input: z.object({ provider: idField(notLinkable.fieldErrors.provider[0], 80) }),
    invalid: notLinkable.formError,
  },
  async ({ principal, sessionId, input }) => {
    if (!(await linkableProviders(principal.userId)).some((p) => p.id === input.provider)) return notLinkable;
    const secret = await createLinkIntent({ userId: principal.userId, sessionId }, input.provider);
    (await cookies()).set(LINK_COOKIE, secret, linkCookieOptions());
    return { ok: true, data: { provider: input.provider } };
  },
);
/** The provider whose flow the browser runs next. */
type LinkResult = ActionResult<{ provider: string }>;
/**
 * "Link your … sign-in": records a single-use link intent for this session and provider (its
 * secret in an HttpOnly cookie sent only to the sign-in callback); the browser then runs the
 * provider's flow, and the callback attaches the identity to this person (lib/auth/identity-links.ts).
 */
export async function startIdentityLinkAction(_: LinkResult | null, form: FormData): Promise<LinkResult> {
  return startLink(form);
}

// Removing a way to sign in changes one's own credentials: step-up first.
const unlink = defineAction(
  {
    who: "user",
    form: true,
    stepUp: true,
    input: z.object({ accountId: idField("not one of your sign-ins") }),
    invalid: "Unknown sign-in.",
    revalidate: () => "/account",
  },
  async ({ principal, input }) => {
    // Scoped to the caller's own identities inside unlinkIdentity (userId in the where clause).
    const { provider } = await unlinkIdentity(principal.userId, input.accountId);
    // The form goes with the identity it unlinked: the page says what happened instead.
    redirect(`/account?unlinked=${encodeURIComponent(provider)}`);
  },
);
export async function unlinkIdentityAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return unlink(form);
}
