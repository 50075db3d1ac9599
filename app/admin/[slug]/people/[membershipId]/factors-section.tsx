"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { resetFactorsAction } from "./factor-actions";

export type FactorsDTO = {
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null; synced: boolean }[];
  totpSince: string | null;
  recoveryCodesLeft: number;
  canReset: boolean;
};

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "never");

/** Which sign-in factors the person has (never a secret), and the administrator's reset. */
export function FactorsSection({
  factors,
  hidden,
  name,
}: {
  factors: FactorsDTO;
  hidden: Record<string, string>;
  name: string;
}) {
  const none = factors.passkeys.length === 0 && !factors.totpSince && factors.recoveryCodesLeft === 0;
  return (
    <section aria-labelledby="factors-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="factors-h" className="font-semibold">
        Sign-in methods
      </h2>
      <dl className="grid grid-cols-3 gap-2 text-sm">
        <dt className="text-slate-500">Passkeys</dt>
        <dd className="col-span-2">
          {factors.passkeys.length === 0 ? (
            "none"
          ) : (
            <>
              {factors.passkeys.length}
              <ul className="mt-1 space-y-1" aria-label="Passkeys">
                {factors.passkeys.map((p) => (
                  <li key={p.id}>
                    {p.name}
                    {p.synced ? " (synced)" : ""} · added {when(p.createdAt)} · last used {when(p.lastUsedAt)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </dd>
        <dt className="text-slate-500">Authenticator app</dt>
        <dd className="col-span-2">{factors.totpSince ? `yes, since ${when(factors.totpSince)}` : "no"}</dd>
        <dt className="text-slate-500">Recovery codes left</dt>
        <dd className="col-span-2">{factors.recoveryCodesLeft}</dd>
      </dl>
      {factors.canReset && <ResetForm hidden={hidden} name={name} factors={factors} nothing={none} />}
    </section>
  );
}

/**
 * The reset asks twice: a box to tick (checked on the server, so it holds without JavaScript) and,
 * with JavaScript, a confirmation dialog that says what will be removed.
 */
function ResetForm({
  hidden,
  name,
  factors,
  nothing,
}: {
  hidden: Record<string, string>;
  name: string;
  factors: FactorsDTO;
  /** Nothing left to reset: only the outcome of the reset just made, if any. */
  nothing: boolean;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(resetFactorsAction, null);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  useEffect(() => {
    if (state) confirmed.current = false;
  }, [state]);
  if (nothing) return <ActionOutcome state={state} />;
  // The confirmation dialog first; its "Reset" submits again with `confirmed` set.
  const askFirst = (e: React.FormEvent<HTMLFormElement>) => {
    if (confirmed.current || !dialog.current?.showModal) return;
    e.preventDefault();
    dialog.current.showModal();
  };
  return (
    <form ref={form} action={formAction} onSubmit={askFirst} aria-label="Reset sign-in methods" className={FRAME}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <p className="text-sm text-slate-600">
        For a lost device: removes every passkey, the authenticator app and the recovery codes, and signs the person out
        everywhere. They set up a new method at their next sign-in and are told by mail.
      </p>
      <TextField
        id={`${id}-reason`}
        label="Reason for the reset"
        name="reason"
        required
        minLength={3}
        maxLength={500}
        error={fieldError(state, "reason")}
      />
      <CheckboxField
        id={`${id}-confirm`}
        name="confirm"
        value="yes"
        label={`I have confirmed with ${name} that they asked for this.`}
        error={fieldError(state, "confirm")}
      />
      <SubmitButton pending={pending} pendingLabel="Resetting…" size="sm" tone="danger">
        Reset sign-in methods
      </SubmitButton>
      <ActionOutcome state={state} />
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-dlg-h`}
        aria-describedby={`${id}-dlg-p`}
        className="m-auto max-w-sm rounded-lg border border-slate-300 bg-white p-5 shadow-lg backdrop:bg-slate-900/40"
      >
        <h3 id={`${id}-dlg-h`} className="font-semibold">
          Reset {name}&apos;s sign-in methods?
        </h3>
        <p id={`${id}-dlg-p`} className="mt-2 text-sm text-slate-700">
          This removes {factors.passkeys.length} passkey{factors.passkeys.length === 1 ? "" : "s"}
          {factors.totpSince ? ", the authenticator app" : ""} and {factors.recoveryCodesLeft} recovery code
          {factors.recoveryCodesLeft === 1 ? "" : "s"}, and signs them out everywhere. It cannot be undone.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Cancel
          </button>
          <button
            type="button"
            onClick={() => {
              confirmed.current = true;
              dialog.current?.close();
              form.current?.requestSubmit();
            }}
            className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800"
          >
            Reset
          </button>
        </div>
      </dialog>
    </form>
  );
}

const FRAME = "space-y-2 border-t border-slate-200 pt-3";
