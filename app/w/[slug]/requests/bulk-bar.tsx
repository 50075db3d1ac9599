// The bulk change above the request list: for someone who may change the status or the assignee
// of at least one request on the page. The choices are plain words (statuses by label, people by
// name); lib/data decides again per row when the form is sent.
import { ServiceRequestStatus } from "@/lib/schemas/enums";
import { bulkReach } from "@/lib/data/request-bulk";
import { label } from "@/lib/records/labels";
import type { ListBulk, ListBulkProps } from "@/app/_components/records/list-page";
import { BulkRequestForm } from "./bulk-form";

function RequestBulkBar({ slug, viewer, formId, rows, choices }: ListBulkProps) {
  const { status: canStatus, assign: canAssign } = bulkReach(viewer, rows);
  if (!canStatus && !canAssign) return null;
  const me = viewer.principal.kind === "user" ? viewer.principal.userId : "";
  const people = (choices.assignees ?? [])
    .filter(([v]) => v !== "none")
    .map(([v, l]): [string, string] => (v === "me" ? [me, "Me"] : [v, l]));
  return (
    <BulkRequestForm
      formId={formId}
      slug={slug}
      statuses={canStatus ? Object.values(ServiceRequestStatus).map((s): [string, string] => [s, label(s)]) : []}
      people={canAssign ? people : null}
      references={Object.fromEntries(rows.map((r) => [String(r.id), String(r.reference ?? "a request")]))}
    />
  );
}

export const REQUEST_BULK: ListBulk = { formId: "bulk-requests", Bar: RequestBulkBar };
