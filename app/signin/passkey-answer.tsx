"use client";

// A passkey answering for a sign-in that is under way: the second factor after the password
// (/signin/verify) and the step-up (/signin/confirm). One of the person's own passkeys answers a
// challenge bound to their session; the server's action then says where to go.
import { PasskeyButton } from "@/app/_components/passkey-button";
import { answerWithPasskey } from "@/app/_components/passkey-ceremony";
import { finishPasskeySecondFactorAction, startPasskeySecondFactorAction } from "./verify/passkey-actions";
import { finishPasskeyStepUpAction, startPasskeyStepUpAction } from "./confirm/passkey-actions";

const STEPS = {
  secondFactor: {
    label: "Use a passkey",
    start: startPasskeySecondFactorAction,
    finish: finishPasskeySecondFactorAction,
  },
  stepUp: {
    label: "Confirm with a passkey",
    start: startPasskeyStepUpAction,
    finish: finishPasskeyStepUpAction,
  },
} as const;

export function PasskeyAnswer({ step, next }: { step: keyof typeof STEPS; next: string }) {
  const { label, start, finish } = STEPS[step];
  return (
    <PasskeyButton
      label={label}
      pendingLabel="Waiting for your passkey…"
      start={start}
      ceremony={answerWithPasskey}
      finish={(response) => finish({ response, next })}
    />
  );
}
