import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-session";
import { strongestFactorOf } from "@/lib/auth/step-up";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { FinishFrame } from "../finish-frame";
import { PasskeyStepUpSection } from "./passkey-section";

export const metadata: Metadata = { title: "Confirm it's you" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Step-up (lib/auth/step-up.ts): re-authenticate with the strongest factor before a privileged action. */
export default async function ConfirmPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/account");
  const { principal } = await requireUser();
  const factor = await strongestFactorOf(principal.userId);
  return (
    <FinishFrame title="Confirm it's you">
      <p className="text-sm text-slate-700">What you are about to do needs a fresh confirmation that it is you.</p>
      {factor === "passkey" && <PasskeyStepUpSection next={next} />}
    </FinishFrame>
  );
}
