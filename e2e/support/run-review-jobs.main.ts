// Child process of test/fixtures/review-jobs.ts: runs the access-review job's steps (schedules, reviewer
// reassignment, closing due campaigns, reminders — lib/flows/access-reviews.ts) as the scheduled
// job does, but at a chosen time and for one municipality, so a spec can pass a due date without
// waiting for it. Prints the result as one line of JSON.
// Usage: tsx --conditions=react-server e2e/support/run-review-jobs.main.ts --now <ISO> --municipality <id|slug> [--jobs close,remind,schedules,reassign]
import { parseArgs } from "node:util";
import {
  closeDueReviews,
  reassignIneligibleReviewers,
  remindReviewers,
  runReviewSchedules,
} from "@/lib/flows/access-reviews";
import { db } from "@/lib/db";

const { values } = parseArgs({
  options: { now: { type: "string" }, municipality: { type: "string" }, jobs: { type: "string" } },
});
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) throw new Error(`--now: not a date: ${values.now}`);
if (!values.municipality) throw new Error("--municipality <id|slug> is required (never every municipality)");
const m = await db.municipality.findFirstOrThrow({
  where: { OR: [{ id: values.municipality }, { slug: values.municipality }] },
  select: { id: true },
});
const jobs = new Set((values.jobs ?? "schedules,reassign,close,remind").split(","));
const scope = { now, municipalityIds: [m.id] };
const out: Record<string, unknown> = {};
if (jobs.has("schedules")) out.schedules = await runReviewSchedules(scope);
if (jobs.has("reassign")) out.reassigned = await db.$transaction((tx) => reassignIneligibleReviewers(tx, scope));
if (jobs.has("close")) out.close = await closeDueReviews(scope);
if (jobs.has("remind")) out.remind = await remindReviewers(scope);
process.stdout.write(`${JSON.stringify(out)}\n`);
await db.$disconnect();
process.exit(0);
