"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { clientIp } from "@/lib/http/client-ip";
import { submitPublicReport } from "@/lib/flows/public-submission";
import { RECORD_TYPES, writeSchema } from "@/lib/records";
import type { ActionResult } from "@/lib/action-result";
import type { SubmittedReport } from "@/lib/flows/public-submission";
import { photoUploads, uploadedBytes } from "@/lib/photos/upload";

// The honeypot and the tracking opt-in travel beside the report's fields (the report schema is
// strict about the rest). Photos travel with it too, as a FormData of files (lib/photos/upload.ts).
const submission = writeSchema(RECORD_TYPES.ServiceRequest, "create").extend({
  website: z.unknown().optional(),
  followUpdates: z.boolean().optional(),
  photos: photoUploads.optional(),
});

const submit = defineAction(
  { who: "anonymous", input: submission, incomplete: "The form was empty." },
  async ({ viewer, input: { website, followUpdates, photos, ...report } }) => {
    const result = await submitPublicReport(
      viewer,
      {
        ...report,
        followUpdates: followUpdates === true,
        website: typeof website === "string" ? website.slice(0, 200) : undefined,
      },
      await clientIp(),
      await uploadedBytes(photos),
    );
    return { ok: true, data: result };
  },
);

export async function submitServiceRequestAction(raw: unknown): Promise<ActionResult<SubmittedReport>> {
  return submit(raw);
}
