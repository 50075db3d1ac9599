import type { Metadata } from "next";
import { getSession, requirePartialSession } from "@/lib/auth/current-session";
import { secondFactorsOf } from "@/lib/auth/assurance";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { AlreadySignedIn, FinishFrame } from "../finish-frame";
import { PasskeySecondFactorSection } from "./passkey-section";

export const metadata: Metadata = { title: "Confirm it's you" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The second factor after a password (stage SECOND_FACTOR, lib/auth/assurance.ts). */
export default async function VerifyPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  if ((await getSession()).status === "active") return <AlreadySignedIn next={next} />;
  const s = await requirePartialSession("SECOND_FACTOR", next);
  const factors = await secondFactorsOf(s.userId);
  return (
    <FinishFrame title="Confirm it's you">
      <p className="text-sm text-slate-700">You signed in with your password. Finish with your second factor.</p>
      {factors.passkeys > 0 && <PasskeySecondFactorSection next={next} />}
    </FinishFrame>
  );
}
