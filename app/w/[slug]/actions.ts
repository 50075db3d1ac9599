"use server";

// The workspace's record actions, one create and one update per record type (and archive where
// the type archives), under the names the forms and the security suites know. Each is the
// generic action of lib/actions/record-actions.ts: identity, workspace, schema, lib/data.
import { recordActions, type RecordFormResult } from "@/lib/actions/record-actions";
import type { ActionResult } from "@/lib/action-result";

const requests = recordActions("ServiceRequest");
const heritage = recordActions("HeritageSite");
const documents = recordActions("Document");

export async function createServiceRequestAction(raw: unknown): RecordFormResult {
  return requests.create(raw);
}
export async function updateServiceRequestAction(raw: unknown): RecordFormResult {
  return requests.update(raw);
}

export async function createHeritageSiteAction(raw: unknown): RecordFormResult {
  return heritage.create(raw);
}
export async function updateHeritageSiteAction(raw: unknown): RecordFormResult {
  return heritage.update(raw);
}

export async function createDocumentAction(raw: unknown): RecordFormResult {
  return documents.create(raw);
}
export async function updateDocumentAction(raw: unknown): RecordFormResult {
  return documents.update(raw);
}
/** useActionState shape, for the one-button ActionForm. */
export async function archiveDocumentAction(prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return documents.archive(prev, form);
}
