"use server";

import { z } from "zod";
import { defineAction, idField } from "@/lib/actions/action-client";
import type { ActionResult } from "@/lib/action-result";
import { resendServiceDelivery } from "@/lib/data/service-deliveries";
import { clientIp } from "@/lib/http/client-ip";
import { kickServiceDeliveries } from "@/lib/services/deliveries";

// "Send again now" on a connected service's delivery list (./delivery-list.tsx), on a
// municipality's console (slug) or the platform console (no slug). Who may is the policy's
// (update on ServiceDelivery), checked in lib/data; the queue is kicked after the change commits.
const resend = defineAction(
  {
    who: "user",
    form: true,
    scope: z.object({ id: idField(), serviceId: idField(), slug: z.string().max(64).default("") }),
    revalidate: ({ scope }) =>
      scope.slug ? `/admin/${scope.slug}/services/${scope.serviceId}` : `/platform/services/${scope.serviceId}`,
  },
  async ({ viewer, principal, scope }) => {
    await resendServiceDelivery(viewer, principal.userId, scope.id, await clientIp());
    kickServiceDeliveries();
    return { ok: true, message: "Queued: it is being sent again now." };
  },
);

export async function resendServiceDeliveryAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return resend(form);
}
