// The policy file format (DESIGN.md "Policy files"), validated with zod at load and in tests.
import { z } from "zod";
import { ACTIONS, SUBJECTS } from "./subjects";

// `can: read` and `can: [read, update]` both work; a preprocess (not a union) keeps the inner
// error message ("unknown action …") instead of a generic "invalid input".
const oneOrMany = <T extends z.ZodTypeAny>(t: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(t).min(1));

// A rule is about our own record types (SUBJECTS, ACTIONS) or about a connected service's
// resource type (`permits.permit`, with the actions policies/services/permits.yaml declares).
// Both are plain names here; lib/policy/load.ts checks each against the one list that applies,
// with the same "unknown subject/action …; known: …" message.
const action = z.string({ error: "an action is a name" }).min(1);
const subject = z.string({ error: "a subject is a name" }).min(1);

export const APP_SUBJECTS: readonly string[] = SUBJECTS;
export const APP_ACTIONS: readonly string[] = ACTIONS;

// `where` is Prisma where-syntax as @casl/prisma understands it; checked further in load.ts.
const where = z.record(z.string(), z.unknown());

export const RuleSchema = z
  .object({
    can: oneOrMany(action).optional(),
    cannot: oneOrMany(action).optional(),
    on: oneOrMany(subject),
    where: where.optional(),
    fields: z.array(z.string()).min(1).optional(),
    reason: z.string().optional(),
  })
  .strict()
  .refine((r) => (r.can ? 1 : 0) + (r.cannot ? 1 : 0) === 1, {
    message: "a rule has exactly one of `can` or `cannot`",
  });

export const GroupSchema = z
  .object({
    group: z.string().regex(/^[a-z][a-z0-9_]*$/, "group names are lower_snake_case"),
    label: z.string().min(1),
    description: z.string().optional(),
    scope: z.enum(["municipality", "platform", "public"]),
    extends: z.array(z.string()).default([]),
    /** Holders are reviewed in every "privileged groups" access review (lib/governance). */
    privileged: z.boolean().default(false),
    /** Kept working for those who hold it; no new grants; its holders go into the next review. */
    deprecated: z.boolean().default(false),
    deprecationReason: z.string().min(1).optional(),
    rules: z.array(RuleSchema).default([]),
  })
  .strict()
  .refine((g) => !g.deprecated || Boolean(g.deprecationReason), {
    message: "a deprecated group says why: add `deprecationReason`",
    path: ["deprecationReason"],
  })
  .refine((g) => g.deprecated || !g.deprecationReason, {
    message: "`deprecationReason` without `deprecated: true`",
    path: ["deprecationReason"],
  });

export type PolicyRule = z.infer<typeof RuleSchema>;
export type GroupPolicy = z.infer<typeof GroupSchema>;
