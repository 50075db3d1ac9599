// The body of a server-action request is decoded by React (decodeReply) before any action code
// runs. A body our own pages could never send — text that is not JSON, a "$" reference to a part
// that does not exist, a bigint that is not a number, nesting deep enough to overflow the decoder's
// stack — throws inside Next and comes back as a 500. proxy.ts runs this check first, so such a
// request is a 400 with a reason instead, and no action sees it.
//
// What React's encodeReply writes for the arguments our actions take (plain values, FormData):
// strings starting with "$" are escaped as "$$…"; undefined, NaN, ±Infinity and -0 as "$undefined",
// "$NaN", "$Infinity", "$-Infinity", "$-0"; dates as "$D<iso>"; bigints as "$n<digits>"; a FormData
// argument as "$K<part>" (multipart bodies only). Anything else starting with "$" is refused.
// So is a NUL character anywhere: PostgreSQL cannot store or even compare text holding one, so no
// valid input has it, and letting it through turns a lookup into a database error.

export type ActionBodyVerdict = { ok: true } | { ok: false; reason: string };

/** Far deeper than any form of ours (the deepest argument is 3 levels), far below the decoder's stack. */
export const MAX_ACTION_DEPTH = 64;

const SCALAR_TAGS = /^\$(\$.*|undefined|NaN|Infinity|-Infinity|-0|D.*|n-?\d{1,400})$/s;
const FORM_TAG = /^\$K\d{1,6}$/;

/** Checks one JSON-encoded part (the whole body for text/plain, part "0" for multipart). */
export function checkActionJson(text: string, opts: { multipart: boolean }): ActionBodyVerdict {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return { ok: false, reason: "The request body is not valid JSON." };
  }
  if (!Array.isArray(root)) return { ok: false, reason: "The request body must be a list of arguments." };
  // Iterative walk: the point is to refuse what would overflow a recursive one.
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return NUL;
      if (value.startsWith("$") && !SCALAR_TAGS.test(value) && !(opts.multipart && FORM_TAG.test(value))) {
        return { ok: false, reason: "The request body holds a reference this form never sends." };
      }
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_ACTION_DEPTH)
      return { ok: false, reason: `The request body is nested more than ${MAX_ACTION_DEPTH} levels deep.` };
    for (const [k, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      if (typeof k === "string" && k.includes("\u0000")) return NUL;
      stack.push([child, depth + 1]);
    }
  }
  return { ok: true };
}

const NUL: ActionBodyVerdict = { ok: false, reason: "The request holds a NUL character, which no field accepts." };

/** A multipart action body: part "0" holds the arguments; the form's own fields are plain strings. */
export function checkActionForm(form: FormData): ActionBodyVerdict {
  for (const [k, v] of form) if (k.includes("\u0000") || (typeof v === "string" && v.includes("\u0000"))) return NUL;
  const args = form.get("0");
  if (typeof args !== "string") return { ok: false, reason: "The request body has no arguments part." };
  return checkActionJson(args, { multipart: true });
}
