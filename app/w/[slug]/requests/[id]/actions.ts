"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { updateServiceRequest } from "@/lib/data/service-requests";
import { serviceRequestUpdate } from "@/lib/schemas/service-request";
import { failure, type ActionResult } from "@/lib/action-result";

const envelope = z.object({ id: z.string().min(1).max(64), slug: z.string().max(64), expectedUpdatedAt: z.iso.datetime(), changes: z.unknown() });

export async function updateServiceRequestAction(raw: unknown): Promise<ActionResult> {
  const { staffViewer: viewer } = await requireUser();
  const env = envelope.safeParse(raw);
  if (!env.success) return { ok: false, formError: "The form was incomplete; reload the page." };
  const changes = serviceRequestUpdate.safeParse(env.data.changes);
  if (!changes.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(changes.error).fieldErrors };
  try {
    await updateServiceRequest(viewer, env.data.id, changes.data, new Date(env.data.expectedUpdatedAt));
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/w/${env.data.slug}/requests/${env.data.id}`);
  return { ok: true, message: "Saved." };
}
