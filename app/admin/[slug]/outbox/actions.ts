"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { retryOutboxMessage } from "@/lib/people/outbox";
import type { ActionResult } from "@/lib/action-result";

const retry = defineAction(
  {
    who: "admin",
    form: true,
    scope: z.object({ slug: z.string().max(64), id: z.string().max(64) }),
    revalidate: ({ muni }) => `/admin/${muni.slug}/outbox`,
  },
  async ({ viewer, muni, scope }) => {
    await retryOutboxMessage(viewer, muni.id, scope.id);
    return { ok: true, message: "Queued to be sent now." };
  },
);

export async function retryOutboxMessageAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return retry(form);
}
