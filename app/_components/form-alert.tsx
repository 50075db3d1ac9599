// Where a form says how its submission went, in a live region so screen readers announce it:
// FormAlert is the boxed error at the top of a form; FormResult the outcome below a form; FormDone
// the answer that replaces a form which has done its job (forgot password, ask to join). An
// action that answered `stepUp: true` gets the "confirm it's you" prompt instead (./step-up-prompt.tsx).
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { StepUpPrompt } from "./step-up-prompt";
import { refusalMessage } from "./form-field";

export function FormAlert({
  message,
  id,
  live = "assertive",
  stepUp = false,
}: {
  message: string | null | undefined;
  id?: string;
  live?: "polite" | "assertive";
  /** The action needs a fresh authentication first: the prompt with its link, not an error. */
  stepUp?: boolean;
}) {
  return (
    <div aria-live={live}>
      {stepUp ? (
        <StepUpPrompt message={message} id={id} />
      ) : (
        message && (
          <p id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {message}
          </p>
        )
      )}
    </div>
  );
}

/**
 * Success (role="status" unless `quietSuccess`) or failure (role="alert") below a form; `children`
 * stand for a richer success (a new token, a report table).
 */
export function FormResult({
  success,
  error,
  quietSuccess = false,
  stepUp = false,
  children,
}: {
  success?: ReactNode;
  error?: string | null;
  quietSuccess?: boolean;
  /** The action needs a fresh authentication first: the prompt with its link, not an error. */
  stepUp?: boolean;
  children?: ReactNode;
}) {
  return (
    <div aria-live="polite" className="text-sm">
      {success && (
        <p role={quietSuccess ? undefined : "status"} className="text-green-800">
          {success}
        </p>
      )}
      {children}
      {stepUp ? (
        <StepUpPrompt message={error} />
      ) : (
        error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )
      )}
    </div>
  );
}

/** What a react-hook-form form keeps of its action's answer: the text to show, and whether to ask for a step-up. */
export type SubmitOutcome = { ok: boolean; text: string; stepUp?: boolean } | null;

/** FormResult for a SubmitOutcome. */
export function OutcomeResult({ result }: { result: SubmitOutcome }) {
  return (
    <FormResult
      success={result?.ok && result.text}
      error={result && !result.ok ? result.text : null}
      stepUp={result?.stepUp}
    />
  );
}

/**
 * FormResult for a server action's state: its message on success, its form error on failure —
 * unless the refusal named fields: then the form's error summary (./error-summary.tsx) says it.
 */
export function ActionOutcome({
  state,
  quietSuccess,
}: {
  state: ActionResult<unknown> | null;
  quietSuccess?: boolean;
}) {
  return (
    <FormResult
      success={state?.ok && state.message}
      quietSuccess={quietSuccess}
      error={refusalMessage(state)}
      stepUp={!!state && !state.ok && state.stepUp === true}
    />
  );
}

/** What a one-time form said once it worked, in its place (with `children`: the next step, a link). */
export function FormDone({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-green-200 bg-green-50 p-5 text-green-900">
      <p>{message}</p>
      {children}
    </div>
  );
}
