// Access review campaigns and their schedules as forms and lists read them (issue 20): the zod
// schemas the server actions and lib/flows/access-reviews.ts parse with, and the plain words for
// every enum value, so pages never show SUSPENDED_UNDECIDED or PRIVILEGED. Dates come in as
// yyyy-mm-dd (a date input) and mean the end of that day in UTC for a due date, its start for a
// schedule's first run. Every refusal names its field.
import { z } from "zod";
import { pagingFields } from "./paging";

export const REVIEW_SCOPES = ["ALL", "GROUP", "PRIVILEGED"] as const;
export type ReviewScope = (typeof REVIEW_SCOPES)[number];
export const REVIEW_UNDECIDED_RULES = ["KEEP", "SUSPEND"] as const;
export type ReviewUndecidedRule = (typeof REVIEW_UNDECIDED_RULES)[number];
export const REVIEW_DECISIONS = ["CONFIRM", "CHANGE", "REVOKE"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type ReviewOutcome = "CONFIRMED" | "CHANGED" | "REVOKED" | "KEPT_UNDECIDED" | "SUSPENDED_UNDECIDED" | "MOOT";
export type ReviewStatus = "OPEN" | "CLOSED";

/** Who a campaign reviews, as the start form offers it and the campaign page says it. */
export const SCOPE_LABELS: Record<ReviewScope, string> = {
  ALL: "Everyone in the municipality",
  GROUP: "Holders of one group",
  PRIVILEGED: "Holders of privileged groups",
};
/** What happens at the due date to the people nobody decided on, with a hint for the start form. */
export const UNDECIDED_RULE_CHOICES: readonly { value: ReviewUndecidedRule; label: string; hint: string }[] = [
  {
    value: "KEEP",
    label: "Keep their access",
    hint: "Nothing changes for them; the report shows they were not decided.",
  },
  {
    value: "SUSPEND",
    label: "Suspend their membership",
    hint: "Their membership is suspended at the due date until an administrator reactivates it.",
  },
];
/** The reviewer's three choices, with a hint for the decision form. */
export const DECISION_CHOICES: readonly { value: ReviewDecision; label: string; hint: string }[] = [
  { value: "CONFIRM", label: "Confirm access", hint: "They keep every group under review." },
  { value: "CHANGE", label: "Remove some groups", hint: "Tick the groups they keep; the others are removed at once." },
  { value: "REVOKE", label: "Revoke the reviewed groups", hint: "Every group under review is removed at once." },
];
const labelsOf = <T extends string>(choices: readonly { value: T; label: string }[]) =>
  Object.fromEntries(choices.map((c) => [c.value, c.label])) as Record<T, string>;
export const UNDECIDED_RULE_LABELS = labelsOf(UNDECIDED_RULE_CHOICES);
export const DECISION_LABELS = labelsOf(DECISION_CHOICES);
/** What became of each person, in the lists and the report. */
export const OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  CONFIRMED: "Confirmed",
  CHANGED: "Groups removed",
  REVOKED: "Revoked",
  KEPT_UNDECIDED: "Not decided: access kept",
  SUSPENDED_UNDECIDED: "Not decided: membership suspended",
  MOOT: "No longer active: nothing to decide",
};
export const STATUS_LABELS: Record<ReviewStatus, string> = { OPEN: "Open", CLOSED: "Closed" };

/** The longest campaign: a due date more than this many days ahead is a typo. */
export const MAX_REVIEW_DAYS = 366;
const DAY_MS = 86_400_000;

const yyyyMmDd = (label: string) =>
  z
    .string({ error: `${label}: a date (yyyy-mm-dd).` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: a date (yyyy-mm-dd).`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${label}: not a real date.`);

/** A due date yyyy-mm-dd → the last moment of that day (UTC): due "on the 15th" means through the 15th. */
export function endOfDay(s: string): Date {
  return new Date(new Date(`${s}T00:00:00Z`).getTime() + DAY_MS - 1000);
}

const name = z
  .string({ error: "Name: required." })
  .trim()
  .min(3, "Name: 3 characters or more.")
  .max(120, "Name: 120 characters at most.")
  .refine((s) => !s.includes("\u0000"), "Name: not a valid text.");
const scope = z.enum(REVIEW_SCOPES, { error: "Scope: everyone, one group or privileged groups." });
const group = z
  .string()
  .trim()
  .max(64, "Group: unknown group.")
  .optional()
  .transform((g) => (g ? g : undefined));
const undecidedRule = z.enum(REVIEW_UNDECIDED_RULES, { error: "When undecided: keep or suspend." });

/** A GROUP campaign names its group; the others name none (a stray value is dropped). */
function groupWhenScoped<T extends { scope: ReviewScope; group?: string }>(v: T, ctx: z.RefinementCtx) {
  if (v.scope === "GROUP" && !v.group)
    ctx.addIssue({ code: "custom", path: ["group"], message: "Group: choose the group to review." });
}
const dropGroup = <T extends { scope: ReviewScope; group?: string }>(v: T): T =>
  v.scope === "GROUP" ? v : { ...v, group: undefined };

/** Starting a campaign (admin form). The group's existence is checked against the policies by the flow. */
export const reviewStartInput = z
  .object({ name, scope, group, dueAt: yyyyMmDd("Due date"), undecidedRule })
  .strict()
  .superRefine(groupWhenScoped)
  .transform(dropGroup);
export type ReviewStartForm = z.input<typeof reviewStartInput>;
export type ReviewStart = z.output<typeof reviewStartInput>;

const keptGroups = z
  .union([z.string(), z.array(z.string({ error: "Groups to keep: unknown group." }))])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat().filter(Boolean)))
  .pipe(z.array(z.string().max(64, "Groups to keep: unknown group.")).max(50, "Groups to keep: too many."));

/** A reviewer's decision on one person. CHANGE keeps `keptGroups` (checked against the item by the flow). */
export const reviewDecisionInput = z
  .object({
    decision: z.enum(REVIEW_DECISIONS, { error: "Decision: confirm, remove some groups or revoke." }),
    keptGroups,
    note: z
      .string()
      .trim()
      .max(1000, "Note: 1000 characters at most.")
      .refine((s) => !s.includes("\u0000"), "Note: not a valid text.")
      .optional()
      .transform((s) => (s ? s : undefined)),
  })
  .strict();
export type ReviewDecisionForm = z.input<typeof reviewDecisionInput>;
export type ReviewDecisionInput = z.output<typeof reviewDecisionInput>;

/** A schedule: a campaign every `everyMonths` months, due `dueDays` days after it starts. */
export const reviewScheduleInput = z
  .object({
    name,
    scope,
    group,
    everyMonths: z.coerce
      .number({ error: "Every: a number of months." })
      .int("Every: a whole number of months.")
      .min(1, "Every: 1 month or more.")
      .max(36, "Every: 36 months at most."),
    dueDays: z.coerce
      .number({ error: "Days to decide: a number." })
      .int("Days to decide: a whole number.")
      .min(1, "Days to decide: 1 or more.")
      .max(90, "Days to decide: 90 at most."),
    undecidedRule,
    firstRunAt: yyyyMmDd("First campaign"),
  })
  .strict()
  .superRefine(groupWhenScoped)
  .transform(dropGroup);
export type ReviewScheduleForm = z.input<typeof reviewScheduleInput>;
export type ReviewScheduleInput = z.output<typeof reviewScheduleInput>;

const dir = z.enum(["asc", "desc"], { error: "Direction: asc or desc." }).optional();
const q = z
  .string()
  .trim()
  .max(100, "Search: 100 characters at most.")
  .refine((s) => !s.includes("\u0000"), "Search: not a valid text.")
  .optional();

/** What every list here reads from its URL: search, direction, page (each list adds its filter and sorts). */
const listBase = z.object({ q, dir, ...pagingFields });
const oneOf = <T extends string>(values: readonly [T, ...T[]], error: string) => z.enum(values, { error }).optional();

export const REVIEW_LIST_STATUSES = ["open", "closed", "all"] as const;
export const REVIEW_LIST_SORTS = ["createdAt", "dueAt", "name"] as const;
export const REVIEW_ITEM_STATES = ["undecided", "decided", "all"] as const;
export const REVIEW_ITEM_SORTS = ["name", "decidedAt", "reviewer"] as const;
const SORT_ERROR = "Unknown sort.";

/** A list's query: the shared fields, its filter under `key` and its sorts. */
function listQuery<K extends string, F extends string, S extends string>(
  key: K,
  filter: { values: readonly [F, ...F[]]; error: string },
  sorts: readonly [S, ...S[]],
) {
  const own = { [key]: oneOf(filter.values, filter.error) } as Record<K, ReturnType<typeof oneOf<F>>>;
  return listBase.extend({ ...own, sort: oneOf(sorts, SORT_ERROR) }).strict();
}

/** The admin's list of campaigns. */
export const reviewListQuery = listQuery(
  "status",
  { values: REVIEW_LIST_STATUSES, error: "Status: open, closed or all." },
  REVIEW_LIST_SORTS,
);
export type ReviewListQuery = z.output<typeof reviewListQuery>;

/** The people of one campaign (admin) or assigned to me (reviewer). */
export const reviewItemsQuery = listQuery(
  "state",
  { values: REVIEW_ITEM_STATES, error: "Show: undecided, decided or all." },
  REVIEW_ITEM_SORTS,
);
export type ReviewItemsQuery = z.output<typeof reviewItemsQuery>;
