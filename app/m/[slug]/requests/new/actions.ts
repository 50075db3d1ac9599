"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { submitPublicReport } from "@/lib/flows/public-submission";
import { RECORD_TYPES, writeSchema } from "@/lib/records";
import type { ActionResult } from "@/lib/action-result";

// The honeypot travels beside the report's fields (the report schema is strict about the rest).
const submission = writeSchema(RECORD_TYPES.ServiceRequest, "create").extend({ website: z.unknown().optional() });

const submit = defineAction(
  { who: "anonymous", input: submission, incomplete: "The form was empty." },
  async ({ viewer, input: { website, ...report } }) => {
    const result = await submitPublicReport(
      viewer,
      { ...report, website: typeof website === "string" ? website.slice(0, 200) : undefined },
      await clientIp(),
    );
    return { ok: true, data: result };
  },
);

export async function submitServiceRequestAction(raw: unknown): Promise<ActionResult<{ reference: string | null }>> {
  return submit(raw);
}
