"use client";

// /signin/confirm: step-up with one of the person's passkeys, then on to `next`.
import { PasskeyButton } from "@/app/_components/passkey-button";
import { answerWithPasskey } from "@/app/_components/passkey-ceremony";
import { finishPasskeyStepUpAction, startPasskeyStepUpAction } from "./passkey-actions";

export function PasskeyStepUpSection({ next }: { next: string }) {
  return (
    <section aria-labelledby="confirm-passkey-h" className="space-y-2">
      <h2 id="confirm-passkey-h" className="font-semibold">
        Confirm with your passkey
      </h2>
      <PasskeyButton
        label="Confirm with a passkey"
        pendingLabel="Waiting for your passkey…"
        start={startPasskeyStepUpAction}
        ceremony={answerWithPasskey}
        finish={(response) => finishPasskeyStepUpAction({ response, next })}
      />
    </section>
  );
}
