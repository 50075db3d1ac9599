// A server action is a public POST endpoint: its arguments are whatever the caller encoded, not
// what our form sent. A (prev, FormData) action called with a string or an object in place of the
// form would throw on form.get() — a 500 — so it checks the shape first (the refusal it then
// returns is NOT_A_FORM in lib/action-result.ts).
export function isForm(value: unknown): value is FormData {
  return value instanceof FormData;
}
