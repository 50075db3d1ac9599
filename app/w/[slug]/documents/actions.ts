"use server";

// Thin actions (see heritage/actions.ts): session identity, municipality from the slug through
// the person's own workspace, zod, then lib/data, which checks the ability per record and field.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-session";
import { workspaceFor } from "@/lib/data/workspace";
import { archiveDocument, createDocument, updateDocument } from "@/lib/data/documents";
import { documentForm } from "@/lib/schemas/records";
import { failure, type ActionResult } from "@/lib/action-result";
import { isForm } from "@/lib/security/action-input";
import { NOT_A_FORM } from "@/lib/action-result";

const envelope = z.object({ slug: z.string().max(64), id: z.string().min(1).max(64).optional(), expectedUpdatedAt: z.iso.datetime().optional(), values: z.unknown() });

export async function updateDocumentAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const { staffViewer: viewer } = await requireUser();
  const env = envelope.safeParse(raw);
  if (!env.success || !env.data.id) return { ok: false, formError: "The form was incomplete; reload the page." };
  const values = documentForm.safeParse(env.data.values);
  if (!values.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(values.error).fieldErrors };
  try {
    await workspaceFor(viewer, env.data.slug);
    await updateDocument(viewer, env.data.id, values.data, env.data.expectedUpdatedAt ? new Date(env.data.expectedUpdatedAt) : undefined);
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/w/${env.data.slug}/documents`);
  return { ok: true, message: "Saved.", data: { id: env.data.id } };
}

export async function createDocumentAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const { staffViewer: viewer } = await requireUser();
  const env = envelope.safeParse(raw);
  if (!env.success) return { ok: false, formError: "The form was incomplete; reload the page." };
  const values = documentForm.safeParse(env.data.values);
  if (!values.success) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: z.flattenError(values.error).fieldErrors };
  const { kind, visibility, title, ...rest } = values.data;
  if (!kind || !visibility || !title) return { ok: false, formError: "Please correct the marked fields.", fieldErrors: { ...(!kind ? { kind: ["Choose a kind."] } : {}), ...(!visibility ? { visibility: ["Choose who may see it."] } : {}), ...(!title ? { title: ["Give a title."] } : {}) } };
  try {
    const ws = await workspaceFor(viewer, env.data.slug);
    const created = await createDocument(viewer, { ...rest, kind, visibility, title, municipalityId: ws.municipality.id });
    revalidatePath(`/w/${env.data.slug}/documents`);
    return { ok: true, message: "Created.", data: { id: created.id } };
  } catch (err) {
    return failure(err);
  }
}

const archiveInput = z.object({ slug: z.string().max(64), id: z.string().min(1).max(64) });

/** useActionState shape, for the one-button ActionForm. */
export async function archiveDocumentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { staffViewer: viewer } = await requireUser();
  if (!isForm(form)) return NOT_A_FORM;
  const input = archiveInput.safeParse({ slug: form.get("slug"), id: form.get("id") });
  if (!input.success) return { ok: false, formError: "The form was incomplete; reload the page." };
  try {
    await workspaceFor(viewer, input.data.slug);
    await archiveDocument(viewer, input.data.id);
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/w/${input.data.slug}/documents`);
  return { ok: true, message: "Archived: it no longer appears in the lists." };
}
