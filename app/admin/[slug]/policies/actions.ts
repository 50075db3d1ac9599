"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { explainForAdmin, type ExplainAnswer } from "@/lib/people/explain";
import type { ActionResult } from "@/lib/action-result";

const question = z.object({
  email: z.string().trim().email("Enter the person's email address.").max(200),
  action: z.string().max(20),
  subject: z.string().max(30),
  // A reference people see (RIV-00045, a site's name, a document's title), an id, or a pasted address.
  recordId: z.string().max(200).optional(),
});

const explain = defineAction(
  { who: "admin", form: true, input: question, invalid: "Fill in a person's email, an action and a record type." },
  async ({ viewer, muni, input }) => ({
    ok: true,
    data: await explainForAdmin(viewer, muni.slug, input),
  }),
);
export async function explainAction(
  _: ActionResult<ExplainAnswer> | null,
  form: FormData,
): Promise<ActionResult<ExplainAnswer>> {
  return explain(form);
}
