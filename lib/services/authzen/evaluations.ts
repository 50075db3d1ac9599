// Access Evaluations (§7): many decisions in one call, answered in request order.
// - Without `evaluations` (or with an empty array) the request is a single evaluation and the
//   answer a single Decision (§7.1, backwards compatible).
// - The top-level subject, action, resource and context are defaults: an item that omits one
//   inherits it whole; an item that names one replaces it whole (no merging of members).
// - An item that is still incomplete or malformed is that item's `false`, with
//   `context.error { status: 400, message }` naming the member; the others are decided (§7.2.1).
// - `options.evaluations_semantic`: execute_all (default) decides every item; deny_on_first_deny
//   stops after the first `false`, permit_on_first_permit after the first `true` — the answer then
//   holds the items up to and including that one.
import "server-only";
import { evaluate, type Decision, type DecisionCache } from "./evaluate";
import { EvaluationSchema, EvaluationsSchema, issueMessage, parseOr400, type EvaluationsSemantic } from "./schema";

export type EvaluationsAnswer = Decision | { evaluations: Decision[] };

const DEFAULTED = ["subject", "action", "resource", "context"] as const;

function stops(semantic: EvaluationsSemantic, d: Decision): boolean {
  return semantic === "deny_on_first_deny" ? !d.decision : semantic === "permit_on_first_permit" && d.decision;
}

export async function evaluations(cache: DecisionCache, body: unknown): Promise<EvaluationsAnswer> {
  const req = parseOr400(EvaluationsSchema, body);
  if (!req.evaluations?.length) return evaluate(cache, parseOr400(EvaluationSchema, body));
  const semantic = req.options?.evaluations_semantic ?? "execute_all";
  const out: Decision[] = [];
  for (const [i, item] of req.evaluations.entries()) {
    const d = await decideItem(cache, req, item, i);
    out.push(d);
    if (stops(semantic, d)) break;
  }
  return { evaluations: out };
}

async function decideItem(
  cache: DecisionCache,
  defaults: Partial<Record<(typeof DEFAULTED)[number], unknown>>,
  item: unknown,
  i: number,
): Promise<Decision> {
  const at = `evaluations[${i}]`;
  if (typeof item !== "object" || item === null || Array.isArray(item))
    return { decision: false, context: { error: { status: 400, message: `${at} must be an object` } } };
  const merged: Record<string, unknown> = {};
  for (const k of DEFAULTED) merged[k] = (item as Record<string, unknown>)[k] ?? defaults[k];
  const parsed = EvaluationSchema.safeParse(merged);
  if (!parsed.success)
    return { decision: false, context: { error: { status: 400, message: issueMessage(parsed.error, at) } } };
  return evaluate(cache, parsed.data);
}
