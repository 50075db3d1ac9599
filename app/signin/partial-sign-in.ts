import "server-only";

// What the pages that finish a sign-in (/signin/verify, /signin/enroll) read first: where to go
// afterwards (`next`, kept safe), and the partial session in their stage, or none when the sign-in
// is already complete (the page then says so; anything else is sent on by requirePartialSession).
import { getSession, requirePartialSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";

export type SignInStepProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function partialSignIn(
  searchParams: SignInStepProps["searchParams"],
  stage: Parameters<typeof requirePartialSession>[0],
): Promise<{ next: string; session: Awaited<ReturnType<typeof requirePartialSession>> | null }> {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  if ((await getSession()).status === "active") return { next, session: null };
  return { next, session: await requirePartialSession(stage, next) };
}
