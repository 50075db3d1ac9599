"use server";

import { z } from "zod";
import { confirmBox, defineAction } from "@/lib/actions/action-client";
import { unlockSignIn } from "@/lib/flows/sign-in-lock";
import type { ActionResult } from "@/lib/action-result";
import { personPage } from "./person-page";

const confirmed = z.object({ confirm: confirmBox });

const unlock = defineAction(
  {
    ...personPage,
    form: true,
    // A sign-in setting: an unlock lets password guessing start again (step-up, lib/auth/step-up.ts).
    stepUp: true,
    input: confirmed,
    invalid: "Confirm that you checked the person's identity: tick the box, then unlock.",
  },
  async ({ viewer, scope }) => {
    const r = await unlockSignIn(viewer, scope.membershipId);
    return {
      ok: true,
      message: r.unlocked
        ? "Sign-in unlocked. They can sign in with their password again."
        : "Sign-in was not locked; nothing changed.",
    };
  },
);

/** Unlocks a sign-in held by a strict lockout (lib/flows/sign-in-lock.ts re-checks who may). */
export async function unlockSignInAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return unlock(form);
}
