"use client";

// /signin/verify: a passkey as the second factor after the password.
import { PasskeyButton } from "@/app/_components/passkey-button";
import { answerWithPasskey } from "@/app/_components/passkey-ceremony";
import { finishPasskeySecondFactorAction, startPasskeySecondFactorAction } from "./passkey-actions";

export function PasskeySecondFactorSection({ next }: { next: string }) {
  return (
    <section aria-labelledby="verify-passkey-h" className="space-y-2">
      <h2 id="verify-passkey-h" className="font-semibold">
        Use your passkey
      </h2>
      <PasskeyButton
        label="Use a passkey"
        pendingLabel="Waiting for your passkey…"
        start={startPasskeySecondFactorAction}
        ceremony={answerWithPasskey}
        finish={(response) => finishPasskeySecondFactorAction({ response, next })}
      />
    </section>
  );
}
