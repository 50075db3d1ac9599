"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { followRequest, unfollowRequest } from "@/lib/data/citizen-reports";
import type { ActionResult } from "@/lib/action-result";

// Citizen accounts only: lib/data/citizen-reports.ts answers "not found" to anyone else, and to a
// request the citizen may not read.
const follow = defineAction(
  {
    who: "user",
    form: true,
    scope: z.object({ slug: z.string().max(64), reference: z.string().max(40) }),
    revalidate: ({ scope }) => ["/my", `/m/${scope.slug}/requests/${scope.reference}`],
  },
  async ({ viewer, scope }) => {
    const { reference } = await followRequest(viewer, scope.slug, scope.reference.trim());
    return { ok: true, message: `You follow ${reference}. It is listed under My reports.` };
  },
);

const unfollow = defineAction(
  {
    who: "user",
    form: true,
    scope: z.object({
      requestId: z.string().max(64),
      slug: z.string().max(64).optional(),
      reference: z.string().max(40).optional(),
    }),
    revalidate: ({ scope }) => [
      "/my",
      ...(scope.slug && scope.reference ? [`/m/${scope.slug}/requests/${scope.reference}`] : []),
    ],
  },
  async ({ viewer, scope }) => {
    await unfollowRequest(viewer, scope.requestId);
    return { ok: true, message: "You no longer follow this request." };
  },
);

export async function followRequestAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return follow(form);
}

export async function unfollowRequestAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return unfollow(form);
}
