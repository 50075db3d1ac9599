"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { explainForAdmin } from "@/lib/people/explain";
import type { ActionResult } from "@/lib/action-result";

const question = z.object({
  email: z.string().trim().email().max(200),
  action: z.string().max(20),
  subject: z.string().max(30),
  recordId: z.string().max(64).optional(),
});
type Answer = { text: string; allowed: boolean };

const explain = defineAction(
  { who: "admin", form: true, input: question, invalid: "Fill in a person's email, an action and a record type." },
  async ({ viewer, muni, input }) => ({
    ok: true,
    data: await explainForAdmin(viewer, muni.slug, input),
  }),
);
export async function explainAction(_: ActionResult<Answer> | null, form: FormData): Promise<ActionResult<Answer>> {
  return explain(form);
}
