// The shapes of OpenID AuthZEN Authorization API 1.0 requests (§5 information model, §6–§8), parsed
// with zod, and the one error type every endpoint answers with. Two rules of the spec decide how
// strict this is:
// - "receivers MUST ignore unknown fields" (§10.1.1): unknown members are dropped, never refused;
// - "If a required attribute … is omitted, the server MUST return a Bad Request": a missing or
//   mistyped member is a 400 whose message names it (`subject.id is required`).
// Strings are bounded and may not hold a NUL (PostgreSQL cannot compare text holding one, so a
// lookup by such an id would otherwise be a database error).
import "server-only";
import { z } from "zod";

export const MAX_STRING = 512;
export const MAX_EVALUATIONS = 1000;
export const EVALUATIONS_SEMANTICS = ["execute_all", "deny_on_first_deny", "permit_on_first_permit"] as const;
export type EvaluationsSemantic = (typeof EVALUATIONS_SEMANTICS)[number];

/** An error of the whole request (§10.1.2): its HTTP status and a message naming what is wrong. */
export class AuthzenError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 415 | 429 | 503,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AuthzenError";
  }
}

const text = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .min(1, "must not be empty")
  .max(MAX_STRING, `must be at most ${MAX_STRING} characters`)
  .refine((s) => !s.includes("\u0000"), "must not contain a NUL character");

/** `properties`, `context`: any JSON object (its members are the PEP's business). */
const object = z.custom<Record<string, unknown>>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "must be an object",
);
const entity = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape, { error: (i) => (i.input === undefined ? "is required" : "must be an object") });

export const SubjectSchema = entity({ type: text, id: text, properties: object.optional() });
export const ResourceSchema = entity({ type: text, id: text, properties: object.optional() });
export const ActionSchema = entity({ name: text, properties: object.optional() });
/** The entity a search looks for: its `id` is not needed, and ignored when sent (§8). */
const searched = entity({ type: text, id: z.unknown().optional(), properties: object.optional() });

export type Subject = z.infer<typeof SubjectSchema>;
export type Resource = z.infer<typeof ResourceSchema>;
export type Action = z.infer<typeof ActionSchema>;

export const EvaluationSchema = z.object({
  subject: SubjectSchema,
  action: ActionSchema,
  resource: ResourceSchema,
  context: object.optional(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** §7.1: top-level entities are defaults for each item of `evaluations`; `options` picks the semantic. */
export const EvaluationsSchema = z.object({
  subject: z.unknown().optional(),
  action: z.unknown().optional(),
  resource: z.unknown().optional(),
  context: z.unknown().optional(),
  evaluations: z
    .array(z.unknown(), { error: "must be an array" })
    .max(MAX_EVALUATIONS, `holds at most ${MAX_EVALUATIONS} evaluations per request`)
    .optional(),
  options: entity({
    evaluations_semantic: z
      .enum(EVALUATIONS_SEMANTICS, { error: `must be one of ${EVALUATIONS_SEMANTICS.join(", ")}` })
      .optional(),
  }).optional(),
});

/** §8.3: `token` from a previous answer's `next_token`; `limit` a non-negative integer. */
const PageSchema = entity({
  token: z.string({ error: "must be a string" }).max(2000, "is not a token of ours").optional(),
  limit: z
    .number({ error: "must be a number" })
    .int("must be an integer")
    .min(0, "must not be negative")
    .max(1_000_000, "is too large")
    .optional(),
  properties: object.optional(),
}).optional();

export const SubjectSearchSchema = z.object({
  subject: searched,
  action: ActionSchema,
  resource: ResourceSchema,
  context: object.optional(),
  page: PageSchema,
});
export const ResourceSearchSchema = z.object({
  subject: SubjectSchema,
  action: ActionSchema,
  resource: searched,
  context: object.optional(),
  page: PageSchema,
});
export const ActionSearchSchema = z.object({
  subject: SubjectSchema,
  resource: ResourceSchema,
  context: object.optional(),
  page: PageSchema,
});
export type SubjectSearch = z.infer<typeof SubjectSearchSchema>;
export type ResourceSearch = z.infer<typeof ResourceSearchSchema>;
export type ActionSearch = z.infer<typeof ActionSearchSchema>;

/** The first problem, as `path message` (`subject.id is required`), prefixed for batch items. */
export function issueMessage(error: z.ZodError, prefix = ""): string {
  const issue = error.issues[0]!;
  const at = [prefix, ...issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p)))]
    .filter(Boolean)
    .join(".")
    .replace(/\.\[/g, "[");
  return at ? `${at} ${issue.message}` : issue.message;
}

/** `value` parsed by `schema`, or a 400 naming the first offending member. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AuthzenError(400, issueMessage(r.error));
  return r.data;
}

/** The caller asked for the reasons of a decision (`context.explain: true`, README "AuthZEN"). */
export function wantsExplanation(context: Record<string, unknown> | undefined): boolean {
  return context?.explain === true;
}
