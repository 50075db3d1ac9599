"use server";

import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { checkForDuplicates } from "@/lib/flows/possible-duplicates";
import { duplicateQuerySchema, type MapMarker } from "@/lib/data/request-map";
import type { ActionResult } from "@/lib/action-result";

export type PossibleDuplicate = MapMarker & { metres: number };

const check = defineAction(
  { who: "anonymous", input: duplicateQuerySchema, incomplete: "Choose a category and place the pin first." },
  async ({ input }) => ({ ok: true, data: { duplicates: await checkForDuplicates(input, await clientIp()) } }),
);

/** Open public reports of the same category near the pin (the report form, before sending). */
export async function findPossibleDuplicatesAction(
  raw: unknown,
): Promise<ActionResult<{ duplicates: PossibleDuplicate[] }>> {
  return check(raw);
}
