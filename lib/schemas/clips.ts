// Clips (issue 21) as the editor, the saved-clip forms, the lists and the JSON API parse them: one
// zod schema per input, every refusal naming its field in plain words. SQL is checked only for
// size and for a NUL byte here (PostgreSQL cannot hold one); what it may read is decided by the
// clips role and its views (lib/clips), never by inspecting the text.
import { z } from "zod";
import { noNul } from "./filter-text";
import { pagingFields } from "./paging";

/** The longest SQL text a run or a saved clip takes. */
export const MAX_CLIP_SQL = 20_000;
export const MAX_CLIP_NAME = 120;
export const MAX_CLIP_DESCRIPTION = 1_000;

const sql = z
  .string({ error: "SQL: write a query." })
  .refine((s) => s.trim().length > 0, "SQL: write a query.")
  .refine((s) => s.length <= MAX_CLIP_SQL, `SQL: ${MAX_CLIP_SQL.toLocaleString("en")} characters at most.`)
  .refine(noNul, "SQL: contains a NUL character.");

const clipId = z
  .string({ error: "Clip: not a saved clip." })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Clip: not a saved clip.")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** Running SQL in the editor or through the API; `clipId`: the saved clip it runs (its latest result). */
export const clipRunInput = z.object({ sql, clipId }).strict();
export type ClipRunForm = z.input<typeof clipRunInput>;
export type ClipRunInput = z.output<typeof clipRunInput>;

/**
 * Running a saved clip through the API (POST /api/v1/clips/<id>/runs): `{ "saved": true }` runs its
 * saved SQL, `{ "sql": … }` an edited version (the clip's latest result only when it is the saved
 * SQL). An empty body says nothing and is refused, like any write that names nothing.
 */
export const clipSavedRunInput = z
  .object({ sql: sql.optional(), saved: z.literal(true, { error: "Saved: true, to run the saved SQL." }).optional() })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.sql === undefined) === (v.saved === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["sql"],
        message: 'SQL: send the SQL to run, or "saved": true to run the saved SQL.',
      });
  });
export type ClipSavedRunInput = z.output<typeof clipSavedRunInput>;

/** Saving a clip (new, or changing one): shared with everyone in the municipality who may use clips. */
const name = z
  .string({ error: "Name: required." })
  .trim()
  .min(1, "Name: required.")
  .max(MAX_CLIP_NAME, `Name: ${MAX_CLIP_NAME} characters at most.`)
  .refine(noNul, "Name: contains a NUL character.");
const description = z
  .string({ error: "Description: a text." })
  .trim()
  .max(MAX_CLIP_DESCRIPTION, `Description: ${MAX_CLIP_DESCRIPTION.toLocaleString("en")} characters at most.`)
  .refine(noNul, "Description: contains a NUL character.");

export const clipSaveInput = z.object({ name, description: description.optional().default(""), sql }).strict();
export type ClipSaveForm = z.input<typeof clipSaveInput>;
export type ClipSaveInput = z.output<typeof clipSaveInput>;

/** Changing a saved clip through the API (PATCH): any of its fields, at least one. */
export const clipPatchInput = z
  .object({ name: name.optional(), description: description.optional(), sql: sql.optional() })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "Nothing to change: send name, description or sql.",
    path: ["name"],
  });

export const CLIP_SORTS = ["name", "updatedAt", "createdAt"] as const;
export type ClipSort = (typeof CLIP_SORTS)[number];
export const CLIP_SORT_LABELS: Record<ClipSort, string> = {
  name: "Name",
  updatedAt: "Last changed",
  createdAt: "Created",
};

/** The saved clips list: search in name and description, sort, page. */
export const clipListQuery = z
  .object({
    q: z
      .string({ error: "Search: a text." })
      .trim()
      .max(200, "Search: 200 characters at most.")
      .refine(noNul, "Search: contains a NUL character.")
      .optional()
      .transform((s) => (s ? s : undefined)),
    sort: z.enum(CLIP_SORTS, { error: "Sort: name, last changed or created." }).default("updatedAt"),
    dir: z.enum(["asc", "desc"], { error: "Order: ascending or descending." }).optional(),
    ...pagingFields,
  })
  .strict()
  // Names read best A→Z; dates newest first.
  .transform((q) => ({ ...q, dir: q.dir ?? (q.sort === "name" ? ("asc" as const) : ("desc" as const)) }));
export type ClipListForm = z.input<typeof clipListQuery>;
export type ClipListQuery = z.output<typeof clipListQuery>;

/** One page of a run's result rows. */
export const clipRunPageQuery = z.object({ ...pagingFields }).strict();
export type ClipRunPageQuery = z.output<typeof clipRunPageQuery>;
