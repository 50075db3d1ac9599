"use client";

// Setting up an authenticator app, on /account and at sign-in enrollment: a button starts it (a
// QR code and the setup key, made on the server), the person confirms with a code from the app,
// and then sees their recovery codes once. The actions are passed in, so both pages share it.
import { startTransition, useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionButton } from "./action-button";
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
}: {
  start: () => Promise<ActionResult<Setup>>;
  confirm: (prev: ActionResult<Confirmed> | null, form: FormData) => Promise<ActionResult<Confirmed>>;
  /** Where to go once the codes are saved. */
  done: { href: string; label: string };
  /** Where the step-up page returns to, when the action asks for one (/account). */
  stepUpNext?: string;
}) {
  const [started, startAction, starting] = useActionState<ActionResult<Setup> | null>(() => start(), null);
  const [confirmed, confirmAction, confirming] = useActionState(confirm, null);

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
          <form action={confirmAction} className="space-y-3" aria-label="Confirm authenticator app">
            <FormAlert message={confirmed && !confirmed.ok ? confirmed.formError : null} />
            {confirmed && !confirmed.ok && confirmed.stepUp && <StepUpLink next={stepUpNext} />}
            <TextField
              id="totp-confirm-code"
              label="Code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={10}
              required
              error={fieldError(confirmed, "code")}
              className="w-40 rounded-md border border-slate-300 px-3 py-2 font-mono"
            />
            <SubmitButton pending={confirming} pendingLabel="Checking…">
              Confirm code
            </SubmitButton>
          </form>
        </div>
      )}
    </div>
  );
}
