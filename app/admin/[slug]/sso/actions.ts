"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import {
  mappingRowsInput,
  oidcConnectionInput,
  saveMappingRows,
  saveOidcConnectionFromConsole,
  startTrySignIn,
  testOidcConnection,
} from "@/lib/flows/sso-console";
import { TRY_MINUTES, TRY_STATE_COOKIE, tryCookiePath } from "@/lib/auth/sso-try";
import { usesSecureCookies } from "@/lib/auth/session-cookie";
import type { ConnectionReport } from "@/lib/auth/oidc-checks";
import type { ActionResult } from "@/lib/action-result";

const page = ({ muni }: { muni: { slug: string } }) => `/admin/${muni.slug}/sso`;

// Saving the connection or its mappings decides who signs in and with which groups: step-up first.
const save = defineAction(
  { who: "admin", form: true, stepUp: true, input: oidcConnectionInput, revalidate: page },
  async ({ viewer, principal, muni, input }) => {
    const r = await saveOidcConnectionFromConsole(viewer, principal.userId, muni, input);
    return { ok: true, message: r.created ? "Connection created." : "Connection saved." };
  },
);
export async function saveOidcConnectionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return save(form);
}

const test = defineAction({ who: "admin", form: true }, async ({ viewer, principal, muni }) => {
  const report = await testOidcConnection(viewer, principal.userId, muni);
  return {
    ok: true,
    message: report.ok ? "All checks passed." : "Some checks failed: see below.",
    data: report,
  };
});
export async function testOidcConnectionAction(
  _: ActionResult<ConnectionReport> | null,
  form: FormData,
): Promise<ActionResult<ConnectionReport>> {
  return test(form);
}

// Starts the real flow: the browser goes to the provider and comes back to ./callback. The flow's
// secrets stay in a sealed cookie for this session and this console's paths only.
const tryStart = defineAction({ who: "admin", form: true }, async ({ viewer, principal, sessionId, muni }) => {
  const { url, cookie } = await startTrySignIn(viewer, principal.userId, muni, sessionId);
  (await cookies()).set(TRY_STATE_COOKIE, cookie, {
    httpOnly: true,
    sameSite: "lax",
    secure: usesSecureCookies(),
    path: tryCookiePath(muni.slug),
    maxAge: TRY_MINUTES * 60,
  });
  return { ok: true, message: "Going to the provider…", data: { url } };
});
export async function startTrySignInAction(
  _: ActionResult<{ url: string }> | null,
  form: FormData,
): Promise<ActionResult<{ url: string }>> {
  return tryStart(form);
}

const saveMappings = defineAction(
  {
    who: "admin",
    stepUp: true,
    scope: z.object({ slug: z.string().max(64) }),
    input: mappingRowsInput,
    revalidate: page,
  },
  async ({ viewer, principal, muni, input }) => {
    await saveMappingRows(viewer, principal.userId, muni, input.rows);
    return { ok: true, message: "Mappings saved. They apply from the next sign-in." };
  },
);
/** `target` is { slug }, `values` { rows: [{ claim, value, groups }] } (a value action: the editor's rows). */
export async function saveClaimMappingsAction(target: unknown, values: unknown): Promise<ActionResult> {
  return saveMappings(target, values);
}
