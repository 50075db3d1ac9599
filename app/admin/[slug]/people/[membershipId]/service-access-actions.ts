"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { grantServiceAccess, revokeServiceAccess } from "@/lib/flows/service-grants";
import type { ActionResult } from "@/lib/action-result";
import { personPage } from "./person-page";

const grantScope = z.object({ membershipId: z.string().max(64), userId: z.string().max(64) });

const grantInput = z
  .object({
    serviceId: z.string().min(1, "Choose a service.").max(64),
    reason: z.string().trim().min(3, "Give a reason (3 characters or more).").max(500),
    expiresDate: z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Enter a date (YYYY-MM-DD).")
      .optional()
      .default(""),
    expiresTime: z
      .string()
      .regex(/^(\d{2}:\d{2})?$/, "Enter a time (HH:MM).")
      .optional()
      .default(""),
  })
  .refine((v) => v.expiresDate !== "" || v.expiresTime === "", {
    path: ["expiresDate"],
    message: "Give the date the access ends, or leave both empty.",
  });

// Granting access is a privileged change: a recent authentication first (step-up).
const grant = defineAction(
  { ...personPage, form: true, stepUp: true, scope: grantScope, input: grantInput },
  async ({ viewer, scope, input }) => {
    await grantServiceAccess(viewer, {
      serviceId: input.serviceId,
      userId: scope.userId,
      reason: input.reason,
      expiresLocal: { date: input.expiresDate, time: input.expiresTime },
    });
    return { ok: true, message: input.expiresDate ? "Access granted until the time you chose." : "Access granted." };
  },
);

/** A direct grant of a connected service to this person (lib/flows/service-grants.ts re-checks who may). */
export async function grantServiceAccessAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return grant(form);
}

const revoke = defineAction(
  {
    ...personPage,
    form: true,
    stepUp: true,
    scope: z.object({ membershipId: z.string().max(64), grantId: z.string().max(64) }),
    input: z.object({ note: z.string().trim().min(3, "Give a reason (3 characters or more).").max(500) }),
  },
  async ({ viewer, scope, input }) => {
    await revokeServiceAccess(viewer, scope.grantId, input.note);
    return { ok: true, message: "Direct access revoked. Where it was the last source, their access there ended." };
  },
);

/** Ends a direct grant; the person's access there ends with it when it was the last source. */
export async function revokeServiceAccessAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return revoke(form);
}
