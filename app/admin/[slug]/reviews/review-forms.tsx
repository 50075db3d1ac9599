"use client";

// The administration's access-review forms (issue 20): starting a campaign, a schedule (added or
// changed), closing a campaign now, switching a schedule off and reassigning one person. Each keeps
// what was typed after a refusal (KeptForm), names the offending field, and asks first where the
// step cannot be taken back (a dialog; without JavaScript the server's confirmation box holds).
import { useEffect, useId } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError, RadioGroup, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { KeptForm } from "@/app/_components/kept-form";
import { useFormAction } from "@/app/_components/use-form-action";
import { ConfirmDialog, useConfirmFirst } from "@/app/_components/confirm-dialog";
import {
  closeReviewAction,
  disableReviewScheduleAction,
  reassignReviewItemAction,
  saveReviewScheduleAction,
  startReviewAction,
} from "./actions";

export type Choice = { value: string; label: string };
type State = ActionResult<unknown> | null;

function Hidden({ fields }: { fields: Record<string, string> }) {
  return Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
}

/** Who is reviewed, and what happens to people nobody decided on: the fields both forms share. */
function WhoAndRule({
  id,
  state,
  groups,
  initial,
}: {
  id: string;
  state: State;
  groups: Choice[];
  initial?: { scope: string; group: string | null; undecidedRule: string };
}) {
  return (
    <>
      <RadioGroup
        id={`${id}-scope`}
        legend="Who is reviewed"
        name="scope"
        options={[
          ["PRIVILEGED", "People in privileged groups (administrators)"],
          ["GROUP", "People in one group"],
          ["ALL", "Everyone in the municipality"],
        ]}
        defaultValue={initial?.scope ?? "PRIVILEGED"}
        error={fieldError(state, "scope")}
      />
      <SelectField
        id={`${id}-group`}
        label="The group (only for “People in one group”)"
        name="group"
        defaultValue={initial?.group ?? ""}
        options={groups}
        error={fieldError(state, "group")}
      >
        <option value="">Choose a group</option>
      </SelectField>
      <RadioGroup
        id={`${id}-rule`}
        legend="If nobody decides on someone by the due date"
        name="undecidedRule"
        options={[
          ["KEEP", "Keep their access (the report says nobody decided)"],
          ["SUSPEND", "Suspend their membership until an admin reactivates it"],
        ]}
        defaultValue={initial?.undecidedRule ?? "KEEP"}
        error={fieldError(state, "undecidedRule")}
      />
    </>
  );
}

export function StartReviewForm({ slug, groups, defaultDue }: { slug: string; groups: Choice[]; defaultDue: string }) {
  const { state, form, pending } = useFormAction(startReviewAction, { keep: true });
  const router = useRouter();
  const id = useId();
  const href = state?.ok ? state.data?.href : undefined;
  useEffect(() => {
    if (href) router.push(href);
  }, [href, router]);
  return (
    <KeptForm form={form} state={state} className="space-y-4" aria-label="Start a review">
      <Hidden fields={{ slug }} />
      <TextField
        id={`${id}-name`}
        label="Name"
        name="name"
        required
        maxLength={120}
        hint="For example “Privileged access, first quarter”."
        error={fieldError(state, "name")}
      />
      <WhoAndRule id={id} state={state} groups={groups} />
      <TextField
        id={`${id}-due`}
        label="Due date"
        name="dueAt"
        type="date"
        required
        defaultValue={defaultDue}
        hint="Reviewers are reminded by mail until then."
        error={fieldError(state, "dueAt")}
      />
      <SubmitButton pending={pending} pendingLabel="Starting…">
        Start the review
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}

export function ScheduleForm({
  slug,
  groups,
  schedule,
  defaultFirst,
}: {
  slug: string;
  groups: Choice[];
  schedule?: {
    id: string;
    name: string;
    scope: string;
    group: string | null;
    everyMonths: number;
    dueDays: number;
    undecidedRule: string;
    nextRunAt: string;
  };
  defaultFirst: string;
}) {
  const { state, form, pending } = useFormAction(saveReviewScheduleAction, { keep: !!schedule });
  const id = useId();
  return (
    <KeptForm
      form={form}
      state={state}
      className="space-y-4"
      aria-label={schedule ? `Change the schedule ${schedule.name}` : "Add a schedule"}
    >
      <Hidden fields={{ slug, ...(schedule ? { id: schedule.id } : {}) }} />
      <TextField
        id={`${id}-name`}
        label="Name"
        name="name"
        required
        maxLength={120}
        defaultValue={schedule?.name}
        hint="For example “Privileged access, quarterly”."
        error={fieldError(state, "name")}
      />
      <WhoAndRule id={id} state={state} groups={groups} initial={schedule} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          id={`${id}-every`}
          label="Every (months)"
          name="everyMonths"
          type="number"
          min={1}
          max={36}
          required
          defaultValue={schedule?.everyMonths ?? 3}
          error={fieldError(state, "everyMonths")}
        />
        <TextField
          id={`${id}-days`}
          label="Days to decide"
          name="dueDays"
          type="number"
          min={1}
          max={90}
          required
          defaultValue={schedule?.dueDays ?? 14}
          error={fieldError(state, "dueDays")}
        />
        <TextField
          id={`${id}-first`}
          label={schedule ? "Next campaign" : "First campaign"}
          name="firstRunAt"
          type="date"
          required
          defaultValue={schedule?.nextRunAt ?? defaultFirst}
          error={fieldError(state, "firstRunAt")}
        />
      </div>
      <SubmitButton pending={pending} pendingLabel="Saving…">
        {schedule ? "Save the schedule" : "Add the schedule"}
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}

/**
 * A one-step change that cannot be taken back: the box to tick (checked on the server) and, with
 * JavaScript, a dialog that says what will happen.
 */
function ConfirmedStep({
  action,
  hidden,
  box,
  submitLabel,
  title,
  body,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  box: string;
  submitLabel: string;
  title: string;
  body: string;
}) {
  const { state, form, pending } = useFormAction<ActionResult>(action);
  const id = useId();
  const { asking, dialogRef, confirm } = useConfirmFirst();
  return (
    <KeptForm {...asking} form={form} state={state} className="space-y-2" aria-label={submitLabel}>
      <Hidden fields={hidden} />
      <CheckboxField id={`${id}-confirm`} name="confirm" value="yes" label={box} error={fieldError(state, "confirm")} />
      <SubmitButton pending={pending} pendingLabel="Working…" size="sm" tone="danger">
        {submitLabel}
      </SubmitButton>
      <ConfirmDialog id={id} dialogRef={dialogRef} onConfirm={confirm} title={title} confirmLabel={submitLabel}>
        {body}
      </ConfirmDialog>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}

export function CloseReviewForm({ slug, id, rule }: { slug: string; id: string; rule: string }) {
  return (
    <ConfirmedStep
      action={closeReviewAction}
      hidden={{ slug, id }}
      box={`Close this review now. People nobody decided on: ${rule.toLowerCase()}.`}
      submitLabel="Close now"
      title="Close this review now?"
      body={`Nobody can decide any more. People still undecided follow the campaign's rule (${rule.toLowerCase()}), and the report is signed.`}
    />
  );
}

export function DisableScheduleForm({ slug, id, name }: { slug: string; id: string; name: string }) {
  return (
    <ConfirmedStep
      action={disableReviewScheduleAction}
      hidden={{ slug, id }}
      box={`Switch off “${name}”: it starts no more reviews. Its past reviews stay.`}
      submitLabel="Switch off"
      title={`Switch off “${name}”?`}
      body="It starts no more reviews. Reviews it already started go on as they are."
    />
  );
}

export function ReassignForm({
  slug,
  reviewId,
  itemId,
  person,
  current,
  reviewers,
}: {
  slug: string;
  reviewId: string;
  itemId: string;
  person: string;
  current: string;
  reviewers: Choice[];
}) {
  const { state, form, pending } = useFormAction<ActionResult>(reassignReviewItemAction, { keep: true });
  const id = useId();
  return (
    <KeptForm form={form} state={state} className="flex flex-wrap items-end gap-2" aria-label={`Reassign ${person}`}>
      <Hidden fields={{ slug, reviewId, id: itemId }} />
      <SelectField
        id={`${id}-reviewer`}
        label={`Reviewer of ${person}`}
        name="reviewerId"
        defaultValue={current}
        options={reviewers}
        error={fieldError(state, "reviewerId")}
      />
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm">
        Reassign
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
