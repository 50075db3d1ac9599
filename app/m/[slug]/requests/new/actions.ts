"use server";

import { z } from "zod";
import { getViewer } from "@/lib/auth/current-session";
import { clientIp } from "@/lib/http/client-ip";
import { submitPublicReport } from "@/lib/flows/public-submission";
import { serviceRequestSubmission } from "@/lib/schemas/service-request";
import { failure, type ActionResult } from "@/lib/action-result";

export async function submitServiceRequestAction(raw: unknown): Promise<ActionResult<{ reference: string | null }>> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { ok: false, formError: "The form was empty." };
  // The honeypot travels beside the report, not inside it (the report schema is strict).
  const { website, ...report } = raw as Record<string, unknown>;
  const parsed = serviceRequestSubmission.safeParse(report);
  if (!parsed.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    const result = await submitPublicReport(await getViewer(), { ...parsed.data, website: typeof website === "string" ? website.slice(0, 200) : undefined }, await clientIp());
    return { ok: true, data: result };
  } catch (err) {
    return failure(err);
  }
}
