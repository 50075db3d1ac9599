"use server";

// Staff record a report on a citizen's behalf (phone, counter). Identity from the session, the
// municipality from the slug through the person's own workspace; lib/data checks the create
// rule on the new row (an operator only in their allowed categories) and on every field.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { workspaceFor } from "@/lib/data/workspace";
import { submitServiceRequest } from "@/lib/data/service-requests";
import { serviceRequestSubmission } from "@/lib/schemas/service-request";
import { failure, type ActionResult } from "@/lib/action-result";

const envelope = z.object({ slug: z.string().max(64), values: z.record(z.string(), z.unknown()) });

export async function createServiceRequestAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const { staffViewer: viewer } = await requireUser();
  const env = envelope.safeParse(raw);
  if (!env.success) return { ok: false, formError: "The form was incomplete; reload the page." };
  try {
    const ws = await workspaceFor(viewer, env.data.slug);
    const parsed = serviceRequestSubmission.safeParse({ ...env.data.values, municipalityId: ws.municipality.id });
    if (!parsed.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
    const created = await submitServiceRequest(viewer, parsed.data);
    revalidatePath(`/w/${env.data.slug}/requests`);
    return { ok: true, message: `Recorded as ${created.reference ?? "a new request"}.`, data: { id: created.id } };
  } catch (err) {
    return failure(err);
  }
}
