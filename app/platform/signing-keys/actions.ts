"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import type { ActionResult } from "@/lib/action-result";
import { rotateServiceSigningKey } from "@/lib/services/oidc-keys";

// Rotating the provider's signing key is privileged (step-up); lib decides who may (the console gate).
// The confirmation travels as a field, so a post without it (or with anything else) changes nothing.
const mustConfirm = "Confirm the rotation: the new key signs from the moment it is made.";
const rotate = defineAction(
  {
    who: "user",
    form: true,
    stepUp: true,
    input: z.object({ confirm: z.literal("yes", { error: mustConfirm }) }),
    invalid: mustConfirm,
    revalidate: () => "/platform/signing-keys",
  },
  async ({ viewer }) => {
    await rotateServiceSigningKey(viewer);
    return { ok: true, message: "Rotated. The new key signs from now on; the previous one still verifies." };
  },
);
export async function rotateSigningKeyAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return rotate(form);
}
