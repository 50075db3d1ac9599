"use client";

import { useActionState, useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { unlockSignInAction } from "./unlock-action";

/**
 * The unlock of a strict lockout. It asks for a confirmation first (checked again on the server):
 * a locked account may be under attack, so the administrator should know who asks to be unlocked.
 */
export function UnlockForm({ slug, membershipId, name }: { slug: string; membershipId: string; name: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(unlockSignInAction, null);
  const id = useId();
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <CheckboxField
        id={`${id}-confirm`}
        name="confirm"
        value="yes"
        label={`I have confirmed with ${name} that they asked for this, and want to unlock their sign-in.`}
        error={fieldError(state, "confirm")}
      />
      <SubmitButton pending={pending} pendingLabel="Unlocking…" size="sm">
        Unlock sign-in
      </SubmitButton>
      <ActionOutcome state={state} />
    </form>
  );
}
