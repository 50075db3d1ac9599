"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { followPublicRequest } from "@/lib/flows/request-tracking";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import { clientIp } from "@/lib/http/client-ip";
import { FOLLOW_ANSWER, followInput } from "@/lib/schemas/follow";
import type { ActionResult } from "@/lib/action-result";

const follow = defineAction(
  {
    who: "anonymous",
    scope: z.object({ slug: z.string().min(1).max(64), reference: z.string().min(1).max(40) }),
    input: followInput,
  },
  async ({ viewer, scope, input }) => {
    const m = await findMunicipalityBySlug(scope.slug);
    const r = m ? await followPublicRequest(viewer, m.id, scope.reference, input.email, await clientIp()) : null;
    if (r?.limited) return { ok: false, formError: "Too many requests from here. Please try again in an hour." };
    return { ok: true, message: FOLLOW_ANSWER };
  },
);

/** Anonymous by design: the answer is the same whatever happened; limited per address and per client. */
export async function followReportAction(target: unknown, values: unknown): Promise<ActionResult> {
  return follow(target, values);
}
