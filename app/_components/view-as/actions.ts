"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/action-client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { endViewAs } from "@/lib/auth/view-as";
import type { ActionResult } from "@/lib/action-result";

// The one action a view-as may call (`endsViewAs`): it only ever ends this session's own view-as.
const end = defineAction(
  { who: "user", form: true, endsViewAs: true, revalidateLayout: true },
  async ({ principal, sessionId }) => {
    // A stale banner (another tab ended it already): say so rather than send anyone anywhere.
    if (!principal.viewAs) return { ok: false, formError: "You are not viewing as anyone: there is nothing to end." };
    await endViewAs(sessionId, "ended", { ip: clientIpFrom(await headers()) });
    redirect("/admin");
  },
);

/** The banner's "End": back to the administrator's own view. */
export async function endViewAsAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return end(form);
}
