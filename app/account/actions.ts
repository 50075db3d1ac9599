"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { revokeOwnSessions } from "@/lib/auth/session-store";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-token";
import { createLinkIntent, LINK_COOKIE, linkableProviders, linkCookieOptions, unlinkIdentity } from "@/lib/auth/identity-links";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm, NOT_A_FORM } from "@/lib/security/action-input";

export async function signOutEverywhereElseAction(): Promise<ActionResult> {
  const { principal, sessionId } = await requireUser();
  const n = await revokeOwnSessions(principal.userId, { keepSessionId: sessionId });
  revalidatePath("/account");
  return { ok: true, message: `Signed out ${n} other session${n === 1 ? "" : "s"}.` };
}

/** Every session, this browser's too: for a lost laptop or a suspected leak. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  const { principal } = await requireUser();
  await revokeOwnSessions(principal.userId);
  redirect("/signin?reason=signed_out_everywhere");
}

export async function revokeSessionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { principal, sessionId } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const id = z.string().min(1).max(64).safeParse(form.get("sessionId"));
  if (!id.success) return { ok: false, formError: "Unknown session." };
  // Scoped to the caller's own sessions inside revokeOwnSessions (userId in the where clause).
  const n = await revokeOwnSessions(principal.userId, { onlySessionId: id.data });
  if (id.data === sessionId) redirect("/signin?reason=revoked");
  revalidatePath("/account");
  return n ? { ok: true, message: "That session is signed out." } : { ok: false, formError: "That session had already ended." };
}

export async function createApiTokenAction(_: ActionResult<{ token: string }> | null, form: FormData): Promise<ActionResult<{ token: string }>> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  try {
    const t = await createApiToken(viewer, {
      name: String(form.get("name") ?? ""),
      municipalityId: String(form.get("municipalityId") ?? ""),
      groups: form.getAll("groups").map(String),
      expiresInDays: Number(form.get("expiresInDays") ?? 90),
    });
    revalidatePath("/account");
    return { ok: true, data: { token: t.token }, message: "Copy the token now: it is shown only once." };
  } catch (err) {
    return failure(err);
  }
}

export async function revokeApiTokenAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const id = z.string().min(1).max(64).safeParse(form.get("tokenId"));
  if (!id.success) return { ok: false, formError: "Unknown token." };
  try {
    await revokeApiToken(viewer, id.data);
  } catch (err) {
    return failure(err);
  }
  revalidatePath("/account");
  return { ok: true, message: "Token revoked. It stops working immediately." };
}

/**
 * "Link your … sign-in": records a single-use link intent for this session and provider (its
 * secret in an HttpOnly cookie sent only to the sign-in callback); the browser then runs the
 * provider's flow, and the callback attaches the identity to this person (lib/auth/identity-links.ts).
 */
export async function startIdentityLinkAction(_: ActionResult<{ provider: string }> | null, form: FormData): Promise<ActionResult<{ provider: string }>> {
  const { principal, sessionId } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const provider = z.string().min(1).max(80).safeParse(form.get("provider"));
  const offered = provider.success && (await linkableProviders(principal.userId)).some((p) => p.id === provider.data);
  if (!provider.success || !offered) return { ok: false, formError: "That sign-in cannot be linked to your account.", fieldErrors: { provider: ["not a sign-in you can link"] } };
  const secret = await createLinkIntent({ userId: principal.userId, sessionId }, provider.data);
  (await cookies()).set(LINK_COOKIE, secret, linkCookieOptions());
  return { ok: true, data: { provider: provider.data } };
}

export async function unlinkIdentityAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { principal } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const id = z.string().min(1).max(64).safeParse(form.get("accountId"));
  if (!id.success) return { ok: false, formError: "Unknown sign-in.", fieldErrors: { accountId: ["not one of your sign-ins"] } };
  let provider: string;
  try {
    // Scoped to the caller's own identities inside unlinkIdentity (userId in the where clause).
    provider = (await unlinkIdentity(principal.userId, id.data)).provider;
  } catch (err) {
    return failure(err);
  }
  // The form goes with the identity it unlinked: the page says what happened instead.
  revalidatePath("/account");
  redirect(`/account?unlinked=${encodeURIComponent(provider)}`);
}
