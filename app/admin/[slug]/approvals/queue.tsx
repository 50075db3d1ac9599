"use client";

// The approval queue: each request with its own Approve and Reject, and checkboxes (with select
// all) for "Approve selected" / "Reject selected", which ask first and then report per person.
import { useId, useState } from "react";
import { flushSync } from "react-dom";
import type { ActionResult } from "@/lib/action-result";
import type { BulkDecisionRow } from "@/lib/flows/approval";
import { ActionForm } from "@/app/_components/action-form";
import { ConfirmDialog, useConfirmFirst } from "@/app/_components/confirm-dialog";
import { fieldError, refusalMessage, TextField } from "@/app/_components/form-field";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";
import { FormResult } from "@/app/_components/form-alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { StatusBadge } from "@/app/_components/badge";
import { BulkReport, type BulkOutcomes } from "@/app/_components/bulk-report";
import { approveMembershipAction, decideMembershipsAction, rejectMembershipAction } from "./actions";

/** A waiting request as the queue shows it (plain fields; groups by their labels). */
export type QueueRow = { membershipId: string; name: string | null; email: string; groups: string; since: string };

const DECISIONS = [
  { value: "approve", verb: "Approve", pending: "Approving…", tone: "brand" },
  { value: "reject", verb: "Reject", pending: "Rejecting…", tone: "danger" },
] as const;
const OUTCOMES: BulkOutcomes<BulkDecisionRow["outcome"]> = {
  approved: { tone: "good", text: "Approved" },
  rejected: { tone: "bad", text: "Rejected" },
  refused: { tone: "warn", text: "Not decided" },
};

export function ApprovalQueue({ slug, rows }: { slug: string; rows: QueueRow[] }) {
  const id = useId();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [decision, setDecision] = useState<"approve" | "reject">("approve");
  const { state, form, pending } = useFormAction<ActionResult<{ rows: BulkDecisionRow[] }>>(decideMembershipsAction);
  const { formRef, dialogRef, askFirst, confirm } = useConfirmFirst();
  // Only requests still on the page count: a decided one leaves the queue when the page refreshes.
  const chosen = rows.filter((r) => selected.has(r.membershipId));
  const all = rows.length > 0 && chosen.length === rows.length;
  const toggle = (membershipId: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(membershipId);
      else next.delete(membershipId);
      return next;
    });
  const choose = (d: "approve" | "reject") => flushSync(() => setDecision(d));
  const verb = decision === "approve" ? "Approve" : "Reject";
  const people = `${chosen.length} ${chosen.length === 1 ? "person" : "people"}`;
  return (
    <div className="space-y-4">
      <KeptForm
        ref={formRef}
        form={form}
        state={state}
        onSubmit={askFirst}
        aria-label="Decide on the selected requests"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="decision" value={decision} />
        {chosen.map((r) => (
          <input key={r.membershipId} type="hidden" name="membershipIds" value={r.membershipId} />
        ))}
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((r) => r.membershipId) : []))}
          />
          Select all ({rows.length})
        </label>
        <TextField
          id={`${id}-reason`}
          name="reason"
          label="Reason for rejecting (sent to each person rejected)"
          maxLength={500}
          error={fieldError(state, "reason")}
        />
        <div className="flex flex-wrap gap-2">
          {DECISIONS.map((d) => (
            <span key={d.value} onClickCapture={() => choose(d.value)}>
              <SubmitButton
                pending={pending && decision === d.value}
                pendingLabel={d.pending}
                size="sm"
                tone={d.tone}
                disabled={chosen.length === 0}
              >
                {d.verb} selected ({chosen.length})
              </SubmitButton>
            </span>
          ))}
        </div>
        <ConfirmDialog
          id={id}
          dialogRef={dialogRef}
          onConfirm={confirm}
          title={`${verb} ${people}?`}
          confirmLabel={`${verb} ${people}`}
          tone={decision === "approve" ? "brand" : "danger"}
        >
          {decision === "approve"
            ? `Each gets the access of their groups at once and a welcome mail: ${chosen.map((r) => r.email).join(", ")}.`
            : `Each is told the reason you gave: ${chosen.map((r) => r.email).join(", ")}.`}
        </ConfirmDialog>
        <FormResult error={refusalMessage(state)} stepUp={!!state && !state.ok && state.stepUp}>
          {state?.ok && state.data && (
            <BulkReport
              message={state.message}
              caption="Result per person"
              noun="Person"
              outcomes={OUTCOMES}
              rows={state.data.rows.map((r) => ({ ...r, key: r.membershipId, name: r.email || "—" }))}
            />
          )}
        </FormResult>
      </KeptForm>
      <ul className="space-y-3" aria-label="Waiting for approval">
        {rows.map((p) => (
          <li
            key={p.membershipId}
            className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 [overflow-wrap:anywhere] md:grid-cols-3 [&>*]:min-w-0"
          >
            <div className="flex gap-3">
              <input
                type="checkbox"
                aria-label={`Select ${p.email}`}
                checked={selected.has(p.membershipId)}
                onChange={(e) => toggle(p.membershipId, e.target.checked)}
                className="mt-1"
              />
              <div className="min-w-0">
                <p className="break-all font-semibold">{p.name ?? p.email}</p>
                <p className="break-all text-sm text-slate-600">
                  {p.email} · {p.groups}
                </p>
                <p className="mt-1 text-sm">
                  <StatusBadge kind="membership" value="PENDING_APPROVAL" /> since {p.since}
                </p>
              </div>
            </div>
            <ActionForm
              action={approveMembershipAction}
              hidden={{ slug, membershipId: p.membershipId }}
              submitLabel={`Approve ${p.email}`}
            />
            <ActionForm
              action={rejectMembershipAction}
              hidden={{ slug, membershipId: p.membershipId }}
              submitLabel={`Reject ${p.email}`}
              tone="danger"
              reason={{ label: "Reason for rejecting" }}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
