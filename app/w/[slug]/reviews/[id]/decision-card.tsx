"use client";

// One person to review (issue 20): what they hold and how it changed, as it was when the campaign
// started, and the reviewer's three answers — Confirm, Change (untick the groups to remove) and
// Revoke, which asks first — with an optional note. The form keeps what was typed after a refusal;
// after a decision the page shows the card as decided, and the answer is announced (./flash).
import { useEffect, useId, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextareaField } from "@/app/_components/form-field";
import { ActionOutcome } from "@/app/_components/form-alert";
import { KeptForm } from "@/app/_components/kept-form";
import { useFormAction } from "@/app/_components/use-form-action";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { flash } from "@/app/_components/flash";
import { Badge } from "@/app/_components/badge";
import { decideReviewItemAction } from "../actions";

type Group = { name: string; label: string; privileged: boolean; deprecated: string | null };

export type CardItem = {
  id: string;
  reviewId: string;
  person: string;
  email: string;
  department: string | null;
  groups: Group[];
  otherGroups: Group[];
  directGrants: string[];
  services: string[];
  lastSignIn: string;
  changesSince: string;
  changes: string[];
  moreChanges: boolean;
  canDecide: boolean;
  decided: { outcome: string; label: string; kept: string[]; note: string | null; when: string } | null;
};

function Marks({ g }: { g: Group }) {
  return (
    <>
      {g.privileged && <Badge tone="info">Privileged</Badge>}
      {g.deprecated && (
        <span title={g.deprecated}>
          <Badge tone="warn">Deprecated</Badge>
          <span className="ml-1 text-xs text-amber-900">{g.deprecated}</span>
        </span>
      )}
    </>
  );
}

function Facts({ item }: { item: CardItem }) {
  const list = (xs: string[], none: string) =>
    xs.length ? (
      <ul className="list-disc space-y-0.5 pl-5">
        {xs.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
    ) : (
      <p className="text-slate-600">{none}</p>
    );
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {item.otherGroups.length > 0 && (
        <>
          <dt className="font-medium">Other groups (not in this review)</dt>
          <dd className="flex flex-wrap gap-2">
            {item.otherGroups.map((g) => (
              <span key={g.name} className="flex flex-wrap items-center gap-1">
                {g.label} <Marks g={g} />
              </span>
            ))}
          </dd>
        </>
      )}
      <dt className="font-medium">Granted directly</dt>
      <dd>{list(item.directGrants, "Nothing granted directly")}</dd>
      <dt className="font-medium">Services they can use</dt>
      <dd>{list(item.services, "None")}</dd>
      <dt className="font-medium">Last sign-in</dt>
      <dd>{item.lastSignIn}</dd>
      <dt className="font-medium">Changes since {item.changesSince}</dt>
      <dd>
        {list(item.changes, "No change")}
        {item.moreChanges && <p className="text-xs text-slate-600">More changes are in their history.</p>}
      </dd>
    </dl>
  );
}

export function DecisionCard({ slug, item }: { slug: string; item: CardItem }) {
  const id = useId();
  const h = `${id}-h`;
  return (
    <section aria-labelledby={h} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <header>
        <h2 id={h} className="font-semibold">
          {item.person}
        </h2>
        <p className="break-all text-sm text-slate-600">
          {item.email}
          {item.department ? ` · ${item.department}` : ""}
        </p>
      </header>
      <Facts item={item} />
      {item.decided ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p>
            <span className="font-medium">Decision:</span> {item.decided.label}
            {item.decided.outcome === "CHANGED" && ` (kept: ${item.decided.kept.join(", ") || "none"})`}
          </p>
          <p className="text-slate-600">{item.decided.when}</p>
          {item.decided.note && <p>Note: {item.decided.note}</p>}
        </div>
      ) : item.canDecide ? (
        <DecisionForm slug={slug} item={item} />
      ) : (
        <p className="text-sm text-slate-600">This person is not yours to decide on any more.</p>
      )}
    </section>
  );
}

function DecisionForm({ slug, item }: { slug: string; item: CardItem }) {
  const { state, form, pending } = useFormAction<ActionResult>(decideReviewItemAction);
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const revoke = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  useEffect(() => {
    if (state?.ok && state.message) flash(`${item.person}: ${state.message}`);
  }, [state, item.person]);
  // Revoke asks first (with JavaScript); Confirm and Change go straight through.
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value !== "REVOKE" || confirmed.current || !dialog.current?.showModal) {
      confirmed.current = false;
      return;
    }
    e.preventDefault();
    dialog.current.showModal();
  };
  const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60";
  const keptError = fieldError(state, "keptGroups");
  return (
    <KeptForm
      form={form}
      state={state}
      onSubmit={onSubmit}
      className="space-y-3"
      aria-label={`Decide on ${item.person}`}
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="id" value={item.id} />
      <input type="hidden" name="reviewId" value={item.reviewId} />
      <fieldset className="space-y-1" aria-describedby={keptError ? `${id}-kept-error` : `${id}-kept-hint`}>
        <legend className="text-sm font-medium">Groups under review — untick those to remove, then “Change”</legend>
        <p id={`${id}-kept-hint`} className="text-xs text-slate-600">
          “Confirm” keeps them all; “Revoke” removes them all.
        </p>
        {item.groups.map((g) => (
          <label key={g.name} className="flex flex-wrap items-center gap-2 text-sm">
            <input type="checkbox" name="keptGroups" value={g.name} defaultChecked className="h-4 w-4" />
            <span className="font-medium">{g.label}</span>
            <Marks g={g} />
          </label>
        ))}
        {keptError && (
          <p id={`${id}-kept-error`} className="text-sm text-red-700">
            {keptError}
          </p>
        )}
      </fieldset>
      <TextareaField
        id={`${id}-note`}
        label="Note (optional, in the report)"
        name="note"
        rows={2}
        maxLength={1000}
        error={fieldError(state, "note")}
      />
      <div className="flex flex-wrap gap-2">
        <button name="decision" value="CONFIRM" disabled={pending} className={`${button} bg-brand-600 text-white`}>
          Confirm
        </button>
        <button
          name="decision"
          value="CHANGE"
          disabled={pending}
          className={`${button} border border-slate-300 bg-white text-slate-900`}
        >
          Change
        </button>
        <button
          ref={revoke}
          name="decision"
          value="REVOKE"
          disabled={pending}
          className={`${button} bg-red-700 text-white`}
        >
          Revoke
        </button>
        {pending && (
          <span role="status" className="self-center text-sm text-slate-600">
            Saving…
          </span>
        )}
      </div>
      <ConfirmDialog
        id={id}
        dialogRef={dialog}
        onConfirm={() => {
          confirmed.current = true;
          dialog.current?.close();
          revoke.current?.form?.requestSubmit(revoke.current);
        }}
        title={`Revoke ${item.person}'s access?`}
        confirmLabel="Revoke"
      >
        {`The groups under review (${item.groups.map((g) => g.label).join(", ")}) are removed at once, and their sessions in connected services end.`}
      </ConfirmDialog>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
