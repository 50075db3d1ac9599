// Bulk changes on the workspace list (issue 18): one status, or one assignee, for several
// requests at once. Each row goes through the normal update path (./record-store.ts: the
// viewer's ability on the row and the field, the assignee and tag checks, the audit event and the
// timeline entry), one after the other, so the rules hold per row exactly as on the request
// page; the report says per row what changed, what already was so, and what was refused and why.
import "server-only";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { fieldLabel } from "@/lib/records/labels";
import { subjectOf } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/identity/viewer";
import { recordsOf, type TimelineOptions } from "./record-store";

/** At most one page of the list. */
export const BULK_MAX = 100;

export type BulkChange = { status: string } | { assigneeId: string | null };
export type BulkRow = {
  id: string;
  /** The reference people see; null for a row the viewer may not read ("not found"). */
  reference: string | null;
  outcome: "changed" | "unchanged" | "refused";
  reason?: string;
};

const requests = recordsOf("ServiceRequest");

/** Which bulk changes to offer on a page of rows: those the viewer may make on at least one of them. */
export function bulkReach(viewer: Viewer, rows: readonly Record<string, unknown>[]) {
  const may = (field: string) => rows.some((r) => viewer.ability.can("update", subjectOf("ServiceRequest", r), field));
  return { status: may("status"), assign: may("assigneeId") };
}

export async function bulkUpdateRequests(
  viewer: Viewer,
  municipalityId: string,
  ids: readonly string[],
  change: BulkChange,
  /** The timeline options of the flow (its followers' mails); lib/data writes the entries either way. */
  timeline?: TimelineOptions,
): Promise<BulkRow[]> {
  const [field, value] = Object.entries(change)[0] as [string, unknown];
  const out: BulkRow[] = [];
  for (const id of [...new Set(ids)].slice(0, BULK_MAX)) {
    let reference: string | null = null;
    try {
      const { record, can } = await requests.detail(viewer, id, municipalityId);
      reference = typeof record.reference === "string" ? record.reference : null;
      // Refused before anything else where the field is not the viewer's to change ("already so" would hide it).
      if (!can.editableFields.includes(field)) throw new ForbiddenError();
      if (field in record && (record as Record<string, unknown>)[field] === value) {
        out.push({ id, reference, outcome: "unchanged" });
        continue;
      }
      await requests.update(viewer, id, change, undefined, { municipalityId }, timeline);
      out.push({ id, reference, outcome: "changed" });
    } catch (err) {
      // Typed refusals are said in their own words; anything else is a fault, not a refusal.
      if (!(err instanceof AppError)) throw err;
      const reason =
        err instanceof NotFoundError
          ? "Not found: it is not a request you may see here."
          : err instanceof ForbiddenError
            ? `You may not change the ${fieldLabel(field, "ServiceRequest").toLowerCase()} of this request.`
            : (Object.values((err as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {})[0]?.[0] ??
              err.message);
      out.push({ id, reference, outcome: "refused", reason });
    }
  }
  return out;
}
