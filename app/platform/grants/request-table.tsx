import { groupInfo, groupLabel } from "@/lib/policy/summary";
import Link from "next/link";
import type { GrantRequestRow } from "@/lib/data/platform-people";
import { SimpleTable } from "@/app/_components/simple-table";
import { ConfirmActionForm, type ConfirmStep } from "@/app/_components/confirm-action-form";
import { approvePlatformGrantAction, cancelPlatformGrantAction, rejectPlatformGrantAction } from "../actions";
import { StatusBadge } from "@/app/_components/badge";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** What the viewer may do with a request (lib/data says; the flow checks again). */
function stepsFor(r: GrantRequestRow): ConfirmStep[] {
  const gets = `${r.person.name} ${r.change === "GRANT" ? "gets" : "loses"} ${groupLabel(r.group)} at their next click.`;
  const decide: ConfirmStep[] = [
    {
      action: approvePlatformGrantAction,
      submitLabel: "Approve",
      pendingLabel: "Approving…",
      note: { label: "Note (optional)" },
      title: "Approve this change?",
      body: gets,
    },
    {
      action: rejectPlatformGrantAction,
      submitLabel: "Reject",
      pendingLabel: "Rejecting…",
      tone: "danger",
      title: "Reject this change?",
      body: "Nothing changes for the person; the proposal is closed.",
    },
  ];
  const cancel: ConfirmStep = {
    action: cancelPlatformGrantAction,
    submitLabel: "Cancel proposal",
    pendingLabel: "Cancelling…",
    title: "Cancel your proposal?",
    body: "It is closed without any change.",
  };
  return [...(r.canDecide ? decide : []), ...(r.canCancel ? [cancel] : [])];
}

/** Platform group change requests with what the viewer may do on each. */
export function GrantRequestTable({ caption, rows }: { caption: string; rows: GrantRequestRow[] }) {
  return (
    <SimpleTable caption={caption} headers={["Change", "Reason", "Proposed", "Status", { srOnly: "Actions" }]}>
      {rows.map((r) => (
        <tr key={r.id} className="border-t border-slate-100 align-top">
          <td className="min-w-56 px-3 py-2">
            {r.change === "GRANT" ? "Give" : "Remove"}{" "}
            <strong title={groupInfo([r.group])[0]?.description}>{groupLabel(r.group)}</strong>{" "}
            {r.change === "GRANT" ? "to" : "from"}{" "}
            <Link href={`/platform/people/${r.person.id}`} className="text-brand-700 underline">
              {r.person.name}
            </Link>
          </td>
          <td className="max-w-xs min-w-48 px-3 py-2">{r.reason}</td>
          <td className="px-3 py-2">
            by {r.proposedBy}
            <div className="text-xs text-slate-500">{when(r.proposedAt)}</div>
          </td>
          <td className="px-3 py-2">
            <StatusBadge kind="grant" value={r.status} />
            {r.decidedBy && <div className="text-xs text-slate-500">by {r.decidedBy}</div>}
            {r.decisionNote && <div className="text-xs text-slate-500">“{r.decisionNote}”</div>}
            {r.status === "PENDING" && !r.canDecide && !r.canCancel && (
              <div className="text-xs text-slate-500">another platform admin decides</div>
            )}
          </td>
          <td className="space-y-2 px-3 py-2">
            {stepsFor(r).map((step) => (
              <ConfirmActionForm key={step.submitLabel} hidden={{ requestId: r.id }} {...step} />
            ))}
          </td>
        </tr>
      ))}
    </SimpleTable>
  );
}
