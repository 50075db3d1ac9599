import type { Metadata } from "next";
import { secondFactorsOf } from "@/lib/auth/assurance";
import { FactorSection } from "../finish-frame";
import { signInStepPage } from "../partial-sign-in";
import { PasskeyAnswer } from "../passkey-answer";
import { RecoveryCodeForm, TotpCodeForm } from "./code-forms";

const TITLE = "Confirm it's you";
export const metadata: Metadata = { title: TITLE };

/**
 * The second factor after a password (stage SECOND_FACTOR, lib/auth/assurance.ts). Each way to
 * give it is a section of its own, shown when the person has that factor: passkey, authenticator
 * app, then recovery codes for a lost device.
 */
export default signInStepPage("SECOND_FACTOR", TITLE, async ({ next, session }) => {
  const factors = await secondFactorsOf(session.userId);
  return (
    <>
      <p className="text-sm text-slate-700">You signed in with your password. Finish with your second factor.</p>
      {factors.passkeys > 0 && (
        <FactorSection id="verify-passkey" title="Passkey">
          <PasskeyAnswer step="secondFactor" next={next} />
        </FactorSection>
      )}
      {factors.totp && (
        <FactorSection id="verify-totp" title="Authenticator app">
          <TotpCodeForm next={next} />
        </FactorSection>
      )}
      {factors.recoveryCodesLeft > 0 && (
        <FactorSection id="verify-recovery" title="Lost your device?">
          <RecoveryCodeForm next={next} />
        </FactorSection>
      )}
    </>
  );
});
