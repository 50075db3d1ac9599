import { redirect } from "next/navigation";
import { FINISH_SIGN_IN_PATH, getSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Where the sign-in form (and a provider's callback) goes after the first factor: a sign-in still
 * waiting for its second factor or enrollment (lib/auth/assurance.ts) to the page that finishes it,
 * a complete one on to `next`, anything else back to sign in. `next` alone could be a public page,
 * where a partial session would just look signed out.
 */
export default async function ContinueSignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  const s = await getSession();
  if (s.status === "partial") redirect(`${FINISH_SIGN_IN_PATH[s.stage]}?next=${encodeURIComponent(next)}`);
  if (s.status === "active") redirect(next);
  redirect(`/signin?next=${encodeURIComponent(next)}`);
}
