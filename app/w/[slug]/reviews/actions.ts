"use server";

// A reviewer's decision on one person (issue 20), from the reviewer's campaign page in the
// workspace: lib/flows/access-reviews.ts applies it at once through the group-change path (access
// ends everywhere), audits it, and refuses what is not theirs to decide (another reviewer's item,
// their own access, a closed campaign) as "not found" or with the field named.
import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import { decideReviewItem } from "@/lib/flows/access-reviews";
import type { ReviewDecisionForm } from "@/lib/schemas/access-reviews";
import type { ActionResult } from "@/lib/action-result";

const WORDS: Record<string, string> = {
  CONFIRMED: "Confirmed: their access stays.",
  CHANGED: "Saved: the groups you unticked are removed.",
  REVOKED: "Revoked: the reviewed groups are removed.",
  MOOT: "This person is no longer active here: there was nothing to decide.",
};

const decide = defineAction(
  {
    who: "workspace",
    form: true,
    scope: z.object({ id: idField(), reviewId: idField() }),
    // As posted; the flow parses it with reviewDecisionInput (lib/schemas/access-reviews.ts) and names the field it refuses.
    input: z.object({ decision: formText, keptGroups: formList, note: formText }),
    revalidate: ({ ws, scope }) => [
      `/w/${ws.municipality.slug}/reviews`,
      `/w/${ws.municipality.slug}/reviews/${scope.reviewId}`,
    ],
  },
  async ({ viewer, scope, input }) => {
    const { outcome } = await decideReviewItem(viewer, scope.id, input as ReviewDecisionForm);
    return { ok: true, message: WORDS[outcome] ?? "Saved." };
  },
);

export async function decideReviewItemAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return decide(form);
}
