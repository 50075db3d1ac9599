"use server";

import { z } from "zod";
import { defineAction, formText } from "@/lib/actions/action-client";
import type { ActionResult } from "@/lib/action-result";
import { pastedFile, previewPolicyFiles, type PolicyPreview } from "@/lib/governance/policy-preview";

// Read-only (nothing is written), so no step-up; lib decides who may (the platform console gate)
// and names the offending file and rule when the proposed set does not load.
const uploads = z.union([z.instanceof(File), z.array(z.instanceof(File))]).optional();
const preview = defineAction(
  {
    who: "user",
    form: true,
    input: z.object({ files: uploads, pastedName: formText, pastedText: formText }),
  },
  async ({ viewer, input }) => {
    // An empty file input still posts one nameless, empty file.
    const chosen = [input.files ?? []].flat().filter((f) => f.name !== "" || f.size > 0);
    const pasted = input.pastedText.trim() ? [pastedFile(input.pastedName, input.pastedText)] : [];
    const result = await previewPolicyFiles(viewer, [...chosen, ...pasted]);
    return { ok: true, data: result };
  },
);
export async function previewPolicyChangeAction(
  _: ActionResult<PolicyPreview> | null,
  form: FormData,
): Promise<ActionResult<PolicyPreview>> {
  return preview(form);
}
