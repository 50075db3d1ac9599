"use client";

import { useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { ConfirmDialog, useConfirmFirst } from "@/app/_components/confirm-dialog";
import { resetFactorsAction } from "./factor-actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

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
  const { state, form, pending } = useFormAction<ActionResult>(resetFactorsAction);
  const id = useId();
  // The confirmation dialog first; its "Reset" submits the form for real.
  const { asking, dialogRef, confirm } = useConfirmFirst();
  if (nothing) return <ActionOutcome state={state} />;
  return (
    <KeptForm {...asking} form={form} state={state} aria-label="Reset sign-in methods" className={FRAME}>
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
      <ConfirmDialog
        id={id}
        dialogRef={dialogRef}
        onConfirm={confirm}
        title={`Reset ${name}'s sign-in methods?`}
        confirmLabel="Reset"
      >
        This removes {factors.passkeys.length} passkey{factors.passkeys.length === 1 ? "" : "s"}
        {factors.totpSince ? ", the authenticator app" : ""} and {factors.recoveryCodesLeft} recovery code
        {factors.recoveryCodesLeft === 1 ? "" : "s"}, and signs them out everywhere. It cannot be undone.
      </ConfirmDialog>
    </KeptForm>
  );
}

const FRAME = "space-y-2 border-t border-slate-200 pt-3";
