"use client";

// Setting up an authenticator app, on /account and at sign-in enrollment: a button starts it (a
// QR code and the setup key, made on the server), the person confirms with a code from the app,
// and then sees their recovery codes once. The actions are passed in, so both pages share it.
import { startTransition, useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ActionButton } from "./action-button";
import { CodeForm } from "./code-form";
import { FormAlert } from "@/app/_components/form-alert";
import { RecoveryCodes } from "./recovery-codes";
import { StepUpLink } from "./step-up-link";

type Setup = { secret: string; qrDataUrl: string };
type Confirmed = { recoveryCodes: string[] | null };

export function TotpSetup({
  start,
  confirm,
  done,
  stepUpNext,
  onConfirmed,
}: {
  start: () => Promise<ActionResult<Setup>>;
  confirm: (prev: ActionResult<Confirmed> | null, form: FormData) => Promise<ActionResult<Confirmed>>;
  /** Where to go once the codes are saved. */
  done: { href: string; label: string };
  /** Where the step-up page returns to, when the action asks for one (/account). */
  stepUpNext?: string;
  /** Told once the app is confirmed (the sign-in enrollment then hides its other ways). */
  onConfirmed?: () => void;
}) {
  const [started, startAction, starting] = useActionState<ActionResult<Setup> | null>(() => start(), null);
  const [confirmed, confirmAction, confirming] = useActionState(confirm, null);
  const isConfirmed = !!confirmed?.ok;
  useEffect(() => {
    if (isConfirmed) onConfirmed?.();
  }, [isConfirmed, onConfirmed]);

  if (confirmed?.ok)
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-800">
          {confirmed.message}
        </p>
        {confirmed.data?.recoveryCodes && <RecoveryCodes codes={confirmed.data.recoveryCodes} />}
        <a href={done.href} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white">
          {done.label}
        </a>
      </div>
    );

  const setup = started?.ok ? started.data : undefined;
  return (
    <div className="space-y-4">
      <ActionButton pending={starting} pendingLabel="Preparing…" onClick={() => startTransition(startAction)}>
        {setup ? "Start over with a new QR code" : "Set up an authenticator app"}
      </ActionButton>
      {started && !started.ok && (
        <div className="space-y-2">
          <FormAlert message={started.formError} />
          {started.stepUp && <StepUpLink next={stepUpNext} />}
        </div>
      )}
      {setup && (
        <div className="space-y-3">
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            <li>
              Open your authenticator app (for example Microsoft Authenticator, Google Authenticator or 1Password).
            </li>
            <li>Scan this QR code, or type in the setup key below.</li>
            <li>Enter the six-digit code the app then shows.</li>
          </ol>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server; nothing to optimise */}
          <img src={setup.qrDataUrl} alt="QR code to scan with your authenticator app" width={200} height={200} />
          <p className="text-sm">
            Setup key:{" "}
            <code id="totp-secret" className="rounded bg-slate-100 px-2 py-1 font-mono break-all">
              {setup.secret}
            </code>
          </p>
          <CodeForm
            action={confirmAction}
            state={confirmed}
            formLabel="Confirm authenticator app"
            field={{ id: "totp-confirm-code", label: "Code from the app", kind: "otp" }}
            submit={{ pending: confirming, children: "Confirm code" }}
          >
            {confirmed && !confirmed.ok && confirmed.stepUp && <StepUpLink next={stepUpNext} />}
          </CodeForm>
        </div>
      )}
    </div>
  );
}
