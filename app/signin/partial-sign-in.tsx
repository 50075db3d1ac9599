import "server-only";

// The pages that finish a sign-in (/signin/verify, /signin/enroll) read first where to go
// afterwards (`next`, kept safe), and the partial session in their stage, or none when the sign-in
// is already complete (the page then says so; anything else is sent on by requirePartialSession).
import type { ReactNode } from "react";
import { getSession, requirePartialSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { AlreadySignedIn, PartialSignInFrame } from "./finish-frame";

type SignInStepProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type Stage = Parameters<typeof requirePartialSession>[0];
type PartialSession = Awaited<ReturnType<typeof requirePartialSession>>;

async function partialSignIn(
  searchParams: SignInStepProps["searchParams"],
  stage: Stage,
): Promise<{ next: string; session: PartialSession | null }> {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  if ((await getSession()).status === "active") return { next, session: null };
  return { next, session: await requirePartialSession(stage, next) };
}

/**
 * The page of one sign-in stage: a browser whose sign-in is already complete is told so; else
 * `sections` draws what the partial session may give, in the frame titled `title` (with the way
 * out).
 */
export function signInStepPage(
  stage: Stage,
  title: string,
  sections: (step: { next: string; session: PartialSession }) => Promise<ReactNode>,
) {
  return async function SignInStepPage({ searchParams }: SignInStepProps) {
    const { next, session } = await partialSignIn(searchParams, stage);
    if (!session) return <AlreadySignedIn next={next} />;
    return <PartialSignInFrame title={title}>{await sections({ next, session })}</PartialSignInFrame>;
  };
}
