"use client";

// The ways to set up a first factor on /signin/enroll, one section each. Once the authenticator
// app is confirmed the sign-in is finished, so the passkey section goes away and only the
// recovery codes and "Continue" remain.
import { useCallback, useState } from "react";
import { TotpSetup } from "@/app/_components/mfa/totp-setup";
import { FactorSection } from "../finish-frame";
import { PasskeyEnrollSection } from "./passkey-section";
import { confirmEnrollTotpAction, startEnrollTotpAction } from "./actions";

export function EnrollSections({ next }: { next: string }) {
  const [signedIn, setSignedIn] = useState(false);
  const finished = useCallback(() => setSignedIn(true), []);
  return (
    <>
      {!signedIn && (
        <FactorSection id="enroll-passkey" title="Passkey">
          <PasskeyEnrollSection next={next} />
        </FactorSection>
      )}
      <FactorSection id="enroll-totp" title="Authenticator app">
        <TotpSetup
          start={startEnrollTotpAction}
          confirm={confirmEnrollTotpAction}
          done={{ href: next, label: "Continue: I saved my recovery codes" }}
          onConfirmed={finished}
        />
      </FactorSection>
    </>
  );
}
