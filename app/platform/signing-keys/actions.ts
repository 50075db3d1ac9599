"use server";

import { defineAction } from "@/lib/actions/action-client";
import type { ActionResult } from "@/lib/action-result";
import { rotateServiceSigningKey } from "@/lib/services/oidc-keys";

// Rotating the provider's signing key is privileged (step-up); lib decides who may (the console gate).
const rotate = defineAction(
  { who: "user", form: true, stepUp: true, revalidate: () => "/platform/signing-keys" },
  async ({ viewer }) => {
    await rotateServiceSigningKey(viewer);
    return { ok: true, message: "Rotated. The new key signs from now on; the previous one still verifies." };
  },
);
export async function rotateSigningKeyAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return rotate(form);
}
