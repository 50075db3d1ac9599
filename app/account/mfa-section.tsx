// /account: the authenticator app (set up, remove) and recovery codes (how many are left, make
// new ones). What the person has comes from lib/auth/assurance.ts; secrets are never shown again
// after set-up.
import { hasSecondFactor, secondFactorsOf } from "@/lib/auth/assurance";
import { RECOVERY_CODE_COUNT } from "@/lib/auth/recovery-codes";
import { TotpSetup } from "@/app/_components/mfa/totp-setup";
import { confirmTotpSetupAction, startTotpSetupAction } from "./totp-actions";
import { RemoveTotpForm, RenewRecoveryCodes } from "./mfa-forms";
import { TitledSection } from "@/app/_components/titled-section";

export async function MfaSection({ userId }: { userId: string }) {
  const f = await secondFactorsOf(userId);
  return (
    <TitledSection id="mfa-h" title="Authenticator app and recovery codes" gap={4}>
      {f.totp ? (
        <div className="space-y-3">
          <p className="text-sm">
            Authenticator app: <strong>set up</strong>. Signing in asks for its code after your password.
          </p>
          <RemoveTotpForm />
        </div>
      ) : (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            An authenticator app on your phone gives a six-digit code that changes every 30 seconds. With it, a stolen
            password alone cannot sign anyone in as you.
          </p>
          <TotpSetup
            start={startTotpSetupAction}
            confirm={confirmTotpSetupAction}
            done={{ href: "/account", label: "Done: I saved my recovery codes" }}
            stepUpNext="/account"
          />
        </div>
      )}
      {hasSecondFactor(f) && (
        <div className="space-y-2 border-t border-slate-100 pt-3">
          <p className="text-sm">
            Recovery codes: {f.recoveryCodesLeft} of {RECOVERY_CODE_COUNT} left.
          </p>
          <RenewRecoveryCodes />
        </div>
      )}
    </TitledSection>
  );
}
