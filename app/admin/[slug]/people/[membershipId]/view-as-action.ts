"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/action-client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { startViewAs } from "@/lib/auth/view-as";
import type { ActionResult } from "@/lib/action-result";
import { personPage } from "./person-page";

const start = defineAction(
  // Seeing what someone else sees is privileged: a recent authentication first (lib/auth/step-up.ts).
  { ...personPage, form: true, stepUp: true, revalidateLayout: true },
  async ({ viewer, muni, scope, sessionId }) => {
    await startViewAs(viewer, sessionId, muni.id, scope.membershipId, { ip: clientIpFrom(await headers()) });
    redirect(`/w/${muni.slug}`);
  },
);

/** "View as": a read-only view of the workspace as this person (lib/auth/view-as.ts re-checks every rule). */
export async function startViewAsAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return start(form);
}
