// The workspace's server actions per record type, for the generic pages to hand to their forms.
import type { RecordModel } from "@/lib/records";
import type { ActionResult } from "@/lib/action-result";
import type { RecordFormEnvelope } from "@/app/_components/record-form";
import {
  archiveDocumentAction,
  createDocumentAction,
  createHeritageSiteAction,
  createServiceRequestAction,
  updateDocumentAction,
  updateHeritageSiteAction,
  updateServiceRequestAction,
} from "@/app/w/[slug]/actions";

type FormAction = (envelope: RecordFormEnvelope) => Promise<ActionResult<{ id: string }>>;
type ButtonAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export const RECORD_ACTIONS: Record<RecordModel, { create: FormAction; update: FormAction; archive?: ButtonAction }> = {
  ServiceRequest: { create: createServiceRequestAction, update: updateServiceRequestAction },
  HeritageSite: { create: createHeritageSiteAction, update: updateHeritageSiteAction },
  Document: { create: createDocumentAction, update: updateDocumentAction, archive: archiveDocumentAction },
};
