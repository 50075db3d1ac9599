"use client";
// The Directory page's forms: set up, rotate (confirmed) and switch the SCIM connection on or
// off. A new token comes back from the action once and is shown here once, with a copy button;
// nothing can show it again (it is stored as a hash).

import { useActionState, useId, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome, FormResult } from "@/app/_components/form-alert";
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

export function SetUpForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<TokenResult | null, FormData>(setUpScimConnectionAction, null);
  return (
    <form action={action} className="space-y-3" aria-label="Set up directory sync">
      <Hidden slug={slug} />
      {!state?.ok && (
        <SubmitButton pending={pending} pendingLabel="Setting up…" size="sm">
          Set up directory sync
        </SubmitButton>
      )}
      <NewToken state={state} />
    </form>
  );
}

export function RotateForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<TokenResult | null, FormData>(rotateScimTokenAction, null);
  const id = useId();
  return (
    <form action={action} className="space-y-3" aria-label="Rotate the token">
      <Hidden slug={slug} />
      {!state?.ok && (
        <>
          <CheckboxField
            id={`${id}-confirm`}
            name="confirm"
            value="yes"
            label="I understand the current token stops working at once, until the new one is in the directory's settings."
            error={fieldError(state, "confirm")}
          />
          <SubmitButton pending={pending} pendingLabel="Rotating…" size="sm" tone="danger">
            Rotate token
          </SubmitButton>
        </>
      )}
      <NewToken state={state} />
    </form>
  );
}

export function EnableForm({ slug, enabled }: { slug: string; enabled: boolean }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(setScimEnabledAction, null);
  return (
    <form
      action={action}
      className="space-y-2"
      aria-label={enabled ? "Turn directory sync off" : "Turn directory sync on"}
    >
      <Hidden slug={slug} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm" tone={enabled ? "danger" : "brand"}>
        {enabled ? "Turn directory sync off" : "Turn directory sync on"}
      </SubmitButton>
      <ActionOutcome state={state} />
    </form>
  );
}
