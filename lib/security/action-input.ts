// A server action is a public POST endpoint: its arguments are whatever the caller encoded, not
// what our form sent. A (prev, FormData) action called with a string or an object in place of the
// form would throw on form.get() — a 500 — so it checks the shape first and refuses with a message.
import { ACTION_MESSAGES } from "@/lib/action-result";

export const NOT_A_FORM = { ok: false as const, formError: ACTION_MESSAGES.incomplete };

export function isForm(value: unknown): value is FormData {
  return value instanceof FormData;
}
