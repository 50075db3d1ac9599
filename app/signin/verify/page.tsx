import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getSession, requirePartialSession } from "@/lib/auth/current-session";
import { secondFactorsOf } from "@/lib/auth/assurance";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { AlreadySignedIn, FinishFrame } from "../finish-frame";
import { CancelSignIn } from "../cancel-sign-in";
import { PasskeySecondFactorSection } from "./passkey-section";
import { RecoveryCodeForm, TotpCodeForm } from "./code-forms";

export const metadata: Metadata = { title: "Confirm it's you" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The second factor after a password (stage SECOND_FACTOR, lib/auth/assurance.ts). Each way to
 * give it is a section of its own, shown when the person has that factor: passkey, authenticator
 * app, then recovery codes for a lost device.
 */
export default async function VerifyPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  if ((await getSession()).status === "active") return <AlreadySignedIn next={next} />;
  const s = await requirePartialSession("SECOND_FACTOR", next);
  const factors = await secondFactorsOf(s.userId);
  const sections: { key: string; title: string; body: ReactNode }[] = [
    ...(factors.passkeys > 0
      ? [{ key: "passkey", title: "Passkey", body: <PasskeySecondFactorSection next={next} /> }]
      : []),
    ...(factors.totp ? [{ key: "totp", title: "Authenticator app", body: <TotpCodeForm next={next} /> }] : []),
    ...(factors.recoveryCodesLeft > 0
      ? [{ key: "recovery", title: "Lost your device?", body: <RecoveryCodeForm next={next} /> }]
      : []),
  ];
  return (
    <FinishFrame title="Confirm it's you">
      <p className="text-sm text-slate-700">You signed in with your password. Finish with your second factor.</p>
      {sections.map((x) => (
        <section key={x.key} aria-labelledby={`verify-${x.key}-h`} className="space-y-3 border-t border-slate-100 pt-4">
          <h2 id={`verify-${x.key}-h`} className="font-semibold">
            {x.title}
          </h2>
          {x.body}
        </section>
      ))}
      <CancelSignIn />
    </FinishFrame>
  );
}
