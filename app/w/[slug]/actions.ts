"use server";

// The workspace's record actions, one create and one update per record type (and archive where
// the type archives), under the names the forms and the security suites know. Each is the
// generic action of lib/actions/record-actions.ts (identity, workspace, schema, lib/data),
// exported as it is: an action here adds nothing of its own.
import { recordActions } from "@/lib/actions/record-actions";

const requests = recordActions("ServiceRequest");
const heritage = recordActions("HeritageSite");
const documents = recordActions("Document");

export const createServiceRequestAction = requests.create;
export const updateServiceRequestAction = requests.update;

export const createHeritageSiteAction = heritage.create;
export const updateHeritageSiteAction = heritage.update;

export const createDocumentAction = documents.create;
export const updateDocumentAction = documents.update;
/** useActionState shape, for the one-button ActionForm. */
export const archiveDocumentAction = documents.archive;
