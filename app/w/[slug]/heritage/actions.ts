"use server";

// Thin actions: identity from the session (never from the form), the municipality from the
// slug through the person's own workspace, zod on the input, then lib/data, which checks the
// ability on the record and on every field it writes.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { workspaceFor } from "@/lib/data/workspace";
import { createHeritageSite, updateHeritageSite } from "@/lib/data/heritage-sites";
import { heritageSiteForm } from "@/lib/schemas/records";
import { failure, type ActionResult } from "@/lib/action-result";

const envelope = z.object({ slug: z.string().max(64), id: z.string().min(1).max(64).optional(), expectedUpdatedAt: z.iso.datetime().optional(), values: z.unknown() });

export async function updateHeritageSiteAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const { staffViewer: viewer } = await requireUser();
  const env = envelope.safeParse(raw);
  if (!env.success || !env.data.id) return { ok: false, formError: "The form was incomplete; reload the page." };
  const values = heritageSiteForm.safeParse(env.data.values);
  if (!values.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(values.error).fieldErrors };
  const { kind: _kind, latitude: _lat, longitude: _lng, ...changes } = values.data;
  try {
    await workspaceFor(viewer, env.data.slug);
    await updateHeritageSite(viewer, env.data.id, changes, env.data.expectedUpdatedAt ? new Date(env.data.expectedUpdatedAt) : undefined);
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/w/${env.data.slug}/heritage`);
  return { ok: true, message: "Saved.", data: { id: env.data.id } };
}

export async function createHeritageSiteAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const { staffViewer: viewer } = await requireUser();
  const env = envelope.safeParse(raw);
  if (!env.success) return { ok: false, formError: "The form was incomplete; reload the page." };
  const values = heritageSiteForm.safeParse(env.data.values);
  if (!values.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(values.error).fieldErrors };
  const { kind, name, district, ...rest } = values.data;
  if (!kind || !name || !district) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: { ...(!kind ? { kind: ["Choose a kind."] } : {}), ...(!name ? { name: ["Give a name."] } : {}), ...(!district ? { district: ["Name the district."] } : {}) } };
  try {
    const ws = await workspaceFor(viewer, env.data.slug);
    const created = await createHeritageSite(viewer, { ...rest, kind, name, district, municipalityId: ws.municipality.id });
    revalidatePath(`/w/${env.data.slug}/heritage`);
    return { ok: true, message: "Created.", data: { id: created.id } };
  } catch (err) {
    return failure(err);
  }
}
