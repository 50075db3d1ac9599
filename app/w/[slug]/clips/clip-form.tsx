"use client";

// The clips editor's form (issue 21): the SQL, Run (the result appears below the form: the action
// sends the browser to the run's page), and saving it as a shared clip with a name and a
// description. One form, two server actions: Run is the form's action, Save the button's own
// formAction, so both work without JavaScript; with it the submit goes through the action of the
// button pressed and everything typed stays. The schema sits beside the editor on a wide screen
// and below it on a phone.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import type { ClipDone } from "./actions";
import type { ClipsView } from "@/lib/clips/types";
import { MAX_CLIP_DESCRIPTION, MAX_CLIP_NAME } from "@/lib/schemas/clips";
import { fieldError, TextareaField, TextField } from "@/app/_components/form-field";
import { ActionErrorSummary } from "@/app/_components/error-summary";
import { ActionOutcome } from "@/app/_components/form-alert";
import { Spinner, SubmitButton } from "@/app/_components/submit-button";
import { useFormAction, type FormAction } from "@/app/_components/use-form-action";
import { SchemaPanel } from "./schema-panel";
import { SqlEditor, type Insert } from "./sql-editor";

type Props = {
  runAction: FormAction<ActionResult<ClipDone>>;
  saveAction: FormAction<ActionResult<ClipDone>> | null;
  views: ClipsView[];
  /** Hidden fields: the slug, and the saved clip's id on its own page. */
  hidden: Record<string, string>;
  sql: string;
  /** A saved clip's name and description (its page), or empty for a new one. */
  saved?: { name: string; description: string };
  timeoutSeconds: number;
};

export function ClipForm({ runAction, saveAction, views, hidden, sql: initial, saved, timeoutSeconds }: Props) {
  const run = useFormAction(runAction, { keep: true });
  const save = useFormAction(saveAction ?? runAction, { keep: true });
  const [last, setLast] = useState<"run" | "save">("run");
  const [sql, setSql] = useState(initial);
  const [name, setName] = useState(saved?.name ?? "");
  const [description, setDescription] = useState(saved?.description ?? "");
  const insert = useRef<Insert | null>(null);
  const id = useId();
  const state = last === "save" ? save.state : run.state;
  /** A saved clip's field: its id, the name it posts as and the save's message for it. */
  const saveField = (f: "name" | "description") => ({
    id: `${id}-${f}`,
    name: f,
    error: fieldError(save.state, f),
  });
  const pending = run.pending || save.pending;
  // A run that worked shows its result, a new clip its page: at once with JavaScript (the link in
  // the outcome is for a submit without it). A saved change stays on the page.
  const router = useRouter();
  const goTo = (last === "save" && !saved) || last === "run" ? doneHref(state) : null;
  useEffect(() => {
    if (goTo) router.push(goTo, { scroll: last === "run" ? false : true });
  }, [goTo, last, router]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const which = submitter?.dataset.intent === "save" && saveAction ? "save" : "run";
    setLast(which);
    (which === "save" ? save : run).form.onSubmit(e);
  };
  return (
    <form action={run.form.action} onSubmit={onSubmit} aria-label="Clip" className="space-y-4">
      <ActionErrorSummary state={state} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-3">
          <SqlEditor value={sql} onChange={setSql} views={views} error={fieldError(state, "sql")} insertRef={insert} />
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton pending={run.pending} pendingLabel="Running…" disabled={pending}>
              Run
            </SubmitButton>
            <p aria-live="polite" className="text-sm text-slate-600">
              {run.pending && (
                <span className="inline-flex items-center gap-2">
                  <span className="text-brand-700">
                    <Spinner />
                  </span>
                  Running your query — at most {timeoutSeconds} seconds.
                </span>
              )}
            </p>
          </div>
          {last === "run" && <Outcome state={run.state} link="Show the result" />}
          {saveAction && (
            <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <legend className="px-1 text-sm font-semibold">{saved ? "This clip" : "Save as a clip"}</legend>
              <p className="text-xs text-slate-500">
                Saved clips are shared with everyone here who may use clips, with your name as the author.
              </p>
              <TextField
                {...saveField("name")}
                label="Name"
                maxLength={MAX_CLIP_NAME}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
              <TextareaField
                {...saveField("description")}
                label="Description (optional)"
                rows={2}
                maxLength={MAX_CLIP_DESCRIPTION}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
              <button
                type="submit"
                data-intent="save"
                formAction={save.form.action}
                disabled={pending}
                aria-busy={save.pending}
                className="inline-flex items-center gap-2 rounded-md border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
              >
                {save.pending ? "Saving…" : saved ? "Save changes" : "Save clip"}
              </button>
              {last === "save" && <Outcome state={save.state} link={saved ? null : "Open the saved clip"} />}
            </fieldset>
          )}
        </div>
        <div className="min-w-0">
          <SchemaPanel views={views} insert={(t) => insert.current?.(t)} />
        </div>
      </div>
    </form>
  );
}

const doneHref = (state: ActionResult<ClipDone> | null) => (state?.ok ? (state.data?.href ?? null) : null);

/** The action's outcome, with a link to where a success leads (followed at once when JavaScript runs). */
function Outcome({ state, link }: { state: ActionResult<ClipDone> | null; link: string | null }) {
  const href = doneHref(state);
  return (
    <>
      <ActionOutcome state={state} />
      {href && link && (
        <p className="text-sm">
          <Link href={href} className="text-brand-700 underline">
            {link}
          </Link>
        </p>
      )}
    </>
  );
}
