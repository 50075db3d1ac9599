"use client";

import { useActionState, useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { unlockSignInAction } from "./unlock-action";

/**
 * The unlock of a strict lockout. It asks for a confirmation first (checked again on the server):
 * a locked account may be under attack, so the administrator should know who asks to be unlocked.
 */
export function UnlockForm({ slug, membershipId, name }: { slug: string; membershipId: string; name: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(unlockSignInAction, null);
  const id = useId();
  const err = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <div className="flex items-start gap-2">
        <input
          id={`${id}-confirm`}
          type="checkbox"
          name="confirm"
          value="yes"
          className="mt-1"
          aria-invalid={!!err?.fieldErrors?.confirm}
          aria-describedby={err?.fieldErrors?.confirm ? `${id}-confirm-error` : undefined}
        />
        <label htmlFor={`${id}-confirm`} className="text-sm">
          I have confirmed with {name} that they asked for this, and want to unlock their sign-in.
        </label>
      </div>
      {err?.fieldErrors?.confirm && (
        <p id={`${id}-confirm-error`} className="text-sm text-red-700">
          {err.fieldErrors.confirm[0]}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Unlocking…" : "Unlock sign-in"}
      </button>
      <div aria-live="polite" className="text-sm">
        {state?.ok && <p className="text-green-800">{state.message}</p>}
        {err?.formError && (
          <p role="alert" className="text-red-700">
            {err.formError}
          </p>
        )}
      </div>
    </form>
  );
}
