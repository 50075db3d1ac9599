"use client";
// The Directory page's forms: set up, rotate (confirmed) and switch the SCIM connection on or
// off. A new token comes back from the action once and is shown here once, with a copy button;
// nothing can show it again (it is stored as a hash).

import { useActionState, useId, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome, FormResult } from "@/app/_components/form-alert";
import { ConfirmDialog, useConfirmFirst } from "@/app/_components/confirm-dialog";
import { rotateScimTokenAction, setScimEnabledAction, setUpScimConnectionAction } from "./actions";

type TokenResult = ActionResult<{ token: string }>;

function NewToken({ state }: { state: TokenResult | null }) {
  const [copied, setCopied] = useState(false);
  const error = state && !state.ok ? state.formError : null;
  const stepUp = !!state && !state.ok && state.stepUp === true;
  return (
    <FormResult error={error} stepUp={stepUp}>
      {state?.ok && state.data && (
        <div role="status" className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm">
          <p>{state.message}</p>
          <label htmlFor="scim-new-token" className="block font-medium">
            Secret token
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id="scim-new-token"
              readOnly
              value={state.data.token}
              onFocus={(e) => e.currentTarget.select()}
              className="w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
            />
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(state.data!.token).then(() => setCopied(true));
              }}
              className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
            >
              {copied ? "Copied" : "Copy token"}
            </button>
          </div>
        </div>
      )}
    </FormResult>
  );
}

function Hidden({ slug }: { slug: string }) {
  return <input type="hidden" name="slug" value={slug} />;
}

/**
 * The connection's forms. One component holds the set-up and rotate states: the page re-renders
 * (set up → connected) after the action, and the token must stay on screen across that.
 */
export function ConnectionControls({
  slug,
  connected,
  enabled,
}: {
  slug: string;
  connected: boolean;
  enabled: boolean;
}) {
  const [setUp, setUpAction, settingUp] = useActionState<TokenResult | null, FormData>(setUpScimConnectionAction, null);
  const [rotated, rotateAction, rotating] = useActionState<TokenResult | null, FormData>(rotateScimTokenAction, null);
  const id = useId();
  if (!connected || setUp)
    return (
      <form action={setUpAction} className="space-y-3" aria-label="Set up directory sync">
        <Hidden slug={slug} />
        {!setUp?.ok && (
          <>
            <p className="text-sm text-slate-600">
              Not set up yet. Setting up makes a secret token for your directory&apos;s provisioning settings, with the
              tenant URL above.
            </p>
            <SubmitButton pending={settingUp} pendingLabel="Setting up…" size="sm">
              Set up directory sync
            </SubmitButton>
          </>
        )}
        <NewToken state={setUp} />
      </form>
    );
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="space-y-2">
        <h3 className="font-medium">Rotate the token</h3>
        <p className="text-sm text-slate-600">Makes a new secret token; the current one stops working at once.</p>
        <form action={rotateAction} className="space-y-3" aria-label="Rotate the token">
          <Hidden slug={slug} />
          {!rotated?.ok && (
            <>
              <CheckboxField
                id={`${id}-confirm`}
                name="confirm"
                value="yes"
                label="I understand the current token stops working at once, until the new one is in the directory's settings."
                error={fieldError(rotated, "confirm")}
              />
              <SubmitButton pending={rotating} pendingLabel="Rotating…" size="sm" tone="danger">
                Rotate token
              </SubmitButton>
            </>
          )}
          <NewToken state={rotated} />
        </form>
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">{enabled ? "Turn off" : "Turn on"}</h3>
        <p className="text-sm text-slate-600">
          {enabled
            ? "While off, every request of the directory is refused; people and groups stay as they are."
            : "The directory may provision people again with the current token."}
        </p>
        <EnableForm slug={slug} enabled={enabled} />
      </div>
    </div>
  );
}

function EnableForm({ slug, enabled }: { slug: string; enabled: boolean }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(setScimEnabledAction, null);
  const label = enabled ? "Turn directory sync off" : "Turn directory sync on";
  const id = useId();
  // Turning it off refuses the directory's every request: asked first (turning it on is not).
  const { formRef, askFirst, dialogProps } = useConfirmFirst();
  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={enabled ? askFirst : undefined}
      className="space-y-2"
      aria-label={label}
    >
      <Hidden slug={slug} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm" tone={enabled ? "danger" : "brand"}>
        {label}
      </SubmitButton>
      {enabled && (
        <ConfirmDialog {...dialogProps} id={id} title="Turn directory sync off?" confirmLabel={label}>
          Every request of the directory is refused until you turn it on again: nobody is added, changed or removed by
          it meanwhile. People and groups stay as they are.
        </ConfirmDialog>
      )}
      <ActionOutcome state={state} />
    </form>
  );
}
