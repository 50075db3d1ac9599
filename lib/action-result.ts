// One result type for every server action: the form shows fieldErrors next to fields and
// formError at the top. Only typed errors' messages reach the user.
import { isAppError, StepUpRequiredError, ValidationError } from "@/lib/errors";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "@/lib/db-faults";
import { log } from "@/lib/ops/log";

export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | {
      ok: false;
      formError?: string;
      fieldErrors?: Record<string, string[] | undefined>;
      /** The action needs a fresh authentication first (lib/auth/step-up.ts); nothing was changed. */
      stepUp?: true;
    };

/** The refusals every action shares, written once (lib/actions/action-client.ts uses them). */
export const ACTION_MESSAGES = {
  /** Hidden fields missing or altered, or not a form at all: nothing the person typed is wrong. */
  incomplete: "The form was incomplete; reload the page.",
  /** What the person typed is wrong; the field errors say where. */
  invalid: "Please correct the marked fields.",
  /** A link's token is malformed (invitations). */
  badLink: "This invitation link is not valid.",
} as const;

export function failure(err: unknown): ActionResult<never> {
  if (err instanceof ValidationError) return { ok: false, formError: err.message, fieldErrors: err.fieldErrors };
  if (err instanceof StepUpRequiredError) return { ok: false, formError: err.message, stepUp: true };
  if (isAppError(err)) return { ok: false, formError: err.message };
  // Transactions roll back when the connection goes: nothing half-written, so "try again" is safe.
  if (isDatabaseUnavailable(err)) return { ok: false, formError: UNAVAILABLE_MESSAGE };
  log.error({ err }, "[action] failed");
  return { ok: false, formError: "Something went wrong on our side. Nothing was changed; please try again." };
}

/** The answer to a (prev, FormData) action called with something other than a form (lib/security/action-input.ts). */
export const NOT_A_FORM = { ok: false as const, formError: ACTION_MESSAGES.incomplete };
