"use client";

// The explain form: person, action, record type and (optionally) a record by the reference people
// see. Its fields are controlled, and the submission is dispatched by hand so React does not reset
// the form after its action runs (a reset <select> would show its first option while the state
// still holds the chosen one): the question stays as asked after every answer or refusal. Without
// JavaScript the form posts to the same action. The answer is lib/policy/explain.ts's, as plain
// strings: the sentence, the rule(s) that decided with their file and index, and the fields.
import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { ExplainAnswer } from "@/lib/people/explain";
import type { FieldWhy } from "@/lib/policy/explain";
import { fieldError, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { explainAction } from "./actions";

type Choice = { value: string; label: string };

export function ExplainForm({ slug, actions, subjects }: { slug: string; actions: Choice[]; subjects: Choice[] }) {
  const [state, action, pending] = useActionState<ActionResult<ExplainAnswer> | null, FormData>(explainAction, null);
  const [asked, setAsked] = useState({
    email: "",
    action: actions[0]?.value ?? "read",
    subject: subjects[0]?.value ?? "",
    recordId: "",
  });
  const bind = (name: keyof typeof asked) => ({
    name,
    value: asked[name],
    onChange: (e: { target: { value: string } }) => setAsked((a) => ({ ...a, [name]: e.target.value })),
  });
  const keepFields = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  const cls = "w-full rounded-md border border-slate-300 px-3 py-1.5";
  return (
    <form action={action} onSubmit={keepFields} className="space-y-4" aria-label="Explain a decision">
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(12rem,2fr)_minmax(7rem,1fr)_minmax(11rem,1fr)_minmax(12rem,2fr)_auto] lg:items-end">
        <TextField
          id="ex-email"
          label="Person (email)"
          type="email"
          required
          autoComplete="off"
          className={cls}
          error={fieldError(state, "email")}
          {...bind("email")}
        />
        <SelectField id="ex-action" label="Action" className={cls} options={actions} {...bind("action")} />
        <SelectField id="ex-subject" label="Record type" className={cls} options={subjects} {...bind("subject")} />
        <TextField
          id="ex-id"
          label="Record (optional)"
          hint="A reference such as RIV-00045, a site's name or a document's title, or its id. Empty: the whole type."
          className={cls}
          error={fieldError(state, "recordId")}
          {...bind("recordId")}
        />
        <div>
          <SubmitButton pending={pending} pendingLabel="Checking…" size="sm">
            Explain
          </SubmitButton>
        </div>
      </div>
      <FormResult error={state && !state.ok ? state.formError : null}>
        {state?.ok && state.data && <Answer answer={state.data} />}
      </FormResult>
    </form>
  );
}

function Answer({ answer }: { answer: ExplainAnswer }) {
  const f = answer.fields;
  return (
    <div className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4">
      <p role="status" className={`font-medium ${answer.allowed ? "text-green-800" : "text-red-800"}`}>
        {answer.text}
      </p>
      {answer.note && <p className="text-slate-700">{answer.note}</p>}
      {answer.decidedBy.length > 0 && (
        <div>
          <h3 className="font-semibold">
            {answer.decidedBy.length > 1 ? "The rules that decide" : "The rule that decided"}
          </h3>
          <ul className="mt-1 space-y-2">
            {answer.decidedBy.map((r) => (
              <li key={r.origin}>
                <span className="text-slate-600">{r.role} </span>
                <span className="font-medium">{r.group}</span>
                {r.via && <span className="text-slate-600"> (through {r.via})</span>}: {r.reason}
                <details className="text-slate-600">
                  <summary className="cursor-pointer">Where it is written</summary>
                  <p className="break-all">{r.details}</p>
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
      {f.allWithheld ? (
        <p>
          <span className="font-semibold">{f.withheldTitle}:</span> all — {f.allWithheld}
        </p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <FieldList title={f.grantedTitle} items={f.granted} empty="None." />
          <FieldList title={f.withheldTitle} items={f.withheld} empty="None: every field." />
        </div>
      )}
    </div>
  );
}

function FieldList({ title, items, empty }: { title: string; items: FieldWhy[]; empty: string }) {
  return (
    <section aria-label={title}>
      <h3 className="font-semibold">
        {title} ({items.length})
      </h3>
      {items.length ? (
        <ul className="mt-1 space-y-1">
          {items.map((i) => (
            <li key={i.field}>
              <span className="font-medium">{i.label}</span> <span className="text-slate-600">— {i.why}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-600">{empty}</p>
      )}
    </section>
  );
}
