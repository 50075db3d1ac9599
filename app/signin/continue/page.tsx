import { redirect } from "next/navigation";
import { FINISH_SIGN_IN_PATH, getSession, sessionHomePath } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { WORKSPACE_HOME } from "@/lib/identity/principal";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Where the sign-in form (and a provider's callback) goes after the first factor: a sign-in still
 * waiting for its second factor or enrollment (lib/auth/assurance.ts) to the page that finishes it,
 * a complete one on to `next`, anything else back to sign in. `next` alone could be a public page,
 * where a partial session would just look signed out. Without a page asked for, each person goes
 * to their home (lib/identity/principal.ts homePathOf).
 */
export default async function ContinueSignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const asked = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, WORKSPACE_HOME);
  const s = await getSession();
  // No particular page asked for (the sign-in form's default): platform accounts land on the
  // platform console, everyone else on the workspace chooser.
  const next = asked === WORKSPACE_HOME ? await sessionHomePath() : asked;
  if (s.status === "partial") redirect(`${FINISH_SIGN_IN_PATH[s.stage]}?next=${encodeURIComponent(next)}`);
  if (s.status === "active") redirect(next);
  redirect(`/signin?next=${encodeURIComponent(next)}`);
}
