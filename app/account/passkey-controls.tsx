"use client";

import { useActionState, useId, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { createPasskey } from "@/app/_components/passkey-ceremony";
import { AskFirst } from "@/app/_components/ask-first";
import {
  finishPasskeyRegistrationAction,
  removePasskeyAction,
  renamePasskeyAction,
  startPasskeyRegistrationAction,
} from "./passkey-actions";

/** "Confirm it's you" when an action needs a fresh authentication first (lib/auth/step-up.ts). */
function StepUpLink({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok || !state.stepUp) return null;
  return (
    <a href="/signin/confirm?next=%2Faccount" className="text-sm font-medium text-brand-700 underline">
      Confirm it&apos;s you
    </a>
  );
}

export function AddPasskey({ suggestedName }: { suggestedName: string }) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(suggestedName);
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<ActionResult | null>(null);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setState(null);
    try {
      const start = await startPasskeyRegistrationAction();
      if (!start.ok || !start.data) return setState(start.ok ? { ok: false, formError: "Try again." } : start);
      const made = await createPasskey(start.data.options);
      if (!made.ok) return setState({ ok: false, formError: made.message });
      const done = await finishPasskeyRegistrationAction({ response: made.response, name });
      setState(done);
      if (done.ok) {
        setName("");
        router.refresh();
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={add} noValidate className="space-y-2" aria-label="Add a passkey">
      <TextField
        id={`${id}-name`}
        label="Name for the new passkey"
        hint='For example "Work laptop" or "Phone".'
        name="name"
        value={name}
        maxLength={60}
        required
        onChange={(e) => setName(e.target.value)}
        error={fieldError(state, "name")}
      />
      <SubmitButton pending={pending} pendingLabel="Waiting for your device…">
        Add a passkey
      </SubmitButton>
      <FormResult success={state?.ok && state.message} error={state && !state.ok ? state.formError : null} />
      <StepUpLink state={state} />
    </form>
  );
}

export function RenamePasskey({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(renamePasskeyAction, null);
  const uid = useId();
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="passkeyId" value={id} />
      <TextField
        id={`${uid}-name`}
        label={`New name for ${name}`}
        name="name"
        defaultValue={name}
        maxLength={60}
        required
        error={fieldError(state, "name")}
      />
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        Rename
      </SubmitButton>
      <FormResult success={state?.ok && state.message} error={state && !state.ok ? state.formError : null} />
    </form>
  );
}

export function RemovePasskey({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(removePasskeyAction, null);
  return (
    <AskFirst label={`Remove ${name}`} tone="danger">
      {(cancel) => (
        <form action={action} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" role="group">
          <input type="hidden" name="passkeyId" value={id} />
          <p className="text-sm text-red-900">
            Remove the passkey &quot;{name}&quot;? It will no longer sign you in. This cannot be undone.
          </p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={pending} pendingLabel="Removing…" size="sm" tone="danger">
              Yes, remove {name}
            </SubmitButton>
            <button
              type="button"
              onClick={cancel}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
            >
              Cancel
            </button>
          </div>
          <FormResult error={state && !state.ok ? state.formError : null} />
          <StepUpLink state={state} />
        </form>
      )}
    </AskFirst>
  );
}
